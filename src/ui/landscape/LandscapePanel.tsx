// The loss landscape of the network being trained, in the playground under the charts: a 2-D
// slice around the current weights, the training path on the plane of its principal
// components, the line from the initial weights, and the Hessian's extreme eigenvalues (on
// demand, or every N steps while training). Each is asked of the worker, which measures
// between chunks of training (or while paused) on a fixed batch, so the page never waits on it.
import { useMemo, useState } from 'react';
import * as Comlink from 'comlink';
import type {
  CurvatureFrame,
  LossLineFrame,
  LossSliceFrame,
  TrajectoryFrame,
} from '../../engine/analysis/landscapeFrames';
import { getEngine } from '../app/engineClient';
import { gridOfValues } from '../lab/surfaceGrid';
import { useAppStore } from '../store/store';
import { CurvatureReadout } from './CurvatureReadout';
import { CurvatureTrackChart } from './CurvatureTrackChart';
import { Landscape3D } from './Landscape3D';
import { LandscapeMap } from './LandscapeMap';
import { LossLineChart } from './LossLineChart';
import { sliceSurface, trajectorySurface, type PlaneSurface } from './planeSurface';
import '../lab/lab.css';
import './landscape.css';

const RESOLUTIONS = [21, 41, 61] as const;
const SPAN = 1;
/** Hessian-vector products (two gradients each) per curvature measurement. */
const CURVATURE_PRODUCTS = 20;
const DEFAULT_TRACK_STEPS = 50;

type Busy = null | 'slice' | 'trajectory' | 'line' | 'curvature';
type View = 'map' | '3d';

export function LandscapePanel() {
  const [resolution, setResolution] = useState<number>(21);
  const [view, setView] = useState<View>('map');
  const [busy, setBusy] = useState<Busy>(null);
  const [progress, setProgress] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [slice, setSlice] = useState<LossSliceFrame | null>(null);
  const [trajectory, setTrajectory] = useState<TrajectoryFrame | null>(null);
  const [lossLine, setLossLine] = useState<LossLineFrame | null>(null);
  const [curvature, setCurvature] = useState<CurvatureFrame | null>(null);
  const [trackSteps, setTrackSteps] = useState(DEFAULT_TRACK_STEPS);
  const tracking = useAppStore((s) => s.curvatureEvery);
  const setTracking = useAppStore((s) => s.setCurvatureEvery);
  const track = useAppStore((s) => s.curvatureTrack);

  const measure = async <T,>(
    kind: Exclude<Busy, null>,
    ask: () => Promise<{ ok: true; frame: T } | { ok: false; message: string }>,
    keep: (frame: T) => void,
  ) => {
    setBusy(kind);
    setError(null);
    setProgress('');
    try {
      const answer = await ask();
      if (answer.ok) keep(answer.frame);
      else setError(answer.message);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  const onRow = Comlink.proxy((done: number, of: number) => setProgress(`row ${done} of ${of}`));

  const engine = getEngine();
  const setTrack = (steps: number | null) => {
    setTracking(steps);
    void engine.trackCurvature(steps);
  };
  return (
    <section
      className="panel landscape-panel"
      aria-label="Loss landscape"
      data-testid="landscape-panel"
    >
      <h2 className="panel-title">Loss landscape of this network</h2>
      <p className="landscape-note">
        On a fixed batch of training samples, around the current weights θ: the loss over θ + a·d₁ +
        b·d₂ along two random filter-normalised directions (Li et al. 2018); the training path on
        the plane of its first two principal components, with the loss on that same plane; the loss
        on the straight line from the initial weights; and the Hessian’s extreme eigenvalues.
        Measured between steps; training goes on.
      </p>
      <div className="landscape-controls">
        <label>
          Grid{' '}
          <select
            value={resolution}
            onChange={(e) => setResolution(Number(e.target.value))}
            data-testid="landscape-resolution"
          >
            {RESOLUTIONS.map((r) => (
              <option key={r} value={r}>
                {r} × {r}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={busy !== null}
          data-testid="landscape-compute-slice"
          onClick={() =>
            void measure('slice', () => engine.lossSlice(resolution, SPAN, onRow), setSlice)
          }
        >
          {busy === 'slice' ? 'Slicing…' : 'Compute slice'}
        </button>
        <button
          type="button"
          disabled={busy !== null}
          data-testid="landscape-compute-trajectory"
          onClick={() =>
            void measure('trajectory', () => engine.trajectory(resolution, onRow), setTrajectory)
          }
        >
          {busy === 'trajectory' ? 'Mapping…' : 'Path on its PCA plane'}
        </button>
        <button
          type="button"
          disabled={busy !== null}
          data-testid="landscape-compute-line"
          onClick={() => void measure('line', () => engine.lossLine(), setLossLine)}
        >
          {busy === 'line' ? 'Measuring…' : 'Line from θ₀'}
        </button>
        <button
          type="button"
          disabled={busy !== null}
          data-testid="landscape-compute-curvature"
          onClick={() =>
            void measure('curvature', () => engine.curvature(CURVATURE_PRODUCTS), setCurvature)
          }
        >
          {busy === 'curvature' ? 'Iterating…' : 'Curvature'}
        </button>
        <span className="landscape-progress" data-testid="landscape-progress" aria-live="polite">
          {busy === 'slice' || busy === 'trajectory' ? progress : ''}
        </span>
      </div>
      <div className="landscape-controls">
        <span role="radiogroup" aria-label="Surface view" className="landscape-track">
          {(['map', '3d'] as const).map((v) => (
            <label key={v}>
              <input
                type="radio"
                name="landscape-view"
                checked={view === v}
                onChange={() => setView(v)}
                data-testid={`landscape-view-${v}`}
              />{' '}
              {v === 'map' ? 'Map' : '3-D'}
            </label>
          ))}
        </span>
        <span className="landscape-track">
          <label>
            <input
              type="checkbox"
              checked={tracking !== null}
              onChange={(e) => setTrack(e.target.checked ? trackSteps : null)}
              data-testid="landscape-track-curvature"
            />{' '}
            Track curvature while training, every
          </label>
          <input
            type="number"
            min={1}
            step={10}
            value={trackSteps}
            aria-label="Steps between curvature measurements"
            data-testid="landscape-track-steps"
            onChange={(e) => {
              const n = Math.max(1, Math.round(Number(e.target.value) || DEFAULT_TRACK_STEPS));
              setTrackSteps(n);
              if (tracking !== null) setTrack(n);
            }}
          />{' '}
          steps
        </span>
      </div>
      {error !== null && (
        <p className="landscape-error" role="alert">
          {error}
        </p>
      )}
      <div className="landscape-views">
        {slice !== null && (
          <PlaneFigure
            surface={sliceSurface(slice)}
            view={view}
            testId="landscape-slice"
            label="Loss around the current weights; the cross marks them"
            caption={
              <span data-testid="landscape-slice-caption">
                {slice.size} × {slice.size} at step {slice.step}, L(θ) = {slice.center.toFixed(4)}{' '}
                on {slice.batch} samples, {(slice.ms / 1000).toFixed(1)} s
              </span>
            }
          />
        )}
        {trajectory !== null && (
          <PlaneFigure
            surface={trajectorySurface(trajectory)}
            view={view}
            testId="landscape-trajectory"
            label="The training path on the plane of its principal components; the cross marks the current weights, the ring the initial ones"
            caption={
              <span data-testid="landscape-trajectory-caption">
                {trajectory.steps.length} points from step 0 (ringed) to step {trajectory.step}{' '}
                (crossed); {trajectory.size} × {trajectory.size} grid on {trajectory.batch} samples,{' '}
                {(trajectory.ms / 1000).toFixed(1)} s. The two directions explain{' '}
                {(100 * (trajectory.explained[0] + trajectory.explained[1])).toFixed(0)} % of the
                path’s variance.
              </span>
            }
          />
        )}
        {lossLine !== null && (
          <figure className="landscape-figure">
            <LossLineChart frame={lossLine} />
            <figcaption>
              From θ₀ to θ at step {lossLine.step}, {(lossLine.ms / 1000).toFixed(1)} s
            </figcaption>
          </figure>
        )}
        {curvature !== null && <CurvatureReadout frame={curvature} />}
        {track.length > 0 && <CurvatureTrackChart frames={track} />}
        {tracking !== null && track.length === 0 && (
          <p className="landscape-progress" data-testid="curvature-track-waiting">
            The first measurement comes after {tracking} steps of training.
          </p>
        )}
      </div>
    </section>
  );
}

function PlaneFigure(props: {
  surface: PlaneSurface;
  view: View;
  testId: string;
  label: string;
  caption: React.ReactNode;
}) {
  const { surface, view, testId, label, caption } = props;
  const grid = useMemo(
    () => gridOfValues(Float64Array.from(surface.losses), surface.size),
    [surface.losses, surface.size],
  );
  return (
    <figure className="landscape-figure">
      {view === 'map' ? (
        <LandscapeMap surface={surface} grid={grid} testId={`${testId}-map`} label={label} />
      ) : (
        <Landscape3D surface={surface} grid={grid} testId={`${testId}-3d`} />
      )}
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
