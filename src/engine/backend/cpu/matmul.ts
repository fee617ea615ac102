// Dense linear algebra on the CPU: a blocked, register-tiled GEMM in plain TypeScript.
//
// Why it looks like this. In V8 a scalar float is a double in an SSE register, and every
// typed-array load pays for a bounds check, so speed comes from doing many multiply-adds per
// load. The inner kernel keeps a 4×4 tile of C in 16 local variables and, per step along k,
// loads 4 values of A and 4 of B for 16 multiply-adds (a naive loop loads 2 per 1). That
// takes one core from ~1 to ~4–5 GFLOP/s. To make those 8 loads cheap they must sit at fixed
// small distances: op(A) is packed into panels of 4 rows interleaved along k, and op(B) is
// read in place when 4 neighbouring columns are contiguous (B not transposed) or packed into
// 4-column panels otherwise. Blocks of m, n and k bound the packing buffers.
//
// Edges: a tail of 1–2 rows of C uses a 2×4 kernel (LeNet's 6 filters are 4 + 2 rows, not
// 8); a tail of 3 rows and any tail of columns run the full kernel on a padded panel whose
// extra rows/columns repeat a real one, and only the real part of the tile is stored.
//
// The packing buffers are module-level and grow once: JavaScript runs one kernel at a time,
// so every caller (matmul, the im2col convolutions) can share them without allocating.
import type { MatmulParams, SumRowsParams } from '../backend';
import { f32 } from './cpuBuffer';

/** Height of an m-block of packed A. */
const MC = 128;
/** Width of an n-block of packed B. */
const NC = 512;
/**
 * Floats of packed A and B together; the k-blocks are as deep as this allows. Measured: at
 * JavaScript's pace L2 streams panels fast enough that 256-deep blocks are no faster than
 * 4096-deep ones, and every k-block rounds C to f32 once more, so deep blocks are more exact.
 */
const PACK_BUDGET = 1 << 20;

// Never start them empty: V8 keeps typed arrays of ≤ 64 bytes on its heap and others off it,
// and code that first meets the on-heap kind runs measurably slower afterwards (4.5 → 1.4
// GFLOP/s on some shapes). So every array here is born off-heap, like the ones it stands in for.
let packedA = new Float32Array(4096);
let packedB = new Float32Array(4096);
/** Holds an edge tile so that only its real part is stored (16 floats used). */
const edgeTile = new Float32Array(64);

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
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    if (!accumulate) for (let i = 0; i < m; i++) c.fill(0, cOffset + i * n, cOffset + i * n + n);
    return;
  }
  // Equal blocks, so that a dimension just past a block size is two halves, not one and a sliver.
  const nc0 = Math.ceil(n / Math.ceil(n / NC));
  const mc0 = Math.ceil(m / Math.ceil(m / MC));
  const kcMax = Math.floor(PACK_BUDGET / (mc0 + nc0 + 6));
  const kc0 = Math.ceil(k / Math.ceil(k / kcMax));
  const needA = (mc0 + 3) * kc0;
  const needB = (nc0 + 3) * kc0;
  if (packedA.length < needA) packedA = new Float32Array(needA);
  if (packedB.length < needB) packedB = new Float32Array(needB);
  const pa = packedA;
  const pb = packedB;

  for (let j0 = 0; j0 < n; j0 += nc0) {
    const nc = Math.min(nc0, n - j0);
    for (let p0 = 0; p0 < k; p0 += kc0) {
      const kc = Math.min(kc0, k - p0);
      // Later k-blocks add to what the first one wrote.
      const add = accumulate || p0 > 0;
      if (transB) packB(b, bOffset, k, j0, nc, p0, kc, pb);
      for (let i0 = 0; i0 < m; i0 += mc0) {
        const mc = Math.min(mc0, m - i0);
        packA(a, aOffset, transA, m, k, i0, mc, p0, kc, pa);
        for (let j = 0; j < nc; j += 4) {
          const nr = Math.min(4, nc - j);
          let bSrc = pb;
          let bPos = j * kc;
          let bStep = 4;
          if (!transB) {
            if (nr === 4) {
              bSrc = b;
              bPos = bOffset + p0 * n + j0 + j;
              bStep = n;
            } else {
              // The last columns would read past the row: pack them, padded.
              packBPlain(b, bOffset, n, j0 + j, nr, p0, kc, pb);
              bPos = 0;
            }
          }
          let aPos = 0;
          for (let i = 0; i < mc;) {
            const rows = mc - i;
            const cPos = cOffset + (i0 + i) * n + j0 + j;
            if (rows >= 3) {
              if (rows >= 4 && nr === 4)
                kernel4x4(pa, aPos, bSrc, bPos, bStep, kc, c, cPos, n, add);
              else {
                kernel4x4(pa, aPos, bSrc, bPos, bStep, kc, edgeTile, 0, 4, false);
                storeEdge(c, cPos, n, Math.min(rows, 4), nr, add);
              }
              aPos += 4 * kc;
              i += 4;
            } else {
              if (rows === 2 && nr === 4)
                kernel2x4(pa, aPos, bSrc, bPos, bStep, kc, c, cPos, n, add);
              else {
                kernel2x4(pa, aPos, bSrc, bPos, bStep, kc, edgeTile, 0, 4, false);
                storeEdge(c, cPos, n, rows, nr, add);
              }
              aPos += 2 * kc;
              i += 2;
            }
          }
        }
      }
    }
  }
}

/**
 * Rows [i0, i0+mc) × columns [p0, p0+kc) of op(A) into `dst` as panels of 4 rows (a tail of
 * 1–2 rows: a panel of 2), each panel interleaved along k: dst[panel + p·h + r]. Missing rows
 * of a padded panel repeat the last real row; the kernel computes and discards them.
 */
function packA(
  a: Float32Array,
  aOffset: number,
  transA: boolean,
  m: number,
  k: number,
  i0: number,
  mc: number,
  p0: number,
  kc: number,
  dst: Float32Array,
): void {
  let d = 0;
  for (let i = 0; i < mc;) {
    const rows = mc - i;
    const h = rows >= 3 ? 4 : 2;
    const last = Math.min(h, rows) - 1;
    const g = i0 + i;
    if (transA) {
      // A(g + r, p) = a[p·m + g + r]: the panel's rows are neighbours in memory.
      const r1 = last >= 1 ? 1 : 0;
      const r2 = last >= 2 ? 2 : last;
      const r3 = last >= 3 ? 3 : last;
      let s = aOffset + p0 * m + g;
      if (h === 4) {
        for (let p = 0; p < kc; p++, s += m, d += 4) {
          dst[d] = a[s];
          dst[d + 1] = a[s + r1];
          dst[d + 2] = a[s + r2];
          dst[d + 3] = a[s + r3];
        }
      } else {
        for (let p = 0; p < kc; p++, s += m, d += 2) {
          dst[d] = a[s];
          dst[d + 1] = a[s + r1];
        }
      }
    } else {
      // A(g + r, p) = a[(g + r)·k + p]: one stream per row.
      const s0 = aOffset + g * k + p0;
      const s1 = s0 + (last >= 1 ? 1 : 0) * k;
      if (h === 4) {
        const s2 = s0 + (last >= 2 ? 2 : last) * k;
        const s3 = s0 + (last >= 3 ? 3 : last) * k;
        for (let p = 0; p < kc; p++, d += 4) {
          dst[d] = a[s0 + p];
          dst[d + 1] = a[s1 + p];
          dst[d + 2] = a[s2 + p];
          dst[d + 3] = a[s3 + p];
        }
      } else {
        for (let p = 0; p < kc; p++, d += 2) {
          dst[d] = a[s0 + p];
          dst[d + 1] = a[s1 + p];
        }
      }
    }
    i += h;
  }
}

/** Columns [j0, j0+nc) × rows [p0, p0+kc) of Bᵀ (B stored n×k) as 4-column panels. */
function packB(
  b: Float32Array,
  bOffset: number,
  k: number,
  j0: number,
  nc: number,
  p0: number,
  kc: number,
  dst: Float32Array,
): void {
  let d = 0;
  for (let j = 0; j < nc; j += 4) {
    const last = Math.min(4, nc - j) - 1;
    const s0 = bOffset + (j0 + j) * k + p0;
    const s1 = s0 + (last >= 1 ? 1 : 0) * k;
    const s2 = s0 + (last >= 2 ? 2 : last) * k;
    const s3 = s0 + (last >= 3 ? 3 : last) * k;
    for (let p = 0; p < kc; p++, d += 4) {
      dst[d] = b[s0 + p];
      dst[d + 1] = b[s1 + p];
      dst[d + 2] = b[s2 + p];
      dst[d + 3] = b[s3 + p];
    }
  }
}

/** The last nr < 4 columns of B (stored k×n) from row p0, padded to a 4-column panel. */
function packBPlain(
  b: Float32Array,
  bOffset: number,
  n: number,
  j: number,
  nr: number,
  p0: number,
  kc: number,
  dst: Float32Array,
): void {
  const q1 = nr > 1 ? 1 : 0;
  const q2 = nr > 2 ? 2 : nr - 1;
  let s = bOffset + p0 * n + j;
  for (let p = 0, d = 0; p < kc; p++, s += n, d += 4) {
    dst[d] = b[s];
    dst[d + 1] = b[s + q1];
    dst[d + 2] = b[s + q2];
    dst[d + 3] = b[s + q2];
  }
}

/**
 * The 4×4 micro-kernel: C[4×4 at cPos, row stride ldc] (+)= Apanel[4×kc] · Bpanel[kc×4], with A
 * packed (4 values per step) and B read as 4 neighbouring values per step, `bStep` apart.
 * Index arithmetic is `| 0` so that V8 emits plain 32-bit adds without overflow checks.
 */
function kernel4x4(
  a: Float32Array,
  aPos: number,
  b: Float32Array,
  bPos: number,
  bStep: number,
  kc: number,
  c: Float32Array,
  cPos: number,
  ldc: number,
  add: boolean,
): void {
  // prettier-ignore
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0,
      c10 = 0, c11 = 0, c12 = 0, c13 = 0,
      c20 = 0, c21 = 0, c22 = 0, c23 = 0,
      c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  let pa = aPos | 0;
  let pb = bPos | 0;
  const end = (pa + 4 * kc) | 0;
  // prettier-ignore
  for (; pa < end; pa = (pa + 4) | 0, pb = (pb + bStep) | 0) {
    const x0 = a[pa], x1 = a[(pa + 1) | 0], x2 = a[(pa + 2) | 0], x3 = a[(pa + 3) | 0];
    const y0 = b[pb], y1 = b[(pb + 1) | 0], y2 = b[(pb + 2) | 0], y3 = b[(pb + 3) | 0];
    c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
    c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
    c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
    c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
  }
  const o0 = cPos;
  const o1 = o0 + ldc;
  const o2 = o1 + ldc;
  const o3 = o2 + ldc;
  // prettier-ignore
  if (add) {
    c[o0] += c00; c[o0 + 1] += c01; c[o0 + 2] += c02; c[o0 + 3] += c03;
    c[o1] += c10; c[o1 + 1] += c11; c[o1 + 2] += c12; c[o1 + 3] += c13;
    c[o2] += c20; c[o2 + 1] += c21; c[o2 + 2] += c22; c[o2 + 3] += c23;
    c[o3] += c30; c[o3 + 1] += c31; c[o3 + 2] += c32; c[o3 + 3] += c33;
  } else {
    c[o0] = c00; c[o0 + 1] = c01; c[o0 + 2] = c02; c[o0 + 3] = c03;
    c[o1] = c10; c[o1 + 1] = c11; c[o1 + 2] = c12; c[o1 + 3] = c13;
    c[o2] = c20; c[o2 + 1] = c21; c[o2 + 2] = c22; c[o2 + 3] = c23;
    c[o3] = c30; c[o3 + 1] = c31; c[o3 + 2] = c32; c[o3 + 3] = c33;
  }
}

/** The 2×4 kernel for a tail of 1–2 rows of C (A packed 2 values per step). */
function kernel2x4(
  a: Float32Array,
  aPos: number,
  b: Float32Array,
  bPos: number,
  bStep: number,
  kc: number,
  c: Float32Array,
  cPos: number,
  ldc: number,
  add: boolean,
): void {
  // prettier-ignore
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0,
      c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let pa = aPos | 0;
  let pb = bPos | 0;
  const end = (pa + 2 * kc) | 0;
  // prettier-ignore
  for (; pa < end; pa = (pa + 2) | 0, pb = (pb + bStep) | 0) {
    const x0 = a[pa], x1 = a[(pa + 1) | 0];
    const y0 = b[pb], y1 = b[(pb + 1) | 0], y2 = b[(pb + 2) | 0], y3 = b[(pb + 3) | 0];
    c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
    c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
  }
  const o0 = cPos;
  const o1 = o0 + ldc;
  // prettier-ignore
  if (add) {
    c[o0] += c00; c[o0 + 1] += c01; c[o0 + 2] += c02; c[o0 + 3] += c03;
    c[o1] += c10; c[o1 + 1] += c11; c[o1 + 2] += c12; c[o1 + 3] += c13;
  } else {
    c[o0] = c00; c[o0 + 1] = c01; c[o0 + 2] = c02; c[o0 + 3] = c03;
    c[o1] = c10; c[o1 + 1] = c11; c[o1 + 2] = c12; c[o1 + 3] = c13;
  }
}

/** Stores the real mr×nr corner of an edge tile computed into `edgeTile` (row stride 4). */
function storeEdge(
  c: Float32Array,
  cPos: number,
  ldc: number,
  mr: number,
  nr: number,
  add: boolean,
): void {
  for (let r = 0; r < mr; r++) {
    const o = cPos + r * ldc;
    for (let q = 0; q < nr; q++)
      c[o + q] = add ? c[o + q] + edgeTile[r * 4 + q] : edgeTile[r * 4 + q];
  }
}

export function matmul(p: MatmulParams): void {
  const c = f32(p.c);
  const { m, n } = p;
  gemm(f32(p.a), 0, f32(p.b), 0, c, 0, m, n, p.k, p.transA, p.transB, p.accumulate);
  const relu = p.activation === 'relu';
  if (p.bias) {
    const bias = f32(p.bias);
    for (let i = 0, o = 0; i < m; i++) {
      for (let j = 0; j < n; j++, o++) {
        const v = c[o] + bias[j];
        c[o] = relu && v < 0 ? 0 : v;
      }
    }
  } else if (relu) {
    for (let o = 0; o < m * n; o++) if (c[o] < 0) c[o] = 0;
  }
}

/** dst (+)= Σ over rows of src, row by row so that every pass reads src contiguously. */
export function sumRows(p: SumRowsParams): void {
  const src = f32(p.src);
  const dst = f32(p.dst);
  const { rows, cols } = p;
  if (!p.accumulate) dst.fill(0, 0, cols);
  for (let i = 0, o = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++, o++) dst[j] += src[o];
  }
}
