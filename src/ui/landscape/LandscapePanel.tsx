// The loss landscape of the network being trained, in the playground under the charts: a 2-D
// slice around the current weights, the line from the initial weights, and the Hessian's
// extreme eigenvalues. Each is asked of the worker on demand; it measures between chunks of
// training (or while paused) on a fixed batch, so the page never waits on it.
import { useState } from 'react';
import * as Comlink from 'comlink';
import type {
  CurvatureFrame,
  LossLineFrame,
  LossSliceFrame,
} from '../../engine/analysis/landscapeFrames';
import { getEngine } from '../app/engineClient';
import { CurvatureReadout } from './CurvatureReadout';
import { LossLineChart } from './LossLineChart';
import { SliceMap } from './SliceMap';
import '../lab/lab.css';
import './landscape.css';

const RESOLUTIONS = [21, 41, 61] as const;
const SPAN = 1;
const POWER_ITERATIONS = 20;

type Busy = null | 'slice' | 'line' | 'curvature';

export function LandscapePanel() {
  const [resolution, setResolution] = useState<number>(21);
  const [busy, setBusy] = useState<Busy>(null);
  const [progress, setProgress] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [slice, setSlice] = useState<LossSliceFrame | null>(null);
  const [lossLine, setLossLine] = useState<LossLineFrame | null>(null);
  const [curvature, setCurvature] = useState<CurvatureFrame | null>(null);

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

  const engine = getEngine();
  return (
    <section
      className="panel landscape-panel"
      aria-label="Loss landscape"
      data-testid="landscape-panel"
    >
      <h2 className="panel-title">Loss landscape of this network</h2>
      <p className="landscape-note">
        On a fixed batch of training samples, around the current weights θ: the loss over θ + a·d₁ +
        b·d₂ along two random filter-normalised directions (Li et al. 2018), the loss on the
        straight line from the initial weights, and the Hessian’s extreme eigenvalues. Measured
        between steps; training goes on.
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
            void measure(
              'slice',
              () =>
                engine.lossSlice(
                  resolution,
                  SPAN,
                  Comlink.proxy((done: number, of: number) => setProgress(`row ${done} of ${of}`)),
                ),
              setSlice,
            )
          }
        >
          {busy === 'slice' ? 'Slicing…' : 'Compute slice'}
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
            void measure('curvature', () => engine.curvature(POWER_ITERATIONS), setCurvature)
          }
        >
          {busy === 'curvature' ? 'Iterating…' : 'Curvature'}
        </button>
        <span className="landscape-progress" data-testid="landscape-progress" aria-live="polite">
          {busy === 'slice' ? progress : ''}
        </span>
      </div>
      {error !== null && (
        <p className="landscape-error" role="alert">
          {error}
        </p>
      )}
      <div className="landscape-views">
        {slice !== null && (
          <figure className="landscape-figure">
            <SliceMap frame={slice} />
            <figcaption data-testid="landscape-slice-caption">
              {slice.size} × {slice.size} at step {slice.step}, L(θ) = {slice.center.toFixed(4)} on{' '}
              {slice.batch} samples, {(slice.ms / 1000).toFixed(1)} s
            </figcaption>
          </figure>
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
      </div>
    </section>
  );
}
