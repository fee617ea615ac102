// The parameter objects of the kernels that word embeddings train with: a (bagged) row lookup,
// its backward as a deterministic scatter-add, a batched row-by-row dot product, and the
// logistic (sigmoid binary cross-entropy) loss of negative sampling. Built once, reused every
// step; fields marked "per step" may change between steps. See backend.ts for the contract.
import type { DeviceBuffer } from './backend';

/**
 * Embedding lookup, summed over bags of `bagSize` indices:
 *   out[b, d] = Σ_{j < bagSize} w[b·bagSize + j] · table[indices[b·bagSize + j], d]
 * with w ≡ 1 when `weights` is null. bagSize 1 and no weights is a plain row gather (skip-gram's
 * centre words); CBOW averages a window of context words with weights 1/count (0 on padding).
 */
export interface EmbeddingBagParams {
  table: DeviceBuffer;
  /** i32, bags × bagSize row numbers of `table`. */
  indices: DeviceBuffer;
  weights: DeviceBuffer | null;
  out: DeviceBuffer;
  bags: number;
  bagSize: number;
  dim: number;
}

/**
 * The lookup's backward, as a scatter-add of row gradients (also a sparse SGD step when
 * scale = −lr and dst is the table itself):
 *   dst[unique[u], d] += scale · Σ_{q = starts[u]}^{starts[u+1]−1} w[order[q]] · src[⌊order[q] / bagSize⌋, d]
 * for u < uniqueCount. `order` lists positions into `indices` grouped by the row they name
 * (see embeddingSegments): the host that built the batch knows them, and handing them over makes
 * the sum deterministic on every backend: one thread per (unique row, d) adds its positions in
 * order, so no two threads write one element and no float atomics are needed (WGSL has none).
 */
export interface EmbeddingScatterParams {
  dst: DeviceBuffer;
  /** rows × dim: the gradient of the lookup's output (bags × dim). */
  src: DeviceBuffer;
  weights: DeviceBuffer | null;
  /** i32: positions into the lookup's indices, grouped by row, ascending within a row. */
  order: DeviceBuffer;
  /** i32: the distinct rows, one per segment (any order: each has its own writers). */
  unique: DeviceBuffer;
  /** i32: segment u is order[starts[u] .. starts[u+1]); uniqueCount + 1 entries used. */
  starts: DeviceBuffer;
  /** Per step: how many segments this batch has. */
  uniqueCount: number;
  bagSize: number;
  dim: number;
  /** Per step (an SGD step's −lr). */
  scale: number;
}

/** s[b, j] = Σ_d h[b, d] · u[b·J + j, d] for b < rows, j < J (= perRow). */
export interface BatchedDotParams {
  h: DeviceBuffer;
  u: DeviceBuffer;
  s: DeviceBuffer;
  rows: number;
  perRow: number;
  dim: number;
}

/** dh[b, d] = Σ_j dS[b, j] · u[b·J + j, d];  du[b·J + j, d] = dS[b, j] · h[b, d]. Overwrites both. */
export interface BatchedDotBackwardParams extends BatchedDotParams {
  dS: DeviceBuffer;
  dh: DeviceBuffer;
  du: DeviceBuffer;
}

/**
 * Logistic loss of scores against 0/1 labels, ℓ = log(1 + e^−s) for label 1 and log(1 + e^s)
 * for label 0 (negative sampling's −log σ(s⁺) − Σ log σ(−s⁻)), computed stably.
 * Adds Σ ℓ into metrics[0] and the number of scores on the right side of 0 into metrics[1]
 * (accumulating on the device across steps); dS = (σ(s) − label) · gradScale.
 */
export interface LogisticLossParams {
  scores: DeviceBuffer;
  /** f32 0 or 1, like scores. */
  labels: DeviceBuffer;
  n: number;
  dS: DeviceBuffer | null;
  metrics: DeviceBuffer;
  gradScale: number;
}

/** The kernels above, as a Backend provides them. */
export interface EmbeddingKernels {
  embeddingBag(p: EmbeddingBagParams): void;
  embeddingScatterAdd(p: EmbeddingScatterParams): void;
  batchedDot(p: BatchedDotParams): void;
  batchedDotBackward(p: BatchedDotBackwardParams): void;
  logisticLoss(p: LogisticLossParams): void;
}
