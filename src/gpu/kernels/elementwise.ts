// Element-wise kernels: fills, activations and their derivatives, broadcast add, the
// combination x + a·y + b·z, block copies.
// Each has a vec4 twin (see `vectorized`) used whenever the sizes allow, which is almost always
// (batch × features).
import type {
  AddParams,
  CombineParams,
  CopyBlocksParams,
  DeviceBuffer,
  UnaryBackwardParams,
  UnaryOp,
  UnaryParams,
} from '../../engine/backend/backend';
import type { GpuContext } from '../gpuContext';
import { asGpuBuffer } from '../gpuBuffer';
import { defineKernel, fitsVec4, vectorized, type KernelDef } from '../kernel';
import fillSource from './fill.wgsl?raw';
import unarySource from './unary.wgsl?raw';
import unaryBackwardSource from './unaryBackward.wgsl?raw';
import addSource from './add.wgsl?raw';
import addInPlaceSource from './addInPlace.wgsl?raw';
import copyBlocksSource from './copyBlocks.wgsl?raw';
import combineSource from './combine.wgsl?raw';

const UNARY_OPS: readonly UnaryOp[] = ['relu', 'leakyRelu', 'tanh', 'sigmoid', 'abs'];
const opConstant = (variant: number) => ({ OP: variant });

/** A kernel and its vec4 twin. */
function pair(def: KernelDef): { scalar: KernelDef; vec4: KernelDef } {
  const scalar = defineKernel(def);
  return { scalar, vec4: vectorized(scalar) };
}

const FILL = pair({ name: 'fill', source: fillSource, bindings: ['write'] });
const UNARY = pair({
  name: 'unary',
  source: unarySource,
  bindings: ['read', 'write'],
  constants: opConstant,
});
// In place (y = x): WebGPU cannot bind one buffer as both read-only and writable storage.
const UNARY_IN_PLACE = pair({
  name: 'unaryInPlace',
  source: unarySource
    .replace('@group(0) @binding(0) var<storage, read> x: array<V>;', '')
    .replace('@binding(1) var<storage, read_write> y', '@binding(0) var<storage, read_write> y')
    .replace('@binding(2) var<uniform>', '@binding(1) var<uniform>')
    .replace('y[i] = activate(x[i]);', 'y[i] = activate(y[i]);'),
  bindings: ['write'],
  constants: opConstant,
});
const UNARY_BACKWARD = pair({
  name: 'unaryBackward',
  source: unaryBackwardSource,
  bindings: ['read', 'read', 'read', 'write'],
  constants: opConstant,
});
const ADD = pair({ name: 'add', source: addSource, bindings: ['read', 'read', 'write'] });
const ADD_IN_PLACE = pair({
  name: 'addInPlace',
  source: addInPlaceSource,
  bindings: ['read', 'write'],
});
const COMBINE = pair({
  name: 'combine',
  source: combineSource,
  bindings: ['read', 'read', 'read', 'write'],
});
const COPY_BLOCKS = pair({
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
  const vec = fitsVec4(words);
  gpu.begin(gpu.pipeline(vec ? FILL.vec4 : FILL.scalar), asGpuBuffer(buf));
  gpu.buffer(buf);
  gpu.u32(vec ? words / 4 : words);
  gpu.u32(fillBits(buf, value));
  gpu.run1d(vec ? words / 4 : words);
}

export function unary(gpu: GpuContext, p: UnaryParams): void {
  const variant = UNARY_OPS.indexOf(p.op);
  const vec = fitsVec4(p.n);
  const kernel = p.x === p.y ? UNARY_IN_PLACE : UNARY;
  gpu.begin(gpu.pipeline(vec ? kernel.vec4 : kernel.scalar, variant), p);
  if (p.x !== p.y) gpu.buffer(p.x);
  gpu.buffer(p.y);
  const n = vec ? p.n / 4 : p.n;
  gpu.u32(n);
  gpu.f32(p.alpha);
  gpu.run1d(n);
}

export function unaryBackward(gpu: GpuContext, p: UnaryBackwardParams): void {
  const vec = fitsVec4(p.n);
  const kernel = vec ? UNARY_BACKWARD.vec4 : UNARY_BACKWARD.scalar;
  gpu.begin(gpu.pipeline(kernel, UNARY_OPS.indexOf(p.op)), p);
  gpu.buffer(p.x);
  gpu.buffer(p.y);
  gpu.buffer(p.dy);
  gpu.buffer(p.dx);
  const n = vec ? p.n / 4 : p.n;
  gpu.u32(n);
  gpu.f32(p.alpha);
  gpu.u32(p.accumulate ? 1 : 0);
  gpu.run1d(n);
}

export function add(gpu: GpuContext, p: AddParams): void {
  const vec = fitsVec4(p.n, p.bSize);
  const kernel = p.out === p.a ? ADD_IN_PLACE : ADD;
  gpu.begin(gpu.pipeline(vec ? kernel.vec4 : kernel.scalar), p);
  if (p.out !== p.a) gpu.buffer(p.a);
  gpu.buffer(p.b);
  gpu.buffer(p.out);
  const unit = vec ? 4 : 1;
  gpu.u32(p.n / unit);
  gpu.u32(p.bSize / unit);
  gpu.run1d(p.n / unit);
}

export function combine(gpu: GpuContext, p: CombineParams): void {
  if (p.n === 0) return;
  const vec = fitsVec4(p.n);
  gpu.begin(gpu.pipeline(vec ? COMBINE.vec4 : COMBINE.scalar), p);
  gpu.buffer(p.x);
  gpu.buffer(p.y);
  gpu.buffer(p.z);
  gpu.buffer(p.out);
  const n = vec ? p.n / 4 : p.n;
  gpu.u32(n);
  gpu.f32(p.a);
  gpu.f32(p.b);
  gpu.run1d(n);
}

export function copyBlocks(gpu: GpuContext, p: CopyBlocksParams): void {
  const n = p.blocks * p.blockSize;
  if (n === 0) return;
  const vec = fitsVec4(p.blockSize, p.srcOffset, p.srcStride, p.dstOffset, p.dstStride);
  const unit = vec ? 4 : 1;
  gpu.begin(gpu.pipeline(vec ? COPY_BLOCKS.vec4 : COPY_BLOCKS.scalar), p);
  gpu.buffer(p.src);
  gpu.buffer(p.dst);
  gpu.u32(p.blocks);
  gpu.u32(p.blockSize / unit);
  gpu.u32(p.srcOffset / unit);
  gpu.u32(p.srcStride / unit);
  gpu.u32(p.dstOffset / unit);
  gpu.u32(p.dstStride / unit);
  gpu.u32(p.accumulate ? 1 : 0);
  gpu.run1d(n / unit);
}
