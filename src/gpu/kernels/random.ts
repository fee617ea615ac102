// Seeded draws on the device from the counter-based source of rng.ts: fills and dropout.
import type { DeviceBuffer, DropoutParams, RandomFillParams } from '../../engine/backend/backend';
import type { GpuContext } from '../gpuContext';
import { defineKernel, fitsVec4, vectorized } from '../kernel';
import rngSource from './rng.wgsl?raw';
import randomFillSource from './randomFill.wgsl?raw';
import dropoutSource from './dropout.wgsl?raw';
import dropoutBackwardSource from './dropoutBackward.wgsl?raw';

const RANDOM_FILL = defineKernel({
  name: 'randomFill',
  source: `${rngSource}\n${randomFillSource}`,
  bindings: ['write'],
  constants: (variant) => ({ NORMAL: variant }),
});
const DROPOUT = defineKernel({
  name: 'dropout',
  source: `${rngSource}\n${dropoutSource}`,
  bindings: ['read', 'write', 'write'],
});
const DROPOUT_BACKWARD = defineKernel({
  name: 'dropoutBackward',
  source: dropoutBackwardSource,
  bindings: ['read', 'read', 'write'],
});
const DROPOUT_BACKWARD_VEC4 = vectorized(DROPOUT_BACKWARD);

export function randomFill(gpu: GpuContext, p: RandomFillParams): void {
  if (p.n === 0) return;
  gpu.begin(gpu.pipeline(RANDOM_FILL, p.distribution === 'normal' ? 1 : 0), p);
  gpu.buffer(p.buf);
  gpu.u32(p.n);
  gpu.f32(p.a);
  gpu.f32(p.b);
  gpu.u32(p.seed >>> 0);
  gpu.u32(p.counter >>> 0);
  gpu.run1d(p.n);
}

export function dropout(gpu: GpuContext, p: DropoutParams): void {
  // The threshold and scale in f32, exactly as the CPU backend computes them.
  const rate = Math.fround(p.p);
  gpu.begin(gpu.pipeline(DROPOUT), p);
  gpu.buffer(p.x);
  gpu.buffer(p.y);
  gpu.buffer(p.mask);
  gpu.u32(p.n);
  gpu.f32(rate);
  gpu.f32(Math.fround(1 / Math.fround(1 - rate)));
  gpu.u32(p.seed >>> 0);
  gpu.u32(p.counter >>> 0);
  gpu.run1d(p.n);
}

export function dropoutBackward(
  gpu: GpuContext,
  p: { dy: DeviceBuffer; mask: DeviceBuffer; dx: DeviceBuffer; n: number; accumulate: boolean },
): void {
  const vec = fitsVec4(p.n);
  const n = vec ? p.n / 4 : p.n;
  gpu.begin(gpu.pipeline(vec ? DROPOUT_BACKWARD_VEC4 : DROPOUT_BACKWARD), p);
  gpu.buffer(p.dy);
  gpu.buffer(p.mask);
  gpu.buffer(p.dx);
  gpu.u32(n);
  gpu.u32(p.accumulate ? 1 : 0);
  gpu.run1d(n);
}
