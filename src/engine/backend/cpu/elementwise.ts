// Element-wise kernels on the CPU: fills, activations and their derivatives, broadcast add,
// the combination x + a·y + b·z, and strided block copies.
//
// Each case is its own loop with no branch on rarely seen data inside it: V8 compiles a hot
// loop while it runs, and a path that has never run by then (the negative side of a ReLU, the
// accumulate flag) would throw it back to the interpreter later. So the derivatives select
// a factor with `?:` and always multiply, and `accumulate` picks between two loops.
import type {
  AddParams,
  CombineParams,
  CopyBlocksParams,
  DeviceBuffer,
  UnaryBackwardParams,
  UnaryParams,
} from '../backend';
import { CpuBuffer, f32 } from './cpuBuffer';

/** Sets the first n elements (all by default) of a buffer of any dtype. */
export function fill(buf: DeviceBuffer, value: number, n = buf.size): void {
  if (!(buf instanceof CpuBuffer))
    throw new Error(`CPU backend: buffer "${buf.label}" is not a CPU buffer`);
  buf.data.fill(value, 0, n);
}

/** y = f(x) for the first n elements; y may be x. NaN passes through every op. */
export function unary(p: UnaryParams): void {
  const x = f32(p.x);
  const y = f32(p.y);
  const n = p.n;
  switch (p.op) {
    case 'relu':
      for (let i = 0; i < n; i++) {
        const v = x[i];
        y[i] = v < 0 ? 0 : v;
      }
      return;
    case 'leakyRelu': {
      const alpha = p.alpha;
      for (let i = 0; i < n; i++) {
        const v = x[i];
        y[i] = v * (v < 0 ? alpha : 1);
      }
      return;
    }
    case 'tanh':
      for (let i = 0; i < n; i++) y[i] = Math.tanh(x[i]);
      return;
    case 'sigmoid':
      // Where e^−x overflows to ∞ this gives 1/∞ = 0, the right limit, so no clamping is needed.
      for (let i = 0; i < n; i++) y[i] = 1 / (1 + Math.exp(-x[i]));
      return;
    case 'abs':
      for (let i = 0; i < n; i++) y[i] = Math.abs(x[i]);
      return;
  }
}

/**
 * dx (+)= dy · f'(x). ReLU, leaky ReLU and abs read x (their derivative at 0 is taken as 0,
 * or α for leaky ReLU); tanh and sigmoid read y, since f' is cheaper from the output:
 * tanh' = 1 − y², sigmoid' = y(1 − y).
 */
export function unaryBackward(p: UnaryBackwardParams): void {
  const x = f32(p.x);
  const y = f32(p.y);
  const dy = f32(p.dy);
  const dx = f32(p.dx);
  const n = p.n;
  const acc = p.accumulate;
  switch (p.op) {
    case 'relu':
      if (acc) for (let i = 0; i < n; i++) dx[i] += dy[i] * (x[i] > 0 ? 1 : 0);
      else for (let i = 0; i < n; i++) dx[i] = dy[i] * (x[i] > 0 ? 1 : 0);
      return;
    case 'leakyRelu': {
      const alpha = p.alpha;
      if (acc) for (let i = 0; i < n; i++) dx[i] += dy[i] * (x[i] > 0 ? 1 : alpha);
      else for (let i = 0; i < n; i++) dx[i] = dy[i] * (x[i] > 0 ? 1 : alpha);
      return;
    }
    case 'tanh':
      if (acc) for (let i = 0; i < n; i++) dx[i] += dy[i] * (1 - y[i] * y[i]);
      else for (let i = 0; i < n; i++) dx[i] = dy[i] * (1 - y[i] * y[i]);
      return;
    case 'sigmoid':
      if (acc) for (let i = 0; i < n; i++) dx[i] += dy[i] * y[i] * (1 - y[i]);
      else for (let i = 0; i < n; i++) dx[i] = dy[i] * y[i] * (1 - y[i]);
      return;
    case 'abs':
      if (acc) for (let i = 0; i < n; i++) dx[i] += dy[i] * Math.sign(x[i]);
      else for (let i = 0; i < n; i++) dx[i] = dy[i] * Math.sign(x[i]);
      return;
  }
}

/** out[i] = a[i] + b[i mod bSize]: b repeats along the leading dimensions. out may be a. */
export function add(p: AddParams): void {
  const a = f32(p.a);
  const b = f32(p.b);
  const out = f32(p.out);
  const { n, bSize } = p;
  if (bSize === n) {
    for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
    return;
  }
  for (let start = 0; start < n; start += bSize) {
    const end = Math.min(n, start + bSize);
    for (let i = start, j = 0; i < end; i++, j++) out[i] = a[i] + b[j];
  }
}

export function combine(p: CombineParams): void {
  const x = f32(p.x);
  const y = f32(p.y);
  const z = f32(p.z);
  const out = f32(p.out);
  const { a, b } = p;
  for (let i = 0; i < p.n; i++) out[i] = x[i] + a * y[i] + b * z[i];
}

/** dst[dstOffset + k·dstStride + j] (+)= src[srcOffset + k·srcStride + j], k < blocks, j < blockSize. */
export function copyBlocks(p: CopyBlocksParams): void {
  const src = f32(p.src);
  const dst = f32(p.dst);
  const { blocks, blockSize, srcStride, dstStride } = p;
  if (p.accumulate) {
    for (
      let k = 0, s = p.srcOffset, d = p.dstOffset;
      k < blocks;
      k++, s += srcStride, d += dstStride
    ) {
      for (let j = 0; j < blockSize; j++) dst[d + j] += src[s + j];
    }
  } else {
    for (
      let k = 0, s = p.srcOffset, d = p.dstOffset;
      k < blocks;
      k++, s += srcStride, d += dstStride
    ) {
      for (let j = 0; j < blockSize; j++) dst[d + j] = src[s + j];
    }
  }
}
