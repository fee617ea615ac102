// Minibatch gather from the device-resident data set (bytes or f32), with normalisation.
import type { GatherParams } from '../../engine/backend/backend';
import type { GpuContext } from '../gpuContext';
import { defineKernel } from '../kernel';
import gatherSource from './gather.wgsl?raw';
import gatherVec4Source from './gatherVec4.wgsl?raw';

const GATHER = defineKernel({
  name: 'gather',
  source: gatherSource,
  bindings: ['read', 'read', 'read', 'write', 'write'],
  constants: (variant) => ({ SRC_U8: variant }),
});

const GATHER_VEC4 = defineKernel({
  name: 'gatherVec4',
  source: gatherVec4Source,
  bindings: ['read', 'read', 'read', 'write', 'write'],
  constants: (variant) => ({ SRC_U8: variant }),
});

export function gather(gpu: GpuContext, p: GatherParams): void {
  if (p.src.dtype === 'i32') throw new Error(`gather: source "${p.src.label}" must be u8 or f32`);
  if (p.offset < 0 || p.offset + p.batch > p.indices.size) {
    throw new Error(
      `gather: batch ${p.offset}..${p.offset + p.batch} is outside the ${p.indices.size} indices of "${p.indices.label}"`,
    );
  }
  const withLabels = p.labels !== null && p.labelsOut !== null;
  const vec = p.rowSize % 4 === 0;
  gpu.begin(gpu.pipeline(vec ? GATHER_VEC4 : GATHER, p.src.dtype === 'u8' ? 1 : 0), p);
  gpu.buffer(p.src);
  gpu.buffer(withLabels ? p.labels! : gpu.placeholder('read'));
  gpu.buffer(p.indices);
  gpu.buffer(p.out);
  gpu.buffer(withLabels ? p.labelsOut! : gpu.placeholder('write'));
  gpu.u32(p.offset);
  gpu.u32(p.batch);
  gpu.u32(p.rowSize);
  gpu.f32(p.scale);
  gpu.f32(p.shift);
  gpu.u32(withLabels ? 1 : 0);
  gpu.run1d((p.batch * p.rowSize) / (vec ? 4 : 1));
}
