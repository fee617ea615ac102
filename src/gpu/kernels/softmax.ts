// Row-wise softmax and log-softmax, forward and backward, one invocation per row.
import type { SoftmaxBackwardParams, SoftmaxParams } from '../../engine/backend/backend';
import type { GpuContext } from '../gpuContext';
import { defineKernel } from '../kernel';
import softmaxSource from './softmax.wgsl?raw';
import softmaxBackwardSource from './softmaxBackward.wgsl?raw';

const logVariant = (variant: number) => ({ LOG: variant });
const SOFTMAX = defineKernel({
  name: 'softmax',
  source: softmaxSource,
  bindings: ['read', 'write'],
  constants: logVariant,
});
const SOFTMAX_BACKWARD = defineKernel({
  name: 'softmaxBackward',
  source: softmaxBackwardSource,
  bindings: ['read', 'read', 'write'],
  constants: logVariant,
});

export function softmax(gpu: GpuContext, p: SoftmaxParams): void {
  if (p.rows === 0 || p.cols === 0) return;
  gpu.begin(gpu.pipeline(SOFTMAX, p.log ? 1 : 0), p);
  gpu.buffer(p.x);
  gpu.buffer(p.y);
  gpu.u32(p.rows);
  gpu.u32(p.cols);
  gpu.run1d(p.rows);
}

export function softmaxBackward(gpu: GpuContext, p: SoftmaxBackwardParams): void {
  if (p.rows === 0 || p.cols === 0) return;
  gpu.begin(gpu.pipeline(SOFTMAX_BACKWARD, p.log ? 1 : 0), p);
  gpu.buffer(p.y);
  gpu.buffer(p.dy);
  gpu.buffer(p.dx);
  gpu.u32(p.rows);
  gpu.u32(p.cols);
  gpu.u32(p.accumulate ? 1 : 0);
  gpu.run1d(p.rows);
}
