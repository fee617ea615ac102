// Fused optimizer updates, one pass per parameter buffer, and global gradient-norm clipping.
import type { ClipParams, OptimizerUpdateParams } from '../../engine/backend/backend';
import type { GpuContext } from '../gpuContext';
import { defineKernel, fitsVec4, vectorized } from '../kernel';
import optimizerSource from './optimizer.wgsl?raw';
import clipSource from './clip.wgsl?raw';

const OPTIMIZER = defineKernel({
  name: 'optimizerUpdate',
  source: optimizerSource,
  bindings: ['read', 'read', 'write', 'write', 'write'],
  constants: (variant) => ({ KIND: variant }),
});
const OPTIMIZER_VEC4 = vectorized(OPTIMIZER);
const CLIP = defineKernel({
  name: 'clipGradients',
  source: clipSource,
  bindings: ['read', 'write', 'write'],
});

function kind(p: OptimizerUpdateParams): number {
  switch (p.kind) {
    case 'sgd':
      return p.momentum === 0 || p.state1 === null ? 0 : 1;
    case 'adam':
      return 2;
    case 'rmsprop':
      return 3;
    case 'adagrad':
      return 4;
  }
}

export function optimizerUpdate(gpu: GpuContext, p: OptimizerUpdateParams): void {
  if (p.n === 0) return;
  const k = kind(p);
  if (k >= 2 && p.state1 === null)
    throw new Error(`optimizerUpdate: ${p.kind} needs its state buffers`);
  if (k === 2 && p.state2 === null)
    throw new Error('optimizerUpdate: adam needs its second moment');
  const h = p.hyper;
  const vec = fitsVec4(p.n);
  const n = vec ? p.n / 4 : p.n;
  gpu.begin(gpu.pipeline(vec ? OPTIMIZER_VEC4 : OPTIMIZER, k), p);
  gpu.buffer(p.grad);
  gpu.buffer(h.gradScale ?? gpu.placeholder('read'));
  gpu.buffer(p.param);
  gpu.buffer(p.state1 ?? gpu.placeholder('write', 0));
  gpu.buffer(p.state2 ?? gpu.placeholder('write', 1));
  gpu.u32(n);
  gpu.f32(h.lr);
  gpu.f32(h.l1);
  gpu.f32(h.l2);
  gpu.u32(h.gradScale ? 1 : 0);
  gpu.f32(p.momentum);
  gpu.u32(p.nesterov ? 1 : 0);
  gpu.f32(p.beta1);
  gpu.f32(p.beta2);
  gpu.f32(p.rho);
  gpu.f32(p.eps);
  // Adam's bias corrections in f64, as the CPU backend folds them.
  gpu.f32(k === 2 ? h.lr / (1 - Math.pow(p.beta1, h.step)) : 0);
  gpu.f32(k === 2 ? Math.sqrt(1 - Math.pow(p.beta2, h.step)) : 1);
  gpu.run1d(n);
}

export function clipGradients(gpu: GpuContext, p: ClipParams): void {
  const last = p.grads.length - 1;
  if (last < 0) {
    // No gradients: nothing to clip, scale 1.
    gpu.begin(gpu.pipeline(CLIP), p);
    gpu.buffer(gpu.placeholder('read'));
    gpu.buffer(p.sumSquares);
    gpu.buffer(p.scale);
    gpu.u32(0);
    gpu.u32(1);
    gpu.u32(1);
    gpu.f32(p.maxNorm);
    gpu.run(1, 1, 1);
    return;
  }
  for (let b = 0; b <= last; b++) {
    // Keyed by the gradient buffer: each has its own bind group.
    gpu.begin(gpu.pipeline(CLIP), p.grads[b]);
    gpu.buffer(p.grads[b]);
    gpu.buffer(p.sumSquares);
    gpu.buffer(p.scale);
    gpu.u32(p.sizes[b]);
    gpu.u32(b === 0 ? 1 : 0);
    gpu.u32(b === last ? 1 : 0);
    gpu.f32(p.maxNorm);
    gpu.run(1, 1, 1);
  }
}
