// Writes a WindowGeometry as the Params struct of convGeometry.wgsl, shared by the convolution
// and pooling kernels. `optional`: conv, a bias is present; max pooling, argmax is wanted.
// `relu`: the convolution's fused activation.
import type { WindowGeometry } from '../../engine/backend/backend';
import type { GpuContext } from '../gpuContext';

export function writeGeometry(
  gpu: GpuContext,
  g: WindowGeometry,
  accumulate: boolean,
  optional: boolean,
  imagesPerChunk = 0,
  chunks = 0,
  relu = false,
): void {
  gpu.u32(g.batch);
  gpu.u32(g.inC);
  gpu.u32(g.inH);
  gpu.u32(g.inW);
  gpu.u32(g.outC);
  gpu.u32(g.outH);
  gpu.u32(g.outW);
  gpu.u32(g.kH);
  gpu.u32(g.kW);
  gpu.u32(g.stride);
  gpu.u32(g.pad);
  gpu.u32(accumulate ? 1 : 0);
  gpu.u32(optional ? 1 : 0);
  gpu.u32(imagesPerChunk);
  gpu.u32(chunks);
  gpu.u32(relu ? 1 : 0);
}
