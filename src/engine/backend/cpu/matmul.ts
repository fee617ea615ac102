// Dense linear algebra on the CPU.
// PLACEHOLDER bodies (naive loops, correct) until the optimised kernels land this session.
import type { MatmulParams, SumRowsParams } from '../backend';
import { f32 } from './cpuBuffer';

/**
 * C[m×n] (+)= op(A)[m×k] · op(B)[k×n] on raw arrays with offsets. op(A) = A (m×k, row-major)
 * or Aᵀ (A stored k×m); op(B) = B (k×n) or Bᵀ (B stored n×k). Used by matmul and by the
 * im2col convolutions.
 */
export function gemm(
  a: Float32Array,
  aOffset: number,
  b: Float32Array,
  bOffset: number,
  c: Float32Array,
  cOffset: number,
  m: number,
  n: number,
  k: number,
  transA: boolean,
  transB: boolean,
  accumulate: boolean,
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        const av = transA ? a[aOffset + p * m + i] : a[aOffset + i * k + p];
        const bv = transB ? b[bOffset + j * k + p] : b[bOffset + p * n + j];
        s += av * bv;
      }
      c[cOffset + i * n + j] = (accumulate ? c[cOffset + i * n + j] : 0) + s;
    }
  }
}

export function matmul(p: MatmulParams): void {
  const c = f32(p.c);
  gemm(f32(p.a), 0, f32(p.b), 0, c, 0, p.m, p.n, p.k, p.transA, p.transB, p.accumulate);
  if (p.bias) {
    const bias = f32(p.bias);
    for (let i = 0; i < p.m; i++) for (let j = 0; j < p.n; j++) c[i * p.n + j] += bias[j];
  }
  if (p.activation === 'relu') for (let i = 0; i < p.m * p.n; i++) if (c[i] < 0) c[i] = 0;
}

export function sumRows(p: SumRowsParams): void {
  const src = f32(p.src);
  const dst = f32(p.dst);
  for (let j = 0; j < p.cols; j++) {
    let s = p.accumulate ? dst[j] : 0;
    for (let i = 0; i < p.rows; i++) s += src[i * p.cols + j];
    dst[j] = s;
  }
}
