// The fused loss pass on the CPU: per-row loss, accuracy and ∂(mean loss)/∂pred in one sweep.
// With V = validRows, for each valid row (s = pred row, y = its label, t = its target row):
//   softmaxCrossEntropy  ℓ = log Σ_j e^(s_j) − s_y                 ∂ℓ/∂s_j = softmax(s)_j − [j = y]
//   meanSquaredError     ℓ = (1/cols) Σ_j (s_j − t_j)²             ∂ℓ/∂s_j = 2 (s_j − t_j) / cols
//   hinge                ℓ = Σ_{j≠y} max(0, s_j − s_y + Δ)          ∂ℓ/∂s_j = [margin j > 0], ∂ℓ/∂s_y = −#{j : margin j > 0}
// and dPred = ∂ℓ/∂s / V, so dPred is the gradient of the batch's *mean* loss.
//
// Mean squared error takes the mean over a row's columns, then over rows: equal to the mean
// over every element (PyTorch's default) and to Keras's convention, so numbers are comparable.
// Its target is either f32 values shaped like pred, or i32 labels that stand for one-hot rows;
// accuracy (argmax = label) is counted only when there are labels.
import type { LossParams } from '../backend';
import { CpuBuffer, f32 } from './cpuBuffer';

export function loss(p: LossParams): void {
  const pred = f32(p.pred);
  const dPred = p.dPred ? f32(p.dPred) : null;
  const metrics = f32(p.metrics);
  if (!(p.target instanceof CpuBuffer)) {
    throw new Error(`loss: target "${p.target.label}" is not a CPU buffer`);
  }
  const target = p.target.data;
  const labels = target instanceof Int32Array ? target : null;
  const values = target instanceof Float32Array ? target : null;
  if (!labels && !values) {
    throw new Error(`loss: target "${p.target.label}" must be i32 labels or f32 values`);
  }
  if (p.kind !== 'meanSquaredError' && !labels) {
    throw new Error(`loss ${p.kind}: target "${p.target.label}" must hold i32 class labels`);
  }

  const cols = p.cols;
  const valid = Math.min(p.validRows, p.rows);
  const scale = valid > 0 ? 1 / valid : 0;
  const margin = p.margin ?? 1;
  let lossSum = 0;
  let correct = 0;

  for (let r = 0; r < valid; r++) {
    const base = r * cols;
    let argmax = 0;
    let max = pred[base];
    for (let j = 1; j < cols; j++) {
      if (pred[base + j] > max) {
        max = pred[base + j];
        argmax = j;
      }
    }
    let label = -1;
    if (labels) {
      label = labels[r];
      if (!(label >= 0 && label < cols)) {
        throw new Error(`loss ${p.kind}: row ${r} has label ${label}, outside 0..${cols - 1}`);
      }
      if (argmax === label) correct++;
    }

    if (p.kind === 'softmaxCrossEntropy') {
      let sum = 0;
      for (let j = 0; j < cols; j++) sum += Math.exp(pred[base + j] - max);
      lossSum += max + Math.log(sum) - pred[base + label];
      if (dPred) {
        const inv = scale / sum;
        for (let j = 0; j < cols; j++) dPred[base + j] = Math.exp(pred[base + j] - max) * inv;
        dPred[base + label] -= scale;
      }
    } else if (p.kind === 'meanSquaredError') {
      let sum = 0;
      const g = (2 * scale) / cols;
      for (let j = 0; j < cols; j++) {
        const t = values ? values[base + j] : j === label ? 1 : 0;
        const d = pred[base + j] - t;
        sum += d * d;
        if (dPred) dPred[base + j] = g * d;
      }
      lossSum += sum / cols;
    } else {
      const sy = pred[base + label];
      let sum = 0;
      let violated = 0;
      for (let j = 0; j < cols; j++) {
        const m = j === label ? 0 : pred[base + j] - sy + margin;
        if (m > 0) {
          sum += m;
          violated++;
        }
        if (dPred) dPred[base + j] = m > 0 ? scale : 0;
      }
      lossSum += sum;
      if (dPred) dPred[base + label] = -violated * scale;
    }
  }

  if (dPred) dPred.fill(0, valid * cols, p.rows * cols);
  metrics[0] += lossSum;
  metrics[1] += correct;
}
