// Element-wise kernels: fills, activations and their derivatives, broadcast add, block copies.
import type {
  AddParams,
  CopyBlocksParams,
  DeviceBuffer,
  UnaryBackwardParams,
  UnaryOp,
  UnaryParams,
} from '../../engine/backend/backend';
import type { GpuContext } from '../gpuContext';
import { asGpuBuffer } from '../gpuBuffer';
import { defineKernel } from '../kernel';
import fillSource from './fill.wgsl?raw';
import unarySource from './unary.wgsl?raw';
import unaryBackwardSource from './unaryBackward.wgsl?raw';
import addSource from './add.wgsl?raw';
import addInPlaceSource from './addInPlace.wgsl?raw';
import copyBlocksSource from './copyBlocks.wgsl?raw';

const UNARY_OPS: readonly UnaryOp[] = ['relu', 'leakyRelu', 'tanh', 'sigmoid', 'abs'];
const opConstant = (variant: number) => ({ OP: variant });

const FILL = defineKernel({ name: 'fill', source: fillSource, bindings: ['write'] });
const UNARY = defineKernel({
  name: 'unary',
  source: unarySource,
  bindings: ['read', 'write'],
  constants: opConstant,
});
// In place (y = x): WebGPU cannot bind one buffer as both read-only and writable storage.
const UNARY_IN_PLACE = defineKernel({
  name: 'unaryInPlace',
  source: unarySource
    .replace('@group(0) @binding(0) var<storage, read> x: array<f32>;', '')
    .replace('@binding(1) var<storage, read_write> y', '@binding(0) var<storage, read_write> y')
    .replace('@binding(2) var<uniform>', '@binding(1) var<uniform>')
    .replace('y[i] = activate(x[i]);', 'y[i] = activate(y[i]);'),
  bindings: ['write'],
  constants: opConstant,
});
const UNARY_BACKWARD = defineKernel({
  name: 'unaryBackward',
  source: unaryBackwardSource,
  bindings: ['read', 'read', 'read', 'write'],
  constants: opConstant,
});
const ADD = defineKernel({ name: 'add', source: addSource, bindings: ['read', 'read', 'write'] });
const ADD_IN_PLACE = defineKernel({
  name: 'addInPlace',
  source: addInPlaceSource,
  bindings: ['read', 'write'],
});
const COPY_BLOCKS = defineKernel({
  name: 'copyBlocks',
  source: copyBlocksSource,
  bindings: ['read', 'write'],
});

const wordView = new DataView(new ArrayBuffer(4));

/** The 32-bit word that a fill with `value` writes into a buffer of this dtype. */
function fillBits(buf: DeviceBuffer, value: number): number {
  if (buf.dtype === 'f32') {
    wordView.setFloat32(0, value, true);
    return wordView.getUint32(0, true);
  }
  if (buf.dtype === 'i32') return value >>> 0;
  return Math.imul(value & 0xff, 0x01010101) >>> 0;
}

export function fill(gpu: GpuContext, buf: DeviceBuffer, value: number, n = buf.size): void {
  let words = n;
  if (buf.dtype === 'u8') {
    // Packed bytes: a partial fill must end on a word boundary (or at the buffer's end).
    if (n % 4 !== 0 && n !== buf.size) {
      throw new Error(`fill "${buf.label}": a u8 fill of ${n} bytes must cover whole words`);
    }
    words = Math.ceil(n / 4);
  }
  if (words === 0) return;
  gpu.begin(gpu.pipeline(FILL), asGpuBuffer(buf));
  gpu.buffer(buf);
  gpu.u32(words);
  gpu.u32(fillBits(buf, value));
  gpu.run1d(words);
}

export function unary(gpu: GpuContext, p: UnaryParams): void {
  const variant = UNARY_OPS.indexOf(p.op);
  if (p.x === p.y) {
    gpu.begin(gpu.pipeline(UNARY_IN_PLACE, variant), p);
  } else {
    gpu.begin(gpu.pipeline(UNARY, variant), p);
    gpu.buffer(p.x);
  }
  gpu.buffer(p.y);
  gpu.u32(p.n);
  gpu.f32(p.alpha);
  gpu.run1d(p.n);
}

export function unaryBackward(gpu: GpuContext, p: UnaryBackwardParams): void {
  gpu.begin(gpu.pipeline(UNARY_BACKWARD, UNARY_OPS.indexOf(p.op)), p);
  gpu.buffer(p.x);
  gpu.buffer(p.y);
  gpu.buffer(p.dy);
  gpu.buffer(p.dx);
  gpu.u32(p.n);
  gpu.f32(p.alpha);
  gpu.u32(p.accumulate ? 1 : 0);
  gpu.run1d(p.n);
}

export function add(gpu: GpuContext, p: AddParams): void {
  if (p.out === p.a) {
    gpu.begin(gpu.pipeline(ADD_IN_PLACE), p);
  } else {
    gpu.begin(gpu.pipeline(ADD), p);
    gpu.buffer(p.a);
  }
  gpu.buffer(p.b);
  gpu.buffer(p.out);
  gpu.u32(p.n);
  gpu.u32(p.bSize);
  gpu.run1d(p.n);
}

export function copyBlocks(gpu: GpuContext, p: CopyBlocksParams): void {
  const n = p.blocks * p.blockSize;
  if (n === 0) return;
  gpu.begin(gpu.pipeline(COPY_BLOCKS), p);
  gpu.buffer(p.src);
  gpu.buffer(p.dst);
  gpu.u32(p.blocks);
  gpu.u32(p.blockSize);
  gpu.u32(p.srcOffset);
  gpu.u32(p.srcStride);
  gpu.u32(p.dstOffset);
  gpu.u32(p.dstStride);
  gpu.u32(p.accumulate ? 1 : 0);
  gpu.run1d(n);
}
