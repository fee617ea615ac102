// Dropout and batch normalisation on the CPU.
//   dropout:    y = x ⊙ mask, mask_i = keep_i / (1 − p)           dx = dy ⊙ mask
//   batch norm: y = γ·x̂ + β, x̂ = (x − μ)·σ⁻¹, per channel over the M = N·S values of the batch
//               dx = γσ⁻¹/M · (M·dy − Σdy − x̂·Σ(dy·x̂))   dγ = Σ dy·x̂   dβ = Σ dy
import type {
  BatchNormBackwardParams,
  BatchNormParams,
  DeviceBuffer,
  DropoutParams,
} from '../backend';
import { randomUniform, RandomStream } from '../../rng';
import { f32 } from './cpuBuffer';

/**
 * keep_i = u_i ≥ p with u_i = randomUniform(seed, dropout stream, counter + i). The threshold and
 * the scale are computed as f32 arithmetic computes them (u_i is exact in f32), so a GPU kernel
 * given p as an f32 reproduces the mask bit for bit.
 */
export function dropout(p: DropoutParams): void {
  const x = f32(p.x);
  const y = f32(p.y);
  const mask = f32(p.mask);
  const rate = Math.fround(p.p);
  const scale = Math.fround(1 / Math.fround(1 - rate));
  for (let i = 0; i < p.n; i++) {
    const m = randomUniform(p.seed, RandomStream.dropout, p.counter + i) >= rate ? scale : 0;
    mask[i] = m;
    y[i] = x[i] * m;
  }
}

export function dropoutBackward(p: {
  dy: DeviceBuffer;
  mask: DeviceBuffer;
  dx: DeviceBuffer;
  n: number;
  accumulate: boolean;
}): void {
  const dy = f32(p.dy);
  const mask = f32(p.mask);
  const dx = f32(p.dx);
  if (p.accumulate) for (let i = 0; i < p.n; i++) dx[i] += dy[i] * mask[i];
  else for (let i = 0; i < p.n; i++) dx[i] = dy[i] * mask[i];
}

/**
 * Statistics are summed in f64 in two passes (mean, then squared deviations), which stays
 * accurate when |mean| ≫ std. The running variance takes the unbiased estimate (÷ (M − 1)), as
 * PyTorch does; with a single value per channel there is no estimate, so it is left unchanged.
 */
export function batchNorm(p: BatchNormParams): void {
  const x = f32(p.x);
  const y = f32(p.y);
  const gamma = f32(p.gamma);
  const beta = f32(p.beta);
  const runningMean = f32(p.runningMean);
  const runningVar = f32(p.runningVar);
  const savedMean = f32(p.savedMean);
  const savedInvStd = f32(p.savedInvStd);
  const { batch, channels: C, spatial: S, momentum } = p;
  const M = batch * S;

  for (let c = 0; c < C; c++) {
    let mean: number;
    let invStd: number;
    if (p.training) {
      let sum = 0;
      for (let n = 0; n < batch; n++) {
        const base = (n * C + c) * S;
        for (let s = 0; s < S; s++) sum += x[base + s];
      }
      mean = sum / M;
      let sq = 0;
      for (let n = 0; n < batch; n++) {
        const base = (n * C + c) * S;
        for (let s = 0; s < S; s++) {
          const d = x[base + s] - mean;
          sq += d * d;
        }
      }
      const variance = sq / M;
      invStd = 1 / Math.sqrt(variance + p.eps);
      savedMean[c] = mean;
      savedInvStd[c] = invStd;
      runningMean[c] = (1 - momentum) * runningMean[c] + momentum * mean;
      if (M > 1) runningVar[c] = (1 - momentum) * runningVar[c] + momentum * (sq / (M - 1));
    } else {
      mean = runningMean[c];
      invStd = 1 / Math.sqrt(runningVar[c] + p.eps);
      // What this pass applied, for a backward through it (frozen statistics).
      savedMean[c] = mean;
      savedInvStd[c] = invStd;
    }
    const a = gamma[c] * invStd;
    const b = beta[c] - a * mean;
    for (let n = 0; n < batch; n++) {
      const base = (n * C + c) * S;
      for (let s = 0; s < S; s++) y[base + s] = a * x[base + s] + b;
    }
  }
}

/** Uses the mean and σ⁻¹ saved by the training forward pass. dγ and dβ are overwritten. */
export function batchNormBackward(p: BatchNormBackwardParams): void {
  const x = f32(p.x);
  const dy = f32(p.dy);
  const dx = f32(p.dx);
  const gamma = f32(p.gamma);
  const dGamma = f32(p.dGamma);
  const dBeta = f32(p.dBeta);
  const savedMean = f32(p.savedMean);
  const savedInvStd = f32(p.savedInvStd);
  const { batch, channels: C, spatial: S } = p;
  const M = batch * S;

  for (let c = 0; c < C; c++) {
    const mean = savedMean[c];
    const invStd = savedInvStd[c];
    let sumDy = 0;
    let sumDyXhat = 0;
    for (let n = 0; n < batch; n++) {
      const base = (n * C + c) * S;
      for (let s = 0; s < S; s++) {
        const g = dy[base + s];
        sumDy += g;
        sumDyXhat += g * (x[base + s] - mean) * invStd;
      }
    }
    dGamma[c] = sumDyXhat;
    dBeta[c] = sumDy;
    const k = gamma[c] * invStd;
    const meanDy = sumDy / M;
    const meanDyXhat = sumDyXhat / M;
    for (let n = 0; n < batch; n++) {
      const base = (n * C + c) * S;
      for (let s = 0; s < S; s++) {
        const xhat = (x[base + s] - mean) * invStd;
        const g = p.frozen ? k * dy[base + s] : k * (dy[base + s] - meanDy - xhat * meanDyXhat);
        dx[base + s] = p.accumulate ? dx[base + s] + g : g;
      }
    }
  }
}
