// The optimizers of the loss-surface lab, walking a toy surface from a start point. Each update
// is the trainer's own: the path's two weights sit in a CPU buffer and every step calls the CPU
// backend's optimizerUpdate (src/engine/backend/cpu/optimizer.ts), so the lab shows exactly
// the SGD, momentum, Nesterov, RMSProp, Adagrad and Adam that train the real networks, with
// the trainer's defaults (μ = 0.9, β = (0.9, 0.999), ρ = 0.9, ε = 1e-8). The weights are
// float32, as in training.
import type { OptimizerKind, OptimizerUpdateParams } from '../backend/backend';
import { CpuBuffer, f32 } from '../backend/cpu/cpuBuffer';
import { optimizerUpdate } from '../backend/cpu/optimizer';
import { SeededRandom } from '../rng';
import type { ToySurface } from './surfaces/toySurface';

export type PathOptimizerKind =
  'gd' | 'sgd' | 'momentum' | 'nesterov' | 'rmsprop' | 'adagrad' | 'adam';

export const PATH_OPTIMIZER_KINDS: readonly PathOptimizerKind[] = [
  'gd',
  'sgd',
  'momentum',
  'nesterov',
  'rmsprop',
  'adagrad',
  'adam',
];

export const PATH_OPTIMIZER_NAMES: Record<PathOptimizerKind, string> = {
  gd: 'Batch GD',
  sgd: 'SGD (minibatch)',
  momentum: 'Momentum',
  nesterov: 'Nesterov',
  rmsprop: 'RMSProp',
  adagrad: 'Adagrad',
  adam: 'Adam',
};

export const MOMENTUM = 0.9;

export interface PathOptimizerConfig {
  kind: PathOptimizerKind;
  lr: number;
  /** SGD: samples per minibatch on surfaces that average over data. */
  batchSize: number;
  /** SGD on surfaces without data: σ of the Gaussian noise added to the gradient. */
  noise: number;
  seed: number;
}

const TRAINER_KIND: Record<PathOptimizerKind, OptimizerKind> = {
  gd: 'sgd',
  sgd: 'sgd',
  momentum: 'sgd',
  nesterov: 'sgd',
  rmsprop: 'rmsprop',
  adagrad: 'adagrad',
  adam: 'adam',
};

/** Where a path beyond these bounds is called diverged: far off any map, or past f32's reach. */
const WEIGHT_LIMIT = 1e4;
const LOSS_CEILING = 1e12;
const LOSS_FLOOR = -1e6;
/** A gradient this small at a full-batch step is a critical point: the path stops there. */
const STATIONARY_GRADIENT = 1e-7;

export type PathStatus = 'running' | 'stationary' | 'diverged' | 'finished';

export class OptimizerPath {
  /** (w1, w2) of every point so far, interleaved; point 0 is the start. */
  readonly points: Float64Array;
  /** L and ‖∇L‖ (of the full loss, whatever the optimizer saw) at every point. */
  readonly losses: Float64Array;
  readonly gradNorms: Float64Array;
  length = 1;
  status: PathStatus = 'running';
  /** Why the path stopped, for a person, when it stopped early. */
  message = '';
  private readonly update: OptimizerUpdateParams;
  private readonly w: Float32Array;
  private readonly g: Float32Array;
  private readonly rng: SeededRandom;
  private readonly scratch = new Float64Array(2);
  private readonly batch: Int32Array;

  constructor(
    readonly surface: ToySurface,
    readonly config: PathOptimizerConfig,
    readonly start: readonly [number, number],
    readonly maxSteps: number,
  ) {
    this.points = new Float64Array(2 * (maxSteps + 1));
    this.losses = new Float64Array(maxSteps + 1);
    this.gradNorms = new Float64Array(maxSteps + 1);
    const buffer = (label: string) => new CpuBuffer(2, 'f32', label);
    const kind = TRAINER_KIND[config.kind];
    const hasMomentum = config.kind === 'momentum' || config.kind === 'nesterov';
    this.update = {
      kind,
      param: buffer('w'),
      grad: buffer('grad'),
      state1: kind === 'sgd' && !hasMomentum ? null : buffer('state1'),
      state2: kind === 'adam' ? buffer('state2') : null,
      n: 2,
      hyper: { lr: config.lr, step: 0, l1: 0, l2: 0, gradScale: null },
      momentum: hasMomentum ? MOMENTUM : 0,
      nesterov: config.kind === 'nesterov',
      beta1: 0.9,
      beta2: 0.999,
      rho: 0.9,
      eps: 1e-8,
    };
    this.w = f32(this.update.param);
    this.g = f32(this.update.grad);
    this.w[0] = start[0];
    this.w[1] = start[1];
    this.rng = new SeededRandom(config.seed, 12);
    this.batch = new Int32Array(Math.max(1, Math.min(config.batchSize, surface.samples ?? 1)));
    this.record(0, this.w[0], this.w[1]);
  }

  get steps(): number {
    return this.length - 1;
  }

  /** Takes up to `count` steps (fewer when the path stops); returns the steps taken. */
  advance(count: number): number {
    let taken = 0;
    while (taken < count && this.status === 'running') {
      if (this.length > this.maxSteps) {
        this.status = 'finished';
        break;
      }
      this.optimizerGradient(this.w[0], this.w[1]);
      this.update.hyper.step++;
      optimizerUpdate(this.update);
      taken++;
      this.record(this.length, this.w[0], this.w[1]);
      this.length++;
      this.checkStop();
    }
    return taken;
  }

  /** The gradient the optimizer sees: the full one, or a minibatch's, or a noisy one (SGD). */
  private optimizerGradient(w1: number, w2: number): void {
    const s = this.surface;
    const out = this.scratch;
    if (this.config.kind !== 'sgd') s.gradient(w1, w2, out);
    else if (s.minibatchGradient && s.samples) {
      for (let k = 0; k < this.batch.length; k++) {
        this.batch[k] = Math.floor(this.rng.uniform() * s.samples);
      }
      s.minibatchGradient(w1, w2, this.batch, out);
    } else {
      s.gradient(w1, w2, out);
      out[0] += this.config.noise * this.rng.normal();
      out[1] += this.config.noise * this.rng.normal();
    }
    this.g[0] = out[0];
    this.g[1] = out[1];
  }

  private record(i: number, w1: number, w2: number): void {
    this.points[2 * i] = w1;
    this.points[2 * i + 1] = w2;
    this.losses[i] = this.surface.loss(w1, w2);
    this.surface.gradient(w1, w2, this.scratch);
    this.gradNorms[i] = Math.hypot(this.scratch[0], this.scratch[1]);
  }

  private checkStop(): void {
    const i = this.length - 1;
    const w1 = this.points[2 * i];
    const w2 = this.points[2 * i + 1];
    const loss = this.losses[i];
    const finite = Number.isFinite(w1) && Number.isFinite(w2) && Number.isFinite(loss);
    if (!finite || Math.abs(w1) > WEIGHT_LIMIT || Math.abs(w2) > WEIGHT_LIMIT) {
      this.stop('diverged', divergenceMessage(this, 'weights'));
    } else if (loss > LOSS_CEILING) {
      this.stop('diverged', divergenceMessage(this, 'weights'));
    } else if (loss < LOSS_FLOOR) {
      this.stop('diverged', divergenceMessage(this, 'unbounded'));
    } else if (this.config.kind !== 'sgd' && this.gradNorms[i] < STATIONARY_GRADIENT) {
      this.stop('stationary', `reached a critical point (‖∇L‖ < 10⁻⁷) after ${i} steps`);
    }
  }

  private stop(status: PathStatus, message: string): void {
    this.status = status;
    this.message = message;
  }
}

/**
 * The largest learning rate for which this optimizer is stable on a quadratic of curvature λ:
 * GD and SGD 2/λ; heavy-ball momentum 2(1 + μ)/λ; Nesterov 2(1 + μ)/((1 + 2μ)·λ). Adaptive
 * methods rescale each step and have no such bound (null).
 */
export function stabilityBound(kind: PathOptimizerKind, lambdaMax: number): number | null {
  if (!(lambdaMax > 0)) return null;
  switch (kind) {
    case 'gd':
    case 'sgd':
      return 2 / lambdaMax;
    case 'momentum':
      return (2 * (1 + MOMENTUM)) / lambdaMax;
    case 'nesterov':
      return (2 * (1 + MOMENTUM)) / ((1 + 2 * MOMENTUM) * lambdaMax);
    default:
      return null;
  }
}

const BOUND_NAME: Partial<Record<PathOptimizerKind, string>> = {
  gd: '2/λmax',
  sgd: '2/λmax',
  momentum: '2(1+μ)/λmax',
  nesterov: '2(1+μ)/((1+2μ)λmax)',
};

/** λmax of the Hessian, largest over the path's points (the curvature it met). */
function largestCurvature(path: OptimizerPath): { value: number; at: number } {
  let best = { value: -Infinity, at: 0 };
  for (let i = 0; i < path.length; i++) {
    const w1 = path.points[2 * i];
    const w2 = path.points[2 * i + 1];
    if (!Number.isFinite(w1) || !Number.isFinite(w2)) break;
    const { h11, h12, h22 } = path.surface.hessian(w1, w2);
    const lambda = (h11 + h22) / 2 + Math.hypot((h11 - h22) / 2, h12);
    if (lambda > best.value) best = { value: lambda, at: i };
  }
  return best;
}

/** A sentence that says why a path left every bound, in the terms of the lecture. */
export function divergenceMessage(path: OptimizerPath, why: 'weights' | 'unbounded'): string {
  const step = path.steps;
  const name = PATH_OPTIMIZER_NAMES[path.config.kind];
  if (why === 'unbounded') {
    return `Diverged at step ${step}: the loss fell below −10⁶ and keeps falling. This surface has no minimum, so every descending path runs away.`;
  }
  const lr = path.config.lr;
  const curvature = largestCurvature(path);
  const bound = stabilityBound(path.config.kind, curvature.value);
  if (bound !== null && lr > bound) {
    const factor = Math.abs(1 - lr * curvature.value);
    const where = curvature.at === 0 ? 'at the start' : `at step ${curvature.at}`;
    const growth =
      path.config.kind === 'gd' || path.config.kind === 'sgd'
        ? ` Along its eigenvector each step multiplies the error by |1 − η·λmax| = ${fmt(factor)} > 1, so every step overshoots further than the last.`
        : ' Each step overshoots the valley and the momentum adds to the next overshoot.';
    return `Diverged at step ${step}: η = ${fmt(lr)} is above ${BOUND_NAME[path.config.kind]} = ${fmt(bound)} (λmax = ${fmt(curvature.value)} ${where}).${growth}`;
  }
  if (bound === null && path.config.kind !== 'gd' && path.config.kind !== 'sgd') {
    return `Diverged at step ${step}: ${name} scales each step to about η per weight whatever the gradient, and η = ${fmt(lr)} is too large for this surface’s curvature; try a smaller η.`;
  }
  return `Diverged at step ${step}: the weights grew past ±10⁴ with η = ${fmt(lr)}; the surface grows faster than quadratically here, so no fixed η is safe far out.`;
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e4)) return v.toExponential(2);
  return Number(v.toPrecision(3)).toString();
}
