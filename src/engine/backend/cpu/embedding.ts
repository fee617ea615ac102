// Word-embedding kernels on the CPU: bagged row lookup and its scatter-add backward, batched dot
// product and its backward, and the logistic loss. Formulas in ../embeddingKernels.ts.
import type {
  BatchedDotBackwardParams,
  BatchedDotParams,
  EmbeddingBagParams,
  EmbeddingScatterParams,
  LogisticLossParams,
} from '../embeddingKernels';
import { f32, i32 } from './cpuBuffer';

export function embeddingBag(p: EmbeddingBagParams): void {
  const table = f32(p.table);
  const indices = i32(p.indices);
  const weights = p.weights ? f32(p.weights) : null;
  const out = f32(p.out);
  const { bags, bagSize, dim } = p;
  const rows = table.length / dim;
  for (let b = 0; b < bags; b++) {
    const to = b * dim;
    if (bagSize === 1 && weights === null) {
      // A plain row gather (skip-gram): copied, not summed into a cleared row.
      const from = checkedRow(indices[b], b, rows, p) * dim;
      for (let d = 0; d < dim; d++) out[to + d] = table[from + d];
      continue;
    }
    out.fill(0, to, to + dim);
    for (let j = 0; j < bagSize; j++) {
      const pos = b * bagSize + j;
      const w = weights ? weights[pos] : 1;
      if (w === 0) continue;
      const from = checkedRow(indices[pos], pos, rows, p) * dim;
      for (let d = 0; d < dim; d++) out[to + d] += w * table[from + d];
    }
  }
}

function checkedRow(row: number, pos: number, rows: number, p: EmbeddingBagParams): number {
  if (row < 0 || row >= rows) {
    throw new Error(
      `embeddingBag: index ${row} at ${pos} is outside the ${rows} rows of "${p.table.label}"`,
    );
  }
  return row;
}

/** One row's sum, reused across calls (the CPU kernels allocate nothing per step). */
let rowSum = new Float64Array(0);

export function embeddingScatterAdd(p: EmbeddingScatterParams): void {
  const dst = f32(p.dst);
  const src = f32(p.src);
  const weights = p.weights ? f32(p.weights) : null;
  const order = i32(p.order);
  const unique = i32(p.unique);
  const starts = i32(p.starts);
  const { dim, bagSize, scale } = p;
  if (rowSum.length < dim) rowSum = new Float64Array(dim);
  const sum = rowSum;
  for (let u = 0; u < p.uniqueCount; u++) {
    // The WGSL kernel's order of additions per element: the positions' sum, then one scaled add.
    sum.fill(0, 0, dim);
    for (let q = starts[u]; q < starts[u + 1]; q++) {
      const pos = order[q];
      const w = weights ? weights[pos] : 1;
      const from = ((pos / bagSize) | 0) * dim;
      for (let d = 0; d < dim; d++) sum[d] += w * src[from + d];
    }
    const to = unique[u] * dim;
    for (let d = 0; d < dim; d++) dst[to + d] += scale * sum[d];
  }
}

export function batchedDot(p: BatchedDotParams): void {
  const h = f32(p.h);
  const u = f32(p.u);
  const s = f32(p.s);
  const { rows, perRow, dim } = p;
  for (let b = 0; b < rows; b++) {
    for (let j = 0; j < perRow; j++) {
      const r = b * perRow + j;
      let acc = 0;
      for (let d = 0; d < dim; d++) acc += h[b * dim + d] * u[r * dim + d];
      s[r] = acc;
    }
  }
}

export function batchedDotBackward(p: BatchedDotBackwardParams): void {
  const h = f32(p.h);
  const u = f32(p.u);
  const dS = f32(p.dS);
  const dh = f32(p.dh);
  const du = f32(p.du);
  const { rows, perRow, dim } = p;
  for (let b = 0; b < rows; b++) {
    const hb = b * dim;
    dh.fill(0, hb, hb + dim);
    for (let j = 0; j < perRow; j++) {
      const r = b * perRow + j;
      const g = dS[r];
      const ur = r * dim;
      for (let d = 0; d < dim; d++) {
        dh[hb + d] += g * u[ur + d];
        du[ur + d] = g * h[hb + d];
      }
    }
  }
}

export function logisticLoss(p: LogisticLossParams): void {
  const scores = f32(p.scores);
  const labels = f32(p.labels);
  const metrics = f32(p.metrics);
  const dS = p.dS ? f32(p.dS) : null;
  let loss = 0;
  let right = 0;
  for (let i = 0; i < p.n; i++) {
    const s = scores[i];
    const positive = labels[i] > 0.5;
    // One exponential for both: e = e^−|s|, softplus(±s) and σ(s) follow from it stably.
    const e = Math.exp(-Math.abs(s));
    const log1pe = Math.log1p(e);
    loss += (positive ? Math.max(-s, 0) : Math.max(s, 0)) + log1pe;
    if (s > 0 === positive) right++;
    if (dS) dS[i] = ((s >= 0 ? 1 / (1 + e) : e / (1 + e)) - labels[i]) * p.gradScale;
  }
  metrics[0] += loss;
  metrics[1] += right;
}
