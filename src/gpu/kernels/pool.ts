// Max and average pooling, forward and backward, one invocation per output (forward) or per
// input element (backward, written as a gather so overlapping windows need no atomics).
import type { PoolBackwardParams, PoolParams, WindowGeometry } from '../../engine/backend/backend';
import type { GpuContext } from '../gpuContext';
import { defineKernel } from '../kernel';
import { writeGeometry } from './windowGeometry';
import geometrySource from './convGeometry.wgsl?raw';
import windowSource from './poolWindow.wgsl?raw';
import maxPoolSource from './maxPool.wgsl?raw';
import maxPoolBackwardSource from './maxPoolBackward.wgsl?raw';
import avgPoolSource from './avgPool.wgsl?raw';
import avgPoolBackwardSource from './avgPoolBackward.wgsl?raw';
import maxPool2x2Source from './maxPool2x2.wgsl?raw';
import maxPool2x2BackwardSource from './maxPool2x2Backward.wgsl?raw';

const prefix = `${geometrySource}\n${windowSource}\n`;
const MAX_POOL = defineKernel({
  name: 'maxPool',
  source: prefix + maxPoolSource,
  bindings: ['read', 'write', 'write'],
});
const MAX_POOL_BACKWARD = defineKernel({
  name: 'maxPoolBackward',
  source: prefix + maxPoolBackwardSource,
  bindings: ['read', 'read', 'write'],
});
const AVG_POOL = defineKernel({
  name: 'avgPool',
  source: prefix + avgPoolSource,
  bindings: ['read', 'write'],
});
const AVG_POOL_BACKWARD = defineKernel({
  name: 'avgPoolBackward',
  source: prefix + avgPoolBackwardSource,
  bindings: ['read', 'write'],
});

const MAX_POOL_2X2 = defineKernel({
  name: 'maxPool2x2',
  source: prefix + maxPool2x2Source,
  bindings: ['read', 'write', 'write'],
});
const MAX_POOL_2X2_BACKWARD = defineKernel({
  name: 'maxPool2x2Backward',
  source: prefix + maxPool2x2BackwardSource,
  bindings: ['read', 'read', 'write'],
});

/** 2×2 windows with stride 2 that tile the image exactly: the fast kernels apply. */
function tiles2x2(g: WindowGeometry): boolean {
  return (
    g.kH === 2 &&
    g.kW === 2 &&
    g.stride === 2 &&
    g.pad === 0 &&
    g.inH === 2 * g.outH &&
    g.inW === 2 * g.outW
  );
}

const outputs = (g: WindowGeometry) => g.batch * g.inC * g.outH * g.outW;
const inputs = (g: WindowGeometry) => g.batch * g.inC * g.inH * g.inW;

export function maxPool(gpu: GpuContext, p: PoolParams): void {
  gpu.begin(gpu.pipeline(tiles2x2(p.geom) ? MAX_POOL_2X2 : MAX_POOL), p);
  gpu.buffer(p.x);
  gpu.buffer(p.y);
  gpu.buffer(p.argmax ?? gpu.placeholder('write'));
  writeGeometry(gpu, p.geom, false, p.argmax !== null);
  gpu.run1d(outputs(p.geom));
}

export function maxPoolBackward(gpu: GpuContext, p: PoolBackwardParams): void {
  if (!p.argmax) throw new Error('maxPoolBackward: needs the argmax written by maxPool');
  const tiled = tiles2x2(p.geom);
  gpu.begin(gpu.pipeline(tiled ? MAX_POOL_2X2_BACKWARD : MAX_POOL_BACKWARD), p);
  gpu.buffer(p.dy);
  gpu.buffer(p.argmax);
  gpu.buffer(p.dx);
  writeGeometry(gpu, p.geom, p.accumulate, true);
  gpu.run1d(tiled ? outputs(p.geom) : inputs(p.geom));
}

export function avgPool(gpu: GpuContext, p: PoolParams): void {
  gpu.begin(gpu.pipeline(AVG_POOL), p);
  gpu.buffer(p.x);
  gpu.buffer(p.y);
  writeGeometry(gpu, p.geom, false, false);
  gpu.run1d(outputs(p.geom));
}

export function avgPoolBackward(gpu: GpuContext, p: PoolBackwardParams): void {
  gpu.begin(gpu.pipeline(AVG_POOL_BACKWARD), p);
  gpu.buffer(p.dy);
  gpu.buffer(p.dx);
  writeGeometry(gpu, p.geom, p.accumulate, false);
  gpu.run1d(inputs(p.geom));
}
