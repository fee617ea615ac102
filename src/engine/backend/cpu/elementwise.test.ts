import { describe, expect, it } from 'vitest';
import { CpuBackend } from './cpuBackend';
import type { DeviceBuffer, UnaryOp } from '../backend';
import { f32, i32 } from './cpuBuffer';
import { SeededRandom } from '../../rng';

const backend = new CpuBackend();

function buffer(values: ArrayLike<number>, label = 'buf'): DeviceBuffer {
  const b = backend.alloc(values.length, 'f32', label);
  f32(b).set(values);
  return b;
}

function randomValues(n: number, seed: number, scale = 2): Float32Array {
  const rng = new SeededRandom(seed, 1);
  return Float32Array.from({ length: n }, () => scale * rng.normal());
}

const ALPHA = 0.1;

/** f64 references of each op and of its derivative at x. */
const reference: Record<UnaryOp, { f: (x: number) => number; df: (x: number) => number }> = {
  relu: { f: (x) => Math.max(0, x), df: (x) => (x > 0 ? 1 : 0) },
  leakyRelu: { f: (x) => (x > 0 ? x : ALPHA * x), df: (x) => (x > 0 ? 1 : ALPHA) },
  tanh: { f: Math.tanh, df: (x) => 1 - Math.tanh(x) ** 2 },
  sigmoid: { f: (x) => 1 / (1 + Math.exp(-x)), df: (x) => Math.exp(-x) / (1 + Math.exp(-x)) ** 2 },
  abs: { f: Math.abs, df: Math.sign },
};

const ops = Object.keys(reference) as UnaryOp[];

function expectCloseTo(actual: ArrayLike<number>, expected: ArrayLike<number>, digits = 6): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++)
    expect(actual[i], `element ${i}`).toBeCloseTo(expected[i], digits);
}

describe('unary kernels', () => {
  for (const op of ops) {
    it(`unary ${op}, 37 values: matches the f64 reference`, () => {
      const x = randomValues(37, 1);
      const y = backend.alloc(37, 'f32', 'y');
      backend.unary({ op, x: buffer(x), y, n: 37, alpha: ALPHA });
      expectCloseTo(f32(y), Array.from(x, reference[op].f));
    });

    it(`unaryBackward ${op}, 37 values: dx = dy · f'(x)`, () => {
      const x = randomValues(37, 2);
      const dy = randomValues(37, 3, 1);
      const xb = buffer(x);
      const y = backend.alloc(37, 'f32', 'y');
      backend.unary({ op, x: xb, y, n: 37, alpha: ALPHA });
      const dx = buffer(new Float32Array(37).fill(NaN), 'dx');
      backend.unaryBackward({
        op,
        x: xb,
        y,
        n: 37,
        alpha: ALPHA,
        dy: buffer(dy),
        dx,
        accumulate: false,
      });
      expectCloseTo(
        f32(dx),
        Array.from(x, (v, i) => dy[i] * reference[op].df(v)),
      );
    });

    it(`unaryBackward ${op}, accumulate adds to dx`, () => {
      const x = randomValues(13, 4);
      const dy = randomValues(13, 5, 1);
      const before = randomValues(13, 6, 1);
      const xb = buffer(x);
      const y = backend.alloc(13, 'f32', 'y');
      backend.unary({ op, x: xb, y, n: 13, alpha: ALPHA });
      const dx = buffer(before, 'dx');
      backend.unaryBackward({
        op,
        x: xb,
        y,
        n: 13,
        alpha: ALPHA,
        dy: buffer(dy),
        dx,
        accumulate: true,
      });
      expectCloseTo(
        f32(dx),
        Array.from(x, (v, i) => before[i] + dy[i] * reference[op].df(v)),
      );
    });
  }

  it('unary, n limits the work: elements past n are untouched', () => {
    const y = buffer([7, 7, 7, 7], 'y');
    backend.unary({ op: 'relu', x: buffer([-1, 2, -3, 4]), y, n: 2, alpha: 0 });
    expect(Array.from(f32(y))).toEqual([0, 2, 7, 7]);
  });

  it('unary, in place (y is x)', () => {
    const x = buffer([-2, 3]);
    backend.unary({ op: 'abs', x, y: x, n: 2, alpha: 0 });
    expect(Array.from(f32(x))).toEqual([2, 3]);
  });

  it('unary relu lets NaN through, so a diverging run still shows NaN', () => {
    const y = backend.alloc(1, 'f32', 'y');
    backend.unary({ op: 'relu', x: buffer([NaN]), y, n: 1, alpha: 0 });
    expect(f32(y)[0]).toBeNaN();
  });

  it('unary sigmoid saturates to exactly 0 and 1 without overflow', () => {
    const y = backend.alloc(2, 'f32', 'y');
    backend.unary({ op: 'sigmoid', x: buffer([-1000, 1000]), y, n: 2, alpha: 0 });
    expect(Array.from(f32(y))).toEqual([0, 1]);
  });

  it('unaryBackward relu and abs, derivative at exactly 0 is 0', () => {
    for (const op of ['relu', 'abs'] as const) {
      const dx = backend.alloc(1, 'f32', 'dx');
      const x = buffer([0]);
      backend.unaryBackward({
        op,
        x,
        y: x,
        n: 1,
        alpha: 0,
        dy: buffer([5]),
        dx,
        accumulate: false,
      });
      expect(f32(dx)[0], op).toBe(0);
    }
  });
});

describe('add kernel', () => {
  it('add, same sizes', () => {
    const out = backend.alloc(3, 'f32', 'out');
    backend.add({ a: buffer([1, 2, 3]), b: buffer([10, 20, 30]), out, n: 3, bSize: 3 });
    expect(Array.from(f32(out))).toEqual([11, 22, 33]);
  });

  it('add, b broadcast over rows: 3×2 + 2', () => {
    const out = backend.alloc(6, 'f32', 'out');
    backend.add({ a: buffer([1, 2, 3, 4, 5, 6]), b: buffer([10, 20]), out, n: 6, bSize: 2 });
    expect(Array.from(f32(out))).toEqual([11, 22, 13, 24, 15, 26]);
  });

  it('add, scalar b (bSize 1), in place into a', () => {
    const a = buffer([1, 2, 3]);
    backend.add({ a, b: buffer([0.5]), out: a, n: 3, bSize: 1 });
    expect(Array.from(f32(a))).toEqual([1.5, 2.5, 3.5]);
  });
});

describe('copyBlocks kernel', () => {
  it('copyBlocks, 3 blocks of 2 with different strides and offsets', () => {
    const src = buffer([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const dst = buffer(new Float32Array(12).fill(-1), 'dst');
    backend.copyBlocks({
      src,
      dst,
      blocks: 3,
      blockSize: 2,
      srcOffset: 1,
      srcStride: 3,
      dstOffset: 2,
      dstStride: 4,
      accumulate: false,
    });
    expect(Array.from(f32(dst))).toEqual([-1, -1, 1, 2, -1, -1, 4, 5, -1, -1, 7, 8]);
  });

  it('copyBlocks, accumulate adds into dst', () => {
    const dst = buffer([1, 1, 1, 1], 'dst');
    backend.copyBlocks({
      src: buffer([1, 2, 3, 4]),
      dst,
      blocks: 2,
      blockSize: 1,
      srcOffset: 0,
      srcStride: 2,
      dstOffset: 1,
      dstStride: 2,
      accumulate: true,
    });
    expect(Array.from(f32(dst))).toEqual([1, 2, 1, 4]);
  });

  it('copyBlocks, concat of two 2×3 and 2×2 matrices into 2×5', () => {
    const left = buffer([1, 2, 3, 4, 5, 6]);
    const right = buffer([7, 8, 9, 10]);
    const out = backend.alloc(10, 'f32', 'out');
    const common = { dst: out, blocks: 2, srcOffset: 0, dstStride: 5, accumulate: false };
    backend.copyBlocks({ ...common, src: left, blockSize: 3, srcStride: 3, dstOffset: 0 });
    backend.copyBlocks({ ...common, src: right, blockSize: 2, srcStride: 2, dstOffset: 3 });
    expect(Array.from(f32(out))).toEqual([1, 2, 3, 7, 8, 4, 5, 6, 9, 10]);
  });
});

describe('fill kernel', () => {
  it('fill, f32: the first n elements only', () => {
    const b = buffer([1, 2, 3, 4]);
    backend.fill(b, 0.5, 3);
    expect(Array.from(f32(b))).toEqual([0.5, 0.5, 0.5, 4]);
  });

  it('fill, i32 buffers too (the whole buffer by default)', () => {
    const b = backend.alloc(3, 'i32', 'labels');
    backend.fill(b, 7);
    expect(Array.from(i32(b))).toEqual([7, 7, 7]);
  });
});
