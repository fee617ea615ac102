// Exact t-SNE on the CPU: the gradient of KL(P‖Q) for a 2-D layout, and the gains-and-momentum
// update of van der Maaten's reference implementation (bhtsne, tsne.cpp).
//   num_ij = (1 + ‖y_i − y_j‖²)⁻¹     Z = Σ_{k≠l} num_kl     q_ij = num_ij / Z
//   ∂C/∂y_i = 4 Σ_j (α·p_ij − q_ij)·num_ij·(y_i − y_j)
//           = 4 (Σ_j α·p_ij·num_ij·(y_i − y_j) − Z⁻¹ Σ_j num_ij²·(y_i − y_j))
// The two sums are gathered together, and Z with them, so one pass over the pairs does it; each
// pair is visited once (j > i) and its force added to both points, which halves the work.
import type { TsneGradientParams, TsneUpdateParams } from '../tsneKernels';
import { f32 } from './cpuBuffer';

/** Per-call accumulators (attraction and repulsion of every point), kept with the parameters. */
const scratch = new WeakMap<TsneGradientParams, Float64Array>();

export function tsneGradient(p: TsneGradientParams): void {
  const y = f32(p.y);
  const P = f32(p.p);
  const grad = f32(p.grad);
  const stats = f32(p.stats);
  const n = p.n;
  const alpha = p.exaggeration;
  let acc = scratch.get(p);
  if (acc === undefined || acc.length !== 4 * n) {
    acc = new Float64Array(4 * n);
    scratch.set(p, acc);
  }
  acc.fill(0);
  let z = 0;
  let plog = 0;
  for (let i = 0; i < n; i++) {
    const yi0 = y[2 * i];
    const yi1 = y[2 * i + 1];
    let ax = 0;
    let ay = 0;
    let rx = 0;
    let ry = 0;
    const row = i * n;
    for (let j = i + 1; j < n; j++) {
      const dx = yi0 - y[2 * j];
      const dy = yi1 - y[2 * j + 1];
      const d2 = dx * dx + dy * dy;
      const num = 1 / (1 + d2);
      const pij = P[row + j];
      z += num;
      const a = alpha * pij * num;
      const r = num * num;
      ax += a * dx;
      ay += a * dy;
      rx += r * dx;
      ry += r * dy;
      acc[4 * j] -= a * dx;
      acc[4 * j + 1] -= a * dy;
      acc[4 * j + 2] -= r * dx;
      acc[4 * j + 3] -= r * dy;
      if (p.measure) plog += pij * Math.log1p(d2);
    }
    acc[4 * i] += ax;
    acc[4 * i + 1] += ay;
    acc[4 * i + 2] += rx;
    acc[4 * i + 3] += ry;
  }
  // Each unordered pair stands for (i, j) and (j, i).
  z *= 2;
  plog *= 2;
  const inv = z > 0 ? 1 / z : 0;
  for (let i = 0; i < n; i++) {
    grad[2 * i] = 4 * (acc[4 * i] - acc[4 * i + 2] * inv);
    grad[2 * i + 1] = 4 * (acc[4 * i + 1] - acc[4 * i + 3] * inv);
  }
  stats[0] = z;
  stats[1] = p.measure ? plog : 0;
}

/**
 * One step of the reference optimiser on `count` coordinates: a coordinate's gain grows by 0.2
 * while its gradient and its velocity disagree in sign (it is still going the right way) and
 * shrinks to 0.8× when they agree (it overshot); then v = μ·v − η·gain·g and y += v.
 */
export function tsneUpdateArrays(
  y: Float32Array,
  grad: Float32Array,
  velocity: Float32Array,
  gains: Float32Array,
  count: number,
  learningRate: number,
  momentum: number,
  minGain: number,
): void {
  for (let k = 0; k < count; k++) {
    const g = grad[k];
    const v = velocity[k];
    let gain = Math.sign(g) !== Math.sign(v) ? gains[k] + 0.2 : gains[k] * 0.8;
    if (gain < minGain) gain = minGain;
    gains[k] = gain;
    const nv = momentum * v - learningRate * gain * g;
    velocity[k] = nv;
    y[k] += nv;
  }
}

export function tsneUpdate(p: TsneUpdateParams): void {
  tsneUpdateArrays(
    f32(p.y),
    f32(p.grad),
    f32(p.velocity),
    f32(p.gains),
    p.count,
    p.learningRate,
    p.momentum,
    p.minGain,
  );
}
