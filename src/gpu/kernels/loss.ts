// The fused loss pass: per-row loss, accuracy and the gradient of the mean loss, with the
// metrics accumulated on the device.
import type { LossParams } from '../../engine/backend/backend';
import type { GpuContext } from '../gpuContext';
import { defineKernel } from '../kernel';
import lossSource from './loss.wgsl?raw';
import crossEntropySource from './lossCrossEntropy.wgsl?raw';
import squaredErrorSource from './lossSquaredError.wgsl?raw';
import hingeSource from './lossHinge.wgsl?raw';

const KINDS = ['softmaxCrossEntropy', 'meanSquaredError', 'hinge'] as const;
const ROW_LOSSES = [crossEntropySource, squaredErrorSource, hingeSource];

// One kernel per loss, each compiling only its own row function: a shorter compile before the
// first step than one kernel with every loss behind an override.
const LOSSES = KINDS.map((kind, k) =>
  defineKernel({
    name: `loss.${kind}`,
    source: `${lossSource}\n${ROW_LOSSES[k]}`,
    bindings: ['read', 'read', 'write', 'write'],
    constants: (variant) => ({ VALUES: variant }),
  }),
);

export function loss(gpu: GpuContext, p: LossParams): void {
  const values = p.target.dtype === 'f32';
  if (values && p.kind !== 'meanSquaredError') {
    throw new Error(`loss ${p.kind}: target "${p.target.label}" must hold i32 class labels`);
  }
  gpu.begin(gpu.pipeline(LOSSES[KINDS.indexOf(p.kind)], values ? 1 : 0), p);
  gpu.buffer(p.pred);
  gpu.buffer(p.target);
  gpu.buffer(p.dPred ?? gpu.placeholder('write'));
  gpu.buffer(p.metrics);
  gpu.u32(p.rows);
  gpu.u32(p.cols);
  gpu.u32(p.validRows);
  gpu.u32(p.dPred ? 1 : 0);
  gpu.f32(p.margin ?? 1);
  gpu.u32(0x7fc00000);
  gpu.run(1, 1, 1);
}
