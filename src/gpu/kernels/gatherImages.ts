// Image minibatch gather (per-channel normalisation, random crop, mirror) on the device.
import type { ImageGatherParams } from '../../engine/backend/backend';
import type { GpuContext } from '../gpuContext';
import { defineKernel } from '../kernel';
import gatherImagesSource from './gatherImages.wgsl?raw';
import rngSource from './rng.wgsl?raw';

const GATHER_IMAGES = defineKernel({
  name: 'gatherImages',
  source: `${rngSource}\n${gatherImagesSource}`,
  bindings: ['read', 'read', 'read', 'write', 'write'],
});

export function gatherImages(gpu: GpuContext, p: ImageGatherParams): void {
  if (p.src.dtype !== 'u8') throw new Error(`gatherImages: source "${p.src.label}" must be u8`);
  if (p.scale.length !== p.channels || p.shift.length !== p.channels || p.channels > 4) {
    throw new Error(
      `gatherImages: ${p.channels} channels need as many scales and shifts (at most 4)`,
    );
  }
  if (p.offset < 0 || p.offset + p.batch > p.indices.size) {
    throw new Error(
      `gatherImages: batch ${p.offset}..${p.offset + p.batch} is outside the ${p.indices.size} indices of "${p.indices.label}"`,
    );
  }
  gpu.begin(gpu.pipeline(GATHER_IMAGES), p);
  gpu.buffer(p.src);
  gpu.buffer(p.labels);
  gpu.buffer(p.indices);
  gpu.buffer(p.out);
  gpu.buffer(p.labelsOut);
  for (const v of [p.offset, p.batch, p.channels, p.height, p.width, p.pad, p.flip ? 1 : 0])
    gpu.u32(v);
  gpu.u32(p.seed >>> 0);
  gpu.u32(p.draw >>> 0);
  for (let c = 0; c < 4; c++) gpu.f32(p.scale[c] ?? 0);
  for (let c = 0; c < 4; c++) gpu.f32(p.shift[c] ?? 0);
  gpu.run1d(p.batch * p.channels * p.height * p.width);
}
