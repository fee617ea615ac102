// Batch normalisation forward (training and evaluation) and backward, a workgroup per channel.
import type { BatchNormBackwardParams, BatchNormParams } from '../../engine/backend/backend';
import type { GpuContext } from '../gpuContext';
import { defineKernel } from '../kernel';
import batchNormSource from './batchNorm.wgsl?raw';
import batchNormBackwardSource from './batchNormBackward.wgsl?raw';

const BATCH_NORM = defineKernel({
  name: 'batchNorm',
  source: batchNormSource,
  bindings: ['read', 'read', 'read', 'write', 'write', 'write', 'write', 'write'],
});
const BATCH_NORM_BACKWARD = defineKernel({
  name: 'batchNormBackward',
  source: batchNormBackwardSource,
  bindings: ['read', 'read', 'read', 'read', 'read', 'write', 'write', 'write'],
});

export function batchNorm(gpu: GpuContext, p: BatchNormParams): void {
  if (p.channels === 0) return;
  gpu.begin(gpu.pipeline(BATCH_NORM), p);
  gpu.buffer(p.x);
  gpu.buffer(p.gamma);
  gpu.buffer(p.beta);
  gpu.buffer(p.y);
  gpu.buffer(p.runningMean);
  gpu.buffer(p.runningVar);
  gpu.buffer(p.savedMean);
  gpu.buffer(p.savedInvStd);
  gpu.u32(p.batch);
  gpu.u32(p.channels);
  gpu.u32(p.spatial);
  gpu.f32(p.eps);
  gpu.f32(p.momentum);
  gpu.u32(p.training ? 1 : 0);
  gpu.run(p.channels, 1, 1);
}

export function batchNormBackward(gpu: GpuContext, p: BatchNormBackwardParams): void {
  if (p.channels === 0) return;
  gpu.begin(gpu.pipeline(BATCH_NORM_BACKWARD), p);
  gpu.buffer(p.x);
  gpu.buffer(p.dy);
  gpu.buffer(p.gamma);
  gpu.buffer(p.savedMean);
  gpu.buffer(p.savedInvStd);
  gpu.buffer(p.dx);
  gpu.buffer(p.dGamma);
  gpu.buffer(p.dBeta);
  gpu.u32(p.batch);
  gpu.u32(p.channels);
  gpu.u32(p.spatial);
  gpu.u32(p.accumulate ? 1 : 0);
  gpu.u32(p.frozen ? 1 : 0);
  gpu.run(p.channels, 1, 1);
}
