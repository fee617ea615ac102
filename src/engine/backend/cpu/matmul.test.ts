import { describe, expect, it } from 'vitest';
import { CpuBackend } from './cpuBackend';
import type { DeviceBuffer } from '../backend';
import { f32 } from './cpuBuffer';
import { gemm } from './matmul';
import { SeededRandom } from '../../rng';

const backend = new CpuBackend();

function randomValues(n: number, seed: number): Float32Array {
  const rng = new SeededRandom(seed, 1);
  return Float32Array.from({ length: n }, () => rng.normal());
}

function buffer(values: ArrayLike<number>, label = 'buf'): DeviceBuffer {
  const b = backend.alloc(values.length, 'f32', label);
  f32(b).set(values);
  return b;
}

/** f64 reference: op(A)·op(B) (+ c0) for row-major A, B at offset 0. */
function reference(
  a: Float32Array,
  b: Float32Array,
  m: number,
  n: number,
  k: number,
  transA: boolean,
  transB: boolean,
  c0?: ArrayLike<number>,
): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = c0 ? c0[i * n + j] : 0;
      for (let p = 0; p < k; p++)
        s += (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
      c[i * n + j] = s;
    }
  }
  return c;
}

/** Largest |actual − expected| / (1 + |expected|). */
function worstError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / (1 + Math.abs(expected[i])));
  }
  return worst;
}

const combos = [
  { transA: false, transB: false, op: 'A·B' },
  { transA: false, transB: true, op: 'A·Bᵀ' },
  { transA: true, transB: false, op: 'Aᵀ·B' },
  { transA: true, transB: true, op: 'Aᵀ·Bᵀ' },
];

/** Runs gemm on fresh random operands and returns its worst error against the reference. */
function gemmError(
  m: number,
  n: number,
  k: number,
  transA: boolean,
  transB: boolean,
  accumulate = false,
): number {
  const a = randomValues(m * k, m * 1000 + k);
  const b = randomValues(k * n, n * 1000 + k + 1);
  const c0 = randomValues(m * n, 3);
  const c = c0.slice();
  gemm(a, 0, b, 0, c, 0, m, n, k, transA, transB, accumulate);
  return worstError(c, reference(a, b, m, n, k, transA, transB, accumulate ? c0 : undefined));
}

describe('gemm', () => {
  for (const { transA, transB, op } of combos) {
    for (const [m, n, k] of [
      [33, 17, 5],
      [1, 1, 1],
      [65, 129, 31],
      [6, 25, 300],
    ]) {
      it(`gemm, ${op}, ${m}×${n}×${k}`, () => {
        expect(gemmError(m, n, k, transA, transB)).toBeLessThan(1e-5);
      });
    }

    it(`gemm, ${op}, every tail of rows and columns (m, n = 1…9)`, () => {
      for (let m = 1; m <= 9; m++) {
        for (let n = 1; n <= 9; n++) {
          const err = gemmError(m, n, 7, transA, transB);
          expect(err, `${m}×${n}×7`).toBeLessThan(1e-5);
        }
      }
    });

    it(`gemm, ${op}, accumulate adds to C, 13×11×9`, () => {
      expect(gemmError(13, 11, 9, transA, transB, true)).toBeLessThan(1e-5);
    });
  }

  it('gemm, A·Bᵀ, several k-blocks and n-blocks, 7×1030×2100', () => {
    expect(gemmError(7, 1030, 2100, false, true)).toBeLessThan(1e-5);
  });

  it('gemm, A·B, several m-blocks and n-blocks, 130×1030×9', () => {
    expect(gemmError(130, 1030, 9, false, false)).toBeLessThan(1e-5);
  });

  it('gemm, A·B with accumulate, several k-blocks, 5×1030×2500', () => {
    expect(gemmError(5, 1030, 2500, false, false, true)).toBeLessThan(1e-5);
  });

  it('gemm, offsets: reads and writes only its windows, Aᵀ·B, 5×6×7', () => {
    const [m, n, k] = [5, 6, 7];
    const a = randomValues(3 + m * k + 4, 11);
    const b = randomValues(2 + k * n + 4, 12);
    const c = new Float32Array(5 + m * n + 5).fill(9);
    gemm(a, 3, b, 2, c, 5, m, n, k, true, false, false);
    const expected = reference(a.subarray(3), b.subarray(2), m, n, k, true, false);
    expect(worstError(c.subarray(5, 5 + m * n), expected)).toBeLessThan(1e-5);
    expect(Array.from(c.subarray(0, 5))).toEqual([9, 9, 9, 9, 9]);
    expect(Array.from(c.subarray(5 + m * n))).toEqual([9, 9, 9, 9, 9]);
  });

  it('gemm, without accumulate C starts from zero: NaN already in C does not leak, 9×7×3', () => {
    const c = new Float32Array(63).fill(NaN);
    gemm(randomValues(27, 1), 0, randomValues(21, 2), 0, c, 0, 9, 7, 3, false, false, false);
    expect(c.every(Number.isFinite)).toBe(true);
  });

  it('gemm, k = 0: C becomes zero, or is left alone when accumulating', () => {
    const empty = new Float32Array(0);
    const c = new Float32Array([1, 2, 3, 4, 5, 6]);
    gemm(empty, 0, empty, 0, c, 0, 2, 3, 0, false, false, true);
    expect(Array.from(c)).toEqual([1, 2, 3, 4, 5, 6]);
    gemm(empty, 0, empty, 0, c, 0, 2, 3, 0, false, false, false);
    expect(Array.from(c)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('gemm, the same call twice gives the same bits (no state left in the scratch), 10×10×10', () => {
    const a = randomValues(100, 5);
    const b = randomValues(100, 6);
    const c1 = new Float32Array(100);
    const c2 = new Float32Array(100);
    gemm(a, 0, b, 0, c1, 0, 10, 10, 10, false, true, false);
    gemm(
      randomValues(300 * 40, 7),
      0,
      randomValues(40 * 50, 8),
      0,
      new Float32Array(300 * 50),
      0,
      300,
      50,
      40,
      true,
      false,
      false,
    );
    gemm(a, 0, b, 0, c2, 0, 10, 10, 10, false, true, false);
    expect(Array.from(c2)).toEqual(Array.from(c1));
  });
});

describe('matmul kernel', () => {
  it('matmul, bias added to every row, x·Wᵀ + b, 5×7×3', () => {
    const [m, n, k] = [5, 7, 3];
    const x = randomValues(m * k, 21);
    const w = randomValues(n * k, 22);
    const bias = randomValues(n, 23);
    const c = backend.alloc(m * n, 'f32', 'c');
    backend.matmul({
      a: buffer(x),
      b: buffer(w),
      c,
      m,
      n,
      k,
      transA: false,
      transB: true,
      accumulate: false,
      bias: buffer(bias),
    });
    const expected = reference(x, w, m, n, k, false, true).map((v, i) => v + bias[i % n]);
    expect(worstError(f32(c), expected)).toBeLessThan(1e-5);
  });

  it('matmul, relu epilogue after the bias, 6×9×4', () => {
    const [m, n, k] = [6, 9, 4];
    const x = randomValues(m * k, 31);
    const w = randomValues(k * n, 32);
    const bias = randomValues(n, 33);
    const c = backend.alloc(m * n, 'f32', 'c');
    backend.matmul({
      a: buffer(x),
      b: buffer(w),
      c,
      m,
      n,
      k,
      transA: false,
      transB: false,
      accumulate: false,
      bias: buffer(bias),
      activation: 'relu',
    });
    const expected = reference(x, w, m, n, k, false, false).map((v, i) =>
      Math.max(0, v + bias[i % n]),
    );
    expect(expected.some((v) => v === 0) && expected.some((v) => v > 0)).toBe(true);
    expect(worstError(f32(c), expected)).toBeLessThan(1e-5);
  });

  it('matmul, relu without bias, 4×4×4', () => {
    const x = randomValues(16, 41);
    const w = randomValues(16, 42);
    const c = backend.alloc(16, 'f32', 'c');
    backend.matmul({
      a: buffer(x),
      b: buffer(w),
      c,
      m: 4,
      n: 4,
      k: 4,
      transA: true,
      transB: false,
      accumulate: false,
      activation: 'relu',
    });
    const expected = reference(x, w, 4, 4, 4, true, false).map((v) => Math.max(0, v));
    expect(worstError(f32(c), expected)).toBeLessThan(1e-5);
  });

  it('matmul, accumulate then bias: C = C0 + A·B + b, 3×5×2', () => {
    const [m, n, k] = [3, 5, 2];
    const x = randomValues(m * k, 51);
    const w = randomValues(k * n, 52);
    const bias = randomValues(n, 53);
    const c0 = randomValues(m * n, 54);
    const c = buffer(c0, 'c');
    backend.matmul({
      a: buffer(x),
      b: buffer(w),
      c,
      m,
      n,
      k,
      transA: false,
      transB: false,
      accumulate: true,
      bias: buffer(bias),
    });
    const expected = reference(x, w, m, n, k, false, false, c0).map((v, i) => v + bias[i % n]);
    expect(worstError(f32(c), expected)).toBeLessThan(1e-5);
  });
});

describe('sumRows kernel', () => {
  it('sumRows, 4×3: column sums', () => {
    const dst = backend.alloc(3, 'f32', 'dst');
    backend.sumRows({
      src: buffer([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
      dst,
      rows: 4,
      cols: 3,
      accumulate: false,
    });
    expect(Array.from(f32(dst))).toEqual([22, 26, 30]);
  });

  it('sumRows, accumulate adds to what dst holds', () => {
    const dst = buffer([100, 200], 'dst');
    backend.sumRows({ src: buffer([1, 2, 3, 4, 5, 6]), dst, rows: 3, cols: 2, accumulate: true });
    expect(Array.from(f32(dst))).toEqual([109, 212]);
  });

  it('sumRows, 1 row copies it', () => {
    const dst = buffer([NaN, NaN, NaN], 'dst');
    backend.sumRows({ src: buffer([1.5, -2, 3]), dst, rows: 1, cols: 3, accumulate: false });
    expect(Array.from(f32(dst))).toEqual([1.5, -2, 3]);
  });
});
