// Word-embedding kernels: bagged lookup, its deterministic scatter-add backward, batched dot
// products and their backward, and the logistic loss. Formulas in engine/backend/embeddingKernels.ts.
import type {
  BatchedDotBackwardParams,
  BatchedDotParams,
  EmbeddingBagParams,
  EmbeddingScatterParams,
  LogisticLossParams,
} from '../../engine/backend/embeddingKernels';
import type { GpuContext } from '../gpuContext';
import { defineKernel, vectorized } from '../kernel';
import bagSource from './embeddingBag.wgsl?raw';
import scatterSource from './embeddingScatter.wgsl?raw';
import dotSource from './batchedDot.wgsl?raw';
import dotBackwardSource from './batchedDotBackward.wgsl?raw';
import logisticSource from './logisticLoss.wgsl?raw';

const BAG = defineKernel({
  name: 'embeddingBag',
  source: bagSource,
  bindings: ['read', 'read', 'read', 'write'],
  constants: (variant) => ({ PLAIN: variant }),
});
const SCATTER = defineKernel({
  name: 'embeddingScatterAdd',
  source: scatterSource,
  bindings: ['write', 'read', 'read', 'read', 'read', 'read'],
});
// Four dimensions per invocation when the dimension is a multiple of 4: about 3× faster on
// SwiftShader, where an invocation's fixed cost dwarfs one element's work (see vectorized).
const BAG_VEC4 = vectorized(BAG);
const SCATTER_VEC4 = vectorized(SCATTER);
const DOT = defineKernel({
  name: 'batchedDot',
  source: dotSource,
  bindings: ['read', 'read', 'write'],
});
const DOT_BACKWARD = defineKernel({
  name: 'batchedDotBackward',
  source: dotBackwardSource,
  bindings: ['read', 'read', 'read', 'write', 'write'],
});
const LOGISTIC = defineKernel({
  name: 'logisticLoss',
  source: logisticSource,
  bindings: ['read', 'read', 'write', 'write'],
});

export function embeddingBag(gpu: GpuContext, p: EmbeddingBagParams): void {
  const plain = p.bagSize === 1 && p.weights === null;
  const vec = p.dim % 4 === 0;
  const dim = vec ? p.dim / 4 : p.dim;
  gpu.begin(gpu.pipeline(vec ? BAG_VEC4 : BAG, plain ? 1 : 0), p);
  gpu.buffer(p.table);
  gpu.buffer(p.indices);
  gpu.buffer(p.weights ?? gpu.placeholder('read'));
  gpu.buffer(p.out);
  gpu.u32(p.bags);
  gpu.u32(p.bagSize);
  gpu.u32(dim);
  gpu.u32(p.weights ? 1 : 0);
  gpu.run1d(p.bags * dim);
}

export function embeddingScatterAdd(gpu: GpuContext, p: EmbeddingScatterParams): void {
  if (p.uniqueCount + 1 > p.starts.size) {
    throw new Error(
      `embeddingScatterAdd: ${p.uniqueCount} segments need ${p.uniqueCount + 1} starts; "${p.starts.label}" has ${p.starts.size}`,
    );
  }
  const vec = p.dim % 4 === 0;
  const dim = vec ? p.dim / 4 : p.dim;
  gpu.begin(gpu.pipeline(vec ? SCATTER_VEC4 : SCATTER), p);
  gpu.buffer(p.dst);
  gpu.buffer(p.src);
  gpu.buffer(p.weights ?? gpu.placeholder('read'));
  gpu.buffer(p.order);
  gpu.buffer(p.unique);
  gpu.buffer(p.starts);
  gpu.u32(p.uniqueCount);
  gpu.u32(p.bagSize);
  gpu.u32(dim);
  gpu.u32(p.weights ? 1 : 0);
  gpu.f32(p.scale);
  gpu.run1d(p.uniqueCount * dim);
}

export function batchedDot(gpu: GpuContext, p: BatchedDotParams): void {
  gpu.begin(gpu.pipeline(DOT), p);
  gpu.buffer(p.h);
  gpu.buffer(p.u);
  gpu.buffer(p.s);
  gpu.u32(p.rows);
  gpu.u32(p.perRow);
  gpu.u32(p.dim);
  gpu.run1d(p.rows * p.perRow);
}

export function batchedDotBackward(gpu: GpuContext, p: BatchedDotBackwardParams): void {
  gpu.begin(gpu.pipeline(DOT_BACKWARD), p);
  gpu.buffer(p.h);
  gpu.buffer(p.u);
  gpu.buffer(p.dS);
  gpu.buffer(p.dh);
  gpu.buffer(p.du);
  gpu.u32(p.rows);
  gpu.u32(p.perRow);
  gpu.u32(p.dim);
  gpu.run1d(p.rows * p.dim);
}

export function logisticLoss(gpu: GpuContext, p: LogisticLossParams): void {
  gpu.begin(gpu.pipeline(LOGISTIC), p);
  gpu.buffer(p.scores);
  gpu.buffer(p.labels);
  gpu.buffer(p.dS ?? gpu.placeholder('write'));
  gpu.buffer(p.metrics);
  gpu.u32(p.n);
  gpu.u32(p.dS ? 1 : 0);
  gpu.f32(p.gradScale);
  gpu.run(1, 1, 1);
}
