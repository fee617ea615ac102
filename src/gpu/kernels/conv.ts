// 2-D convolution as implicit GEMMs (the im2col matrix is never built): forward over output
// pixels × output channels, backward-data over input pixels × input channels, and
// backward-filter split over chunks of the batch, then reduced.
import type {
  Conv2dBackwardDataParams,
  Conv2dBackwardFilterParams,
  Conv2dParams,
  WindowGeometry,
} from '../../engine/backend/backend';
import type { GpuContext } from '../gpuContext';
import { defineKernel } from '../kernel';
import type { Tuning } from '../tuning';
import { writeGeometry } from './windowGeometry';
import geometrySource from './convGeometry.wgsl?raw';
import forwardIoSource from './conv2dForwardIo.wgsl?raw';
import forwardSource from './conv2dBlocked.wgsl?raw';
import forwardTiledSource from './conv2dTiled.wgsl?raw';
import backwardDataSource from './conv2dBackwardDataBlocked.wgsl?raw';
import backwardFilterSource from './conv2dBackwardFilterBlocked.wgsl?raw';
import reduceSource from './convReduce.wgsl?raw';

const padded = (variant: number) => ({ PADDED: variant });

const FORWARD = defineKernel({
  name: 'conv2dBlocked',
  source: `${geometrySource}\n${forwardIoSource}\n${forwardSource}`,
  bindings: ['read', 'read', 'read', 'write'],
  constants: padded,
});
const FORWARD_TILED = defineKernel({
  name: 'conv2dTiled',
  source: `${geometrySource}\n${forwardIoSource}\n${forwardTiledSource}`,
  bindings: ['read', 'read', 'read', 'write'],
  constants: padded,
});
const BACKWARD_DATA = defineKernel({
  name: 'conv2dBackwardDataBlocked',
  source: `${geometrySource}\n${backwardDataSource}`,
  bindings: ['read', 'read', 'write'],
  constants: (variant) => ({ STRIDE1: variant }),
});
const BACKWARD_FILTER = defineKernel({
  name: 'conv2dBackwardFilterBlocked',
  source: `${geometrySource}\n${backwardFilterSource}`,
  bindings: ['read', 'read', 'write'],
  constants: padded,
});
const REDUCE = defineKernel({
  name: 'convReduce',
  source: `${geometrySource}\n${reduceSource}`,
  bindings: ['read', 'write', 'write'],
});

/** Invocations of a blocked workgroup, each computing 4 pixels × 8 channels (or 4×4 filter entries). */
const WORKGROUP = 64;
/** Invocations the split filter gradient aims for, so that every GPU core has work. */
const TARGET_INVOCATIONS = 8192;

export function conv2d(gpu: GpuContext, p: Conv2dParams, tuning: Tuning): void {
  const g = p.geom;
  const pixels = g.batch * g.outH * g.outW;
  if (pixels === 0 || g.outC === 0) return;
  const tiled = tuning.conv === 'tiled';
  gpu.begin(gpu.pipeline(tiled ? FORWARD_TILED : FORWARD, g.pad > 0 ? 1 : 0), p);
  gpu.buffer(p.x);
  gpu.buffer(p.w);
  gpu.buffer(p.b ?? gpu.placeholder('read'));
  gpu.buffer(p.y);
  writeGeometry(gpu, g, false, p.b !== null, 0, 0, p.activation === 'relu');
  const quads = g.batch * g.outH * Math.ceil(g.outW / 4);
  if (tiled) {
    // x (folded into z) over groups of 64 quads, y over blocks of 8 channels.
    const groups = Math.ceil(quads / WORKGROUP);
    const x = Math.min(groups, gpu.maxWorkgroups);
    gpu.run(x, Math.ceil(g.outC / 8), Math.ceil(groups / x));
  } else {
    gpu.run1dGroups(Math.ceil((quads * Math.ceil(g.outC / 8)) / WORKGROUP));
  }
}

export function conv2dBackwardData(
  gpu: GpuContext,
  p: Conv2dBackwardDataParams,
  _tuning: Tuning,
): void {
  const g = p.geom;
  const pixels = g.batch * g.inH * g.inW;
  if (pixels === 0 || g.inC === 0) return;
  gpu.begin(gpu.pipeline(BACKWARD_DATA, g.stride === 1 ? 1 : 0), p);
  gpu.buffer(p.dy);
  gpu.buffer(p.w);
  gpu.buffer(p.dx);
  writeGeometry(gpu, g, p.accumulate, false);
  const quads = g.batch * g.inH * Math.ceil(g.inW / 4);
  gpu.run1dGroups(Math.ceil((quads * Math.ceil(g.inC / 8)) / WORKGROUP));
}

/** How the batch is split for the filter gradient: enough chunks to fill the GPU. */
function chunking(g: WindowGeometry): { imagesPerChunk: number; chunks: number } {
  const cols = g.inC * g.kH * g.kW + 1;
  const invocations = Math.ceil(g.outC / 4) * Math.ceil(cols / 4);
  const wanted = Math.min(g.batch, Math.max(1, Math.ceil(TARGET_INVOCATIONS / invocations)));
  const imagesPerChunk = Math.ceil(g.batch / wanted);
  return { imagesPerChunk, chunks: Math.ceil(g.batch / imagesPerChunk) };
}

export function conv2dBackwardFilter(
  gpu: GpuContext,
  p: Conv2dBackwardFilterParams,
  _tuning: Tuning,
): void {
  const g = p.geom;
  const taps = g.inC * g.kH * g.kW;
  const cols = taps + 1;
  const { imagesPerChunk, chunks } = chunking(g);
  const part = gpu.scratch(p, chunks * g.outC * cols, 'conv2dBackwardFilter partials');

  gpu.begin(gpu.pipeline(BACKWARD_FILTER, g.pad > 0 ? 1 : 0), p);
  gpu.buffer(p.x);
  gpu.buffer(p.dy);
  gpu.buffer(part);
  writeGeometry(gpu, g, false, true, imagesPerChunk, chunks);
  const blocks = chunks * Math.ceil(g.outC / 4) * Math.ceil(cols / 4);
  gpu.run1dGroups(Math.ceil(blocks / WORKGROUP));

  gpu.begin(gpu.pipeline(REDUCE), part);
  gpu.buffer(part);
  gpu.buffer(p.dw);
  gpu.buffer(p.db ?? gpu.placeholder('write'));
  writeGeometry(gpu, g, p.accumulate, p.db !== null, imagesPerChunk, chunks);
  gpu.run1d(g.outC * cols);
}
