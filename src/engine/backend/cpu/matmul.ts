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
// extra rows/columns repeat a real one, into a scratch tile whose real part is then added.
//
// Every function with a hot loop is branch-free inside it, and each kind of tile has its own
// loop: V8 (Node 20) can otherwise compile a loop on-stack before a rare branch has run, then
// deoptimise at that branch on every later call — measured at 3× slower on whole shapes. For
// the same reason C is cleared up front and the kernels always add.
//
// The packing buffers are module-level and grow once: JavaScript runs one kernel at a time,
// so every caller (matmul, the im2col convolutions) can share them without allocating.
//
// Measured on one core of an AMD EPYC (Node 20), `npx tsx bench/gemm.ts`: 4.1–4.7 GFLOP/s on
// the MLP's large shapes and on squares, 3–4.4 on LeNet's im2col shapes. Once any ArrayBuffer
// in the same realm has been transferred (detached), V8 checks every typed-array access for
// detachment and this drops by ~8%: a worker running this engine should post copies, not
// transfer buffers.
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

let packedA = new Float32Array(4096);
let packedB = new Float32Array(4096);
/** Holds an edge tile so that only its real part is added to C (row stride 4). */
const edgeTile = new Float32Array(16);

/**
 * C[m×n] (+)= op(A)[m×k] · op(B)[k×n] on raw arrays with offsets. op(A) = A (m×k, row-major)
 * or Aᵀ (A stored k×m); op(B) = B (k×n) or Bᵀ (B stored n×k). C must not overlap A or B.
 * Used by matmul and by the im2col convolutions.
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
  if (!accumulate) c.fill(0, cOffset, cOffset + m * n);
  if (k <= 0) return;
  // Equal blocks, so that a dimension just past a block size is two halves, not one and a sliver.
  const nc0 = Math.ceil(n / Math.ceil(n / NC));
  const mc0 = Math.ceil(m / Math.ceil(m / MC));
  const kcMax = Math.floor(PACK_BUDGET / (mc0 + nc0 + 6));
  const kc0 = Math.ceil(k / Math.ceil(k / kcMax));
  const needA = (mc0 + 3) * kc0;
  const needB = (nc0 + 3) * kc0;
  if (packedA.length < needA) packedA = new Float32Array(needA);
  if (packedB.length < needB) packedB = new Float32Array(needB);

  // op(A)(i, p) = a[aOffset + i·aRow + p·aDepth], and likewise for op(B)(p, j).
  const aRow = transA ? 1 : k;
  const aDepth = transA ? m : 1;
  const bCol = transB ? k : 1;
  const bDepth = transB ? 1 : n;
  for (let j0 = 0; j0 < n; j0 += nc0) {
    const nc = Math.min(nc0, n - j0);
    for (let p0 = 0; p0 < k; p0 += kc0) {
      const kc = Math.min(kc0, k - p0);
      const bStart = bOffset + j0 * bCol + p0 * bDepth;
      // B not transposed is read in place, 4 neighbouring columns per step; Bᵀ is packed.
      if (transB) packPanels(b, bStart, bCol, bDepth, nc, kc, packedB, false);
      for (let i0 = 0; i0 < m; i0 += mc0) {
        const mc = Math.min(mc0, m - i0);
        packPanels(a, aOffset + i0 * aRow + p0 * aDepth, aRow, aDepth, mc, kc, packedA, true);
        const cStart = cOffset + i0 * n + j0;
        if (transB) multiplyBlock(packedA, mc, packedB, 0, kc, 4, kc, nc, c, cStart, n);
        else multiplyBlock(packedA, mc, b, bStart, 1, n, kc, nc, c, cStart, n);
        const nEdge = nc % 4;
        if (nEdge === 0) continue;
        const jEdge = nc - nEdge;
        let bEdge = jEdge * kc;
        if (!transB) {
          // The last columns cannot be read 4 at a time in place: pack them, padded.
          packPanels(b, bStart + jEdge, 1, n, nEdge, kc, packedB, false);
          bEdge = 0;
        }
        multiplyEdgeColumns(packedA, mc, packedB, bEdge, kc, c, cStart + jEdge, n, nEdge);
      }
    }
  }
}

/**
 * Packs `count` lines of a strided matrix (line i, depth p at src[start + i·line + p·depth])
 * into panels of 4 lines interleaved along the depth: dst[panel·4·kc + p·4 + r]. With
 * `pairTail`, a last panel of 1–2 lines is 2 wide (for the 2×4 kernel). Padding lines repeat
 * the last real one, so every value read is a real one and the discarded results stay finite.
 */
function packPanels(
  src: Float32Array,
  start: number,
  line: number,
  depth: number,
  count: number,
  kc: number,
  dst: Float32Array,
  pairTail: boolean,
): void {
  const full = count - (count % 4);
  let d = 0;
  for (let i = 0; i < full; i += 4, d += 4 * kc) {
    pack4(src, start + i * line, depth, line, 2 * line, 3 * line, kc, dst, d);
  }
  const rest = count - full;
  const s = start + full * line;
  const o1 = rest > 1 ? line : 0;
  const o2 = rest > 2 ? 2 * line : o1;
  if (rest === 0) return;
  if (pairTail && rest < 3) pack2(src, s, depth, o1, kc, dst, d);
  else pack4(src, s, depth, o1, o2, o2, kc, dst, d);
}

function pack4(
  src: Float32Array,
  s: number,
  depth: number,
  o1: number,
  o2: number,
  o3: number,
  kc: number,
  dst: Float32Array,
  d: number,
): void {
  for (let p = 0; p < kc; p++, s += depth, d += 4) {
    dst[d] = src[s];
    dst[d + 1] = src[s + o1];
    dst[d + 2] = src[s + o2];
    dst[d + 3] = src[s + o3];
  }
}

function pack2(
  src: Float32Array,
  s: number,
  depth: number,
  o1: number,
  kc: number,
  dst: Float32Array,
  d: number,
): void {
  for (let p = 0; p < kc; p++, s += depth, d += 2) {
    dst[d] = src[s];
    dst[d + 1] = src[s + o1];
  }
}

/**
 * C[mc × ⌊nc/4⌋·4 at cStart] += packed A panels · B, where B's 4-column tile j starts at
 * bStart + j·bTile and steps by bStep along k. The columns past the last multiple of 4 are
 * left to multiplyEdgeColumns.
 */
function multiplyBlock(
  pa: Float32Array,
  mc: number,
  b: Float32Array,
  bStart: number,
  bTile: number,
  bStep: number,
  kc: number,
  nc: number,
  c: Float32Array,
  cStart: number,
  ldc: number,
): void {
  const mFull = mc - (mc % 4);
  const nFull = nc - (nc % 4);
  const rest = mc - mFull;
  fullTiles(pa, mFull, b, bStart, bTile, bStep, kc, nFull, c, cStart, ldc);
  const aRest = mFull * kc;
  const cRest = cStart + mFull * ldc;
  if (rest === 2) pairTiles(pa, aRest, b, bStart, bTile, bStep, kc, nFull, c, cRest, ldc);
  else if (rest === 3)
    edgeTiles4(pa, aRest, 0, b, bStart, 4 * bTile, bStep, kc, c, cRest, 4, ldc, 3, 4, nFull / 4);
  else if (rest === 1)
    edgeTiles2(pa, aRest, 0, b, bStart, 4 * bTile, bStep, kc, c, cRest, 4, ldc, 1, 4, nFull / 4);
}

/** The last nr < 4 columns of C, with B's tile packed (4 wide) at bStart. */
function multiplyEdgeColumns(
  pa: Float32Array,
  mc: number,
  b: Float32Array,
  bStart: number,
  kc: number,
  c: Float32Array,
  cStart: number,
  ldc: number,
  nr: number,
): void {
  const mFull = mc - (mc % 4);
  const rest = mc - mFull;
  edgeTiles4(pa, 0, 4 * kc, b, bStart, 0, 4, kc, c, cStart, 4 * ldc, ldc, 4, nr, mFull / 4);
  const aRest = mFull * kc;
  const cRest = cStart + mFull * ldc;
  if (rest === 3) edgeTiles4(pa, aRest, 0, b, bStart, 0, 4, kc, c, cRest, 0, ldc, 3, nr, 1);
  else if (rest > 0) edgeTiles2(pa, aRest, 0, b, bStart, 0, 4, kc, c, cRest, 0, ldc, rest, nr, 1);
}

/** Every whole 4×4 tile: B tiles outermost, so each stays in L1 while the A panels pass. */
function fullTiles(
  pa: Float32Array,
  mFull: number,
  b: Float32Array,
  bStart: number,
  bTile: number,
  bStep: number,
  kc: number,
  nFull: number,
  c: Float32Array,
  cStart: number,
  ldc: number,
): void {
  for (let j = 0; j < nFull; j += 4) {
    const bPos = bStart + j * bTile;
    for (
      let i = 0, aPos = 0, cPos = cStart + j;
      i < mFull;
      i += 4, aPos += 4 * kc, cPos += 4 * ldc
    ) {
      kernel4x4(pa, aPos, b, bPos, bStep, kc, c, cPos, ldc);
    }
  }
}

/** A tail of exactly 2 rows, whole 4-column tiles. */
function pairTiles(
  pa: Float32Array,
  aPos: number,
  b: Float32Array,
  bStart: number,
  bTile: number,
  bStep: number,
  kc: number,
  nFull: number,
  c: Float32Array,
  cStart: number,
  ldc: number,
): void {
  for (let j = 0; j < nFull; j += 4)
    kernel2x4(pa, aPos, b, bStart + j * bTile, bStep, kc, c, cStart + j, ldc);
}

/** `count` partial tiles through the 4×4 kernel, each computed into edgeTile, mr×nr of it kept. */
function edgeTiles4(
  pa: Float32Array,
  aPos: number,
  aNext: number,
  b: Float32Array,
  bPos: number,
  bNext: number,
  bStep: number,
  kc: number,
  c: Float32Array,
  cPos: number,
  cNext: number,
  ldc: number,
  mr: number,
  nr: number,
  count: number,
): void {
  for (let t = 0; t < count; t++, aPos += aNext, bPos += bNext, cPos += cNext) {
    edgeTile.fill(0, 0, 16);
    kernel4x4(pa, aPos, b, bPos, bStep, kc, edgeTile, 0, 4);
    addEdge(c, cPos, ldc, mr, nr);
  }
}

/** As edgeTiles4, through the 2×4 kernel (tails of 1–2 rows). */
function edgeTiles2(
  pa: Float32Array,
  aPos: number,
  aNext: number,
  b: Float32Array,
  bPos: number,
  bNext: number,
  bStep: number,
  kc: number,
  c: Float32Array,
  cPos: number,
  cNext: number,
  ldc: number,
  mr: number,
  nr: number,
  count: number,
): void {
  for (let t = 0; t < count; t++, aPos += aNext, bPos += bNext, cPos += cNext) {
    edgeTile.fill(0, 0, 8);
    kernel2x4(pa, aPos, b, bPos, bStep, kc, edgeTile, 0, 4);
    addEdge(c, cPos, ldc, mr, nr);
  }
}

function addEdge(c: Float32Array, cPos: number, ldc: number, mr: number, nr: number): void {
  for (let r = 0; r < mr; r++) {
    for (let q = 0; q < nr; q++) c[cPos + r * ldc + q] += edgeTile[r * 4 + q];
  }
}

/**
 * The 4×4 micro-kernel: C[4×4 at cPos, row stride ldc] += Apanel[4×kc] · Bpanel[kc×4], with A
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
  {
    c[o0] += c00; c[o0 + 1] += c01; c[o0 + 2] += c02; c[o0 + 3] += c03;
    c[o1] += c10; c[o1 + 1] += c11; c[o1 + 2] += c12; c[o1 + 3] += c13;
    c[o2] += c20; c[o2 + 1] += c21; c[o2 + 2] += c22; c[o2 + 3] += c23;
    c[o3] += c30; c[o3 + 1] += c31; c[o3 + 2] += c32; c[o3 + 3] += c33;
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
  {
    c[o0] += c00; c[o0 + 1] += c01; c[o0 + 2] += c02; c[o0 + 3] += c03;
    c[o1] += c10; c[o1 + 1] += c11; c[o1 + 2] += c12; c[o1 + 3] += c13;
  }
}

/** The epilogue runs as its own passes (m·n work beside the GEMM's m·n·k), each branch-free. */
export function matmul(p: MatmulParams): void {
  const c = f32(p.c);
  const { m, n } = p;
  gemm(f32(p.a), 0, f32(p.b), 0, c, 0, m, n, p.k, p.transA, p.transB, p.accumulate);
  if (p.bias) addBias(c, f32(p.bias), m, n);
  if (p.activation === 'relu') reluInPlace(c, m * n);
}

function addBias(c: Float32Array, bias: Float32Array, m: number, n: number): void {
  for (let i = 0, o = 0; i < m; i++) {
    for (let j = 0; j < n; j++, o++) c[o] += bias[j];
  }
}

function reluInPlace(c: Float32Array, size: number): void {
  for (let o = 0; o < size; o++) {
    const v = c[o];
    c[o] = v < 0 ? 0 : v;
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
