// The racing optimizers: which take part, each one's learning rate, and how each path is doing
// (steps, loss, and, when it stopped, why).
import {
  PATH_OPTIMIZER_KINDS,
  PATH_OPTIMIZER_NAMES,
  type PathOptimizerKind,
  type PathStatus,
} from '../../engine/analysis/pathOptimizers';
import { useAppStore } from '../store/store';
import { formatLoss } from './ContourMap';
import { learningRateMarks, type Curvature } from './curvatureMarks';
import { LearningRateControl } from './LearningRateControl';
import { OPTIMIZER_COLORS, OPTIMIZER_INK } from './labDefaults';

export interface PathSummary {
  kind: PathOptimizerKind;
  steps: number;
  /** Where the path's head is. */
  w: [number, number];
  loss: number;
  gradNorm: number;
  status: PathStatus;
  message: string;
}

const NOTES: Partial<Record<PathOptimizerKind, string>> = {
  sgd: 'minibatch of 4 where the surface has data, else gradient + Gaussian noise σ = 0.3',
  momentum: 'μ = 0.9',
  nesterov: 'μ = 0.9',
  rmsprop: 'ρ = 0.9',
  adam: 'β = (0.9, 0.999)',
};

interface Props {
  curvature: Curvature;
  summaries: PathSummary[];
}

export function OptimizerTable({ curvature, summaries }: Props) {
  const optimizers = useAppStore((s) => s.lab.optimizers);
  const setEnabled = useAppStore((s) => s.setOptimizerEnabled);
  const setLr = useAppStore((s) => s.setLearningRate);
  return (
    <table className="lab-optimizers" data-testid="lab-optimizers">
      <thead>
        <tr>
          <th>Optimizer</th>
          <th>Learning rate η</th>
          <th>Path</th>
        </tr>
      </thead>
      <tbody>
        {PATH_OPTIMIZER_KINDS.map((kind) => {
          const o = optimizers[kind];
          const name = PATH_OPTIMIZER_NAMES[kind];
          const marks = learningRateMarks(kind, curvature);
          const limit = marks.find((m) => m.limit);
          const summary = summaries.find((s) => s.kind === kind);
          return (
            <tr
              key={kind}
              data-testid={`lab-optimizer-${kind}`}
              className={o.enabled ? '' : 'lab-off'}
            >
              <td>
                <label className="lab-opt-name">
                  <input
                    type="checkbox"
                    checked={o.enabled}
                    onChange={(e) => setEnabled(kind, e.target.checked)}
                  />
                  <span
                    className="lab-swatch"
                    style={{ background: OPTIMIZER_COLORS[kind], borderColor: OPTIMIZER_INK[kind] }}
                  />
                  {name}
                </label>
                {NOTES[kind] && <div className="lab-note">{NOTES[kind]}</div>}
              </td>
              <td>
                <LearningRateControl
                  name={name}
                  lr={o.lr}
                  marks={marks}
                  onChange={(lr) => setLr(kind, lr)}
                />
                {limit && o.lr > limit.value && (
                  <div className="lab-warning" data-testid={`lab-warning-${kind}`}>
                    η = {o.lr} is above {limit.label} = {limit.value.toPrecision(3)}
                    {curvature.global
                      ? ': this optimizer will diverge.'
                      : ': expect it to overshoot.'}
                  </div>
                )}
              </td>
              <td className="lab-status" data-testid={`lab-status-${kind}`}>
                {summary === undefined ? (
                  <span className="lab-note">{o.enabled ? 'press Start' : 'not racing'}</span>
                ) : summary.status === 'diverged' ? (
                  <span className="lab-diverged" role="alert">
                    {summary.message}
                  </span>
                ) : (
                  <span>
                    step {summary.steps} at w = ({summary.w[0].toFixed(2)},{' '}
                    {summary.w[1].toFixed(2)}), L = {formatLoss(summary.loss)}, ‖∇L‖ ={' '}
                    {formatLoss(summary.gradNorm)}
                    {summary.status === 'stationary' && <> · {summary.message}</>}
                    {summary.status === 'finished' && <> · done</>}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
