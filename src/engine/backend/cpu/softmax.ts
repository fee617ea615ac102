// Row-wise softmax and log-softmax on the CPU.
//   softmax:      y_j = e^(x_j − m) / Σ_k e^(x_k − m)        dx = y ⊙ (dy − Σ_k dy_k·y_k)
//   log-softmax:  y_j = x_j − m − log Σ_k e^(x_k − m)      dx = dy − e^y · Σ_k dy_k
// Subtracting the row maximum m changes nothing mathematically and keeps every exponent ≤ 0,
// so large logits cannot overflow. Both backward passes read only y, not x.
import type { SoftmaxBackwardParams, SoftmaxParams } from '../backend';
import { f32 } from './cpuBuffer';

export function softmax(p: SoftmaxParams): void {
  const x = f32(p.x);
  const y = f32(p.y);
  const cols = p.cols;
  for (let r = 0; r < p.rows; r++) {
    const base = r * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) if (x[base + j] > max) max = x[base + j];
    let sum = 0;
    if (p.log) {
      for (let j = 0; j < cols; j++) sum += Math.exp(x[base + j] - max);
      const shift = max + Math.log(sum);
      for (let j = 0; j < cols; j++) y[base + j] = x[base + j] - shift;
    } else {
      for (let j = 0; j < cols; j++) {
        const e = Math.exp(x[base + j] - max);
        y[base + j] = e;
        sum += e;
      }
      const inv = 1 / sum;
      for (let j = 0; j < cols; j++) y[base + j] *= inv;
    }
  }
}

export function softmaxBackward(p: SoftmaxBackwardParams): void {
  const y = f32(p.y);
  const dy = f32(p.dy);
  const dx = f32(p.dx);
  const cols = p.cols;
  for (let r = 0; r < p.rows; r++) {
    const base = r * cols;
    let dot = 0;
    if (p.log) {
      for (let j = 0; j < cols; j++) dot += dy[base + j];
      for (let j = 0; j < cols; j++) {
        const g = dy[base + j] - Math.exp(y[base + j]) * dot;
        dx[base + j] = p.accumulate ? dx[base + j] + g : g;
      }
    } else {
      for (let j = 0; j < cols; j++) dot += dy[base + j] * y[base + j];
      for (let j = 0; j < cols; j++) {
        const g = y[base + j] * (dy[base + j] - dot);
        dx[base + j] = p.accumulate ? dx[base + j] + g : g;
      }
    }
  }
}
