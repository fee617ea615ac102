// Dense linear algebra: the GEMM with transposes, accumulation and a fused bias + ReLU
// epilogue, in two tilings chosen per adapter; and the column sums of a bias gradient.
import type { MatmulParams, SumRowsParams } from '../../engine/backend/backend';
import type { GpuContext } from '../gpuContext';
import { defineKernel } from '../kernel';
import type { Tuning } from '../tuning';
import { runFolded } from './grid';
import blockedSource from './matmulBlocked.wgsl?raw';
import blockedVec4Source from './matmulBlockedVec4.wgsl?raw';
import smallSource from './matmulSmall.wgsl?raw';
import subgroupSource from './matmulSubgroup.wgsl?raw';
import tiledSource from './matmulTiled.wgsl?raw';
import sumRowsSource from './sumRows.wgsl?raw';

const transposes = (variant: number) => ({ TRANS_A: variant & 1, TRANS_B: (variant >> 1) & 1 });
const MATMUL_BINDINGS = ['read', 'read', 'read', 'write'] as const;

const BLOCKED = defineKernel({
  name: 'matmulBlocked',
  source: blockedSource,
  bindings: MATMUL_BINDINGS,
  constants: transposes,
});
const BLOCKED_VEC4 = defineKernel({
  name: 'matmulBlockedVec4',
  source: blockedVec4Source,
  bindings: MATMUL_BINDINGS,
  constants: transposes,
});
const SUBGROUP = defineKernel({
  name: 'matmulSubgroup',
  source: subgroupSource,
  bindings: MATMUL_BINDINGS,
  constants: transposes,
});
const SMALL = defineKernel({ name: 'matmulSmall', source: smallSource, bindings: MATMUL_BINDINGS });
/** Products up to this many multiply-adds that are not multiples of 4 take the one-per-element kernel. */
const SMALL_WORK = 1 << 20;
const TILED = defineKernel({
  name: 'matmulTiled',
  source: tiledSource,
  bindings: MATMUL_BINDINGS,
  constants: transposes,
});
const SUM_ROWS = defineKernel({
  name: 'sumRows',
  source: sumRowsSource,
  bindings: ['read', 'write'],
});

export function matmul(gpu: GpuContext, p: MatmulParams, tuning: Tuning): void {
  if (p.m === 0 || p.n === 0) return;
  const tiling = tuning.matmul;
  const variant = (p.transA ? 1 : 0) | (p.transB ? 2 : 0);
  const aligned = p.m % 4 === 0 && p.n % 4 === 0 && p.k % 4 === 0;
  if (!aligned && p.m * p.n * p.k <= SMALL_WORK) {
    matmulSmall(gpu, p);
    return;
  }
  // Subgroup shuffles need groups of 4 lanes within a tile row: tiles at least 4 blocks wide.
  const shuffles = tiling === 'subgroup' && aligned && gpu.subgroups && p.n >= 16 && p.m >= 4;
  const kernel =
    tiling === 'tiled' ? TILED : shuffles ? SUBGROUP : aligned ? BLOCKED_VEC4 : BLOCKED;
  gpu.begin(gpu.pipeline(kernel, variant), p);
  gpu.buffer(p.a);
  gpu.buffer(p.b);
  gpu.buffer(p.bias ?? gpu.placeholder('read'));
  gpu.buffer(p.c);
  gpu.u32(p.m);
  gpu.u32(p.n);
  gpu.u32(p.k);
  gpu.u32(p.accumulate ? 1 : 0);
  gpu.u32(p.bias ? 1 : 0);
  gpu.u32(p.activation === 'relu' ? 1 : 0);
  if (tiling === 'tiled') {
    gpu.u32(0);
    gpu.u32(0);
    runFolded(gpu, Math.ceil(p.n / 64), Math.ceil(p.m / 64));
    return;
  }
  // Blocked: 4×4 blocks, tiles of tileW × 64/tileW blocks (tileW a power of two up to 8).
  const colBlocks = Math.ceil(p.n / 4);
  const tileW = colBlocks >= 8 ? 8 : colBlocks >= 4 ? 4 : colBlocks >= 2 ? 2 : 1;
  const tilesX = Math.ceil(colBlocks / tileW);
  const tilesY = Math.ceil(Math.ceil(p.m / 4) / (64 / tileW));
  gpu.u32(tileW);
  gpu.u32(tilesX);
  gpu.run1dGroups(tilesX * tilesY);
}

function matmulSmall(gpu: GpuContext, p: MatmulParams): void {
  gpu.begin(gpu.pipeline(SMALL), p);
  gpu.buffer(p.a);
  gpu.buffer(p.b);
  gpu.buffer(p.bias ?? gpu.placeholder('read'));
  gpu.buffer(p.c);
  gpu.u32(p.m);
  gpu.u32(p.n);
  gpu.u32(p.k);
  gpu.u32(p.accumulate ? 1 : 0);
  gpu.u32(p.bias ? 1 : 0);
  gpu.u32(p.activation === 'relu' ? 1 : 0);
  // op(A)(i, q) = a[i·aRow + q·aDepth], op(B)(q, j) = b[q·bDepth + j·bCol].
  gpu.u32(p.transA ? 1 : p.k);
  gpu.u32(p.transA ? p.m : 1);
  gpu.u32(p.transB ? 1 : p.n);
  gpu.u32(p.transB ? p.k : 1);
  gpu.run1d(p.m * p.n);
}

export function sumRows(gpu: GpuContext, p: SumRowsParams): void {
  if (p.cols === 0) return;
  gpu.begin(gpu.pipeline(SUM_ROWS), p);
  gpu.buffer(p.src);
  gpu.buffer(p.dst);
  gpu.u32(p.rows);
  gpu.u32(p.cols);
  gpu.u32(p.accumulate ? 1 : 0);
  gpu.run1d(p.cols);
}
