// Exact t-SNE on the GPU: the gradient in three dispatches (per-point sums, one-workgroup
// reduction of Z, the gradient) and the optimiser step in a fourth. The per-point sums live in
// a scratch buffer of the context, made once per parameter object.
import type { TsneGradientParams, TsneUpdateParams } from '../../engine/backend/tsneKernels';
import type { GpuContext } from '../gpuContext';
import { defineKernel } from '../kernel';
import rowsSource from './tsneRows.wgsl?raw';
import reduceSource from './tsneReduce.wgsl?raw';
import gradientSource from './tsneGradient.wgsl?raw';
import updateSource from './tsneUpdate.wgsl?raw';

const ROWS = defineKernel({
  name: 'tsneRows',
  source: rowsSource,
  bindings: ['read', 'read', 'write'],
});
const REDUCE = defineKernel({
  name: 'tsneReduce',
  source: reduceSource,
  bindings: ['read', 'write'],
});
const GRADIENT = defineKernel({
  name: 'tsneGradient',
  source: gradientSource,
  bindings: ['read', 'read', 'write'],
});
const UPDATE = defineKernel({
  name: 'tsneUpdate',
  source: updateSource,
  bindings: ['read', 'write', 'write', 'write'],
});

export function tsneGradient(gpu: GpuContext, p: TsneGradientParams): void {
  if (p.n === 0) return;
  const rows = gpu.scratch(p, 6 * p.n, 'tsne.rows');
  gpu.begin(gpu.pipeline(ROWS), p);
  gpu.buffer(p.y);
  gpu.buffer(p.p);
  gpu.buffer(rows);
  gpu.u32(p.n);
  gpu.f32(p.exaggeration);
  gpu.u32(p.measure ? 1 : 0);
  gpu.run1d(p.n);

  gpu.begin(gpu.pipeline(REDUCE), p);
  gpu.buffer(rows);
  gpu.buffer(p.stats);
  gpu.u32(p.n);
  gpu.u32(p.measure ? 1 : 0);
  gpu.run(1, 1, 1);

  gpu.begin(gpu.pipeline(GRADIENT), p);
  gpu.buffer(rows);
  gpu.buffer(p.stats);
  gpu.buffer(p.grad);
  gpu.u32(p.n);
  gpu.run1d(p.n);
}

export function tsneUpdate(gpu: GpuContext, p: TsneUpdateParams): void {
  if (p.count === 0) return;
  gpu.begin(gpu.pipeline(UPDATE), p);
  gpu.buffer(p.grad);
  gpu.buffer(p.y);
  gpu.buffer(p.velocity);
  gpu.buffer(p.gains);
  gpu.u32(p.count);
  gpu.f32(p.learningRate);
  gpu.f32(p.momentum);
  gpu.f32(p.minGain);
  gpu.run1d(p.count);
}
