// The loss-surface lab: a toy surface with its formula, seen from above and in 3-D, and a race
// of optimizers from a start point the user clicks, with loss and gradient norm along each path
// and, when one diverges, why. Needs no model and no worker: the toy math is cheap and runs
// on the page, a few steps per animation frame.
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  TOY_SURFACE_IDS,
  toySurface,
  type ToySurfaceId,
} from '../../engine/analysis/surfaces/index';
import { useAppStore } from '../store/store';
import { ContourMap } from './ContourMap';
import { curvatureAt } from './curvatureMarks';
import { DataShapeControls } from './DataShapeControls';
import { HessianInfo } from './HessianInfo';
import { publishRace } from './labLive';
import { advanceRace, newRace, type Race } from './labRace';
import { SPEEDS } from './labDefaults';
import { OptimizerTable, type PathSummary } from './OptimizerTable';
import { PathCharts } from './PathCharts';
import { Surface3D } from './Surface3D';
import { sampleSurface } from './surfaceGrid';
import './lab.css';

const SURFACE_LABELS: Record<ToySurfaceId, string> = {
  linear111: '1-1-1 linear net',
  quadratic: 'Quadratic (linear unit)',
  monkeySaddle: 'Monkey saddle',
  rosenbrock: 'Rosenbrock',
  twoRelu: 'Two ReLU units',
};

/** Status read-outs refresh at most this often; a path that stops shows at once. */
const SUMMARY_MS = 200;

function summarise(race: Race): PathSummary[] {
  return race.paths.map((p) => ({
    kind: p.config.kind,
    steps: p.steps,
    w: [p.points[2 * (p.length - 1)], p.points[2 * (p.length - 1) + 1]],
    loss: p.losses[p.length - 1],
    gradNorm: p.gradNorms[p.length - 1],
    status: p.status,
    message: p.message,
  }));
}

export function LossLab() {
  const surfaceId = useAppStore((s) => s.lab.surfaceId);
  const dataShape = useAppStore((s) => s.lab.dataShape);
  const chosenStart = useAppStore((s) => s.lab.start);
  const raceId = useAppStore((s) => s.lab.raceId);
  const running = useAppStore((s) => s.lab.running);
  const speed = useAppStore((s) => s.lab.speed);
  const { chooseSurface, setStart, startRace, setRunning, setSpeed } = useAppStore.getState();

  const surface = useMemo(() => toySurface(surfaceId, dataShape), [surfaceId, dataShape]);
  const grid = useMemo(() => sampleSurface(surface, 160), [surface]);
  const start = chosenStart ?? surface.start;
  const hessian = surface.hessian(start[0], start[1]);
  const curvature = curvatureAt(surface, start);
  const race = useRef<Race | null>(null);
  const [summaries, setSummaries] = useState<PathSummary[]>([]);

  useEffect(() => {
    race.current = newRace(surface, useAppStore.getState().lab);
  }, [surface, raceId]);

  useEffect(() => {
    let request = 0;
    let shown: { race: Race | null; at: number; stopped: number } = {
      race: null,
      at: 0,
      stopped: 0,
    };
    const frame = (now: number) => {
      const r = race.current;
      const lab = useAppStore.getState().lab;
      if (r !== null && lab.running && !advanceRace(r, SPEEDS[lab.speed] ?? 4)) setRunning(false);
      if (r !== null) {
        const stopped = r.paths.filter((p) => p.status !== 'running').length;
        if (
          shown.race !== r ||
          stopped !== shown.stopped ||
          (lab.running && now - shown.at > SUMMARY_MS)
        ) {
          setSummaries(summarise(r));
          publishRace(r);
          shown = { race: r, at: now, stopped };
        }
      }
      request = requestAnimationFrame(frame);
    };
    request = requestAnimationFrame(frame);
    return () => cancelAnimationFrame(request);
  }, [setRunning]);

  return (
    <main className="lab-page" data-testid="loss-lab">
      <section className="panel lab-head">
        <div className="lab-surfaces" role="group" aria-label="Toy surface">
          {TOY_SURFACE_IDS.map((id) => (
            <button
              key={id}
              type="button"
              className={id === surfaceId ? 'button lab-surface-on' : 'button'}
              aria-pressed={id === surfaceId}
              data-testid={`lab-surface-${id}`}
              onClick={() => chooseSurface(id)}
            >
              {SURFACE_LABELS[id]}
            </button>
          ))}
        </div>
        <h2 className="lab-title">{surface.name}</h2>
        <code className="lab-formula" data-testid="lab-formula">
          {surface.formula}
        </code>
        <p className="lab-lesson">{surface.lesson}</p>
      </section>

      <section className="panel lab-views">
        <div className="lab-run">
          <button
            type="button"
            className="button primary"
            data-testid="lab-start"
            onClick={startRace}
          >
            {raceId > 0 ? 'Restart race' : 'Start race'}
          </button>
          <button
            type="button"
            className="button"
            data-testid="lab-pause"
            onClick={() => setRunning(!running)}
          >
            {running ? 'Pause' : 'Resume'}
          </button>
          <label className="lab-speed">
            Speed
            <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
              {SPEEDS.map((s, i) => (
                <option key={s} value={i}>
                  {s} step{s === 1 ? '' : 's'}/frame
                </option>
              ))}
            </select>
          </label>
          <span className="lab-note">
            Start: ({start[0].toFixed(2)}, {start[1].toFixed(2)}) — click the map to move it.
          </span>
        </div>
        <div className="lab-view-row">
          <ContourMap surface={surface} grid={grid} race={race} start={start} onPick={setStart} />
          <Surface3D surface={surface} grid={grid} race={race} />
        </div>
      </section>

      <section className="panel lab-controls">
        <div className="lab-side-info">
          <HessianInfo h={hessian} c={curvature} />
          {surface.dataPoints && <DataShapeControls points={surface.dataPoints} />}
        </div>
        <OptimizerTable curvature={curvature} summaries={summaries} />
        <PathCharts race={race} />
      </section>
    </main>
  );
}
