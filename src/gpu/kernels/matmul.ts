// Dense linear algebra: the GEMM with transposes, accumulation and a fused bias + ReLU
// epilogue, in two tilings chosen per adapter; and the column sums of a bias gradient.
import type { MatmulParams, SumRowsParams } from '../../engine/backend/backend';
import type { GpuContext } from '../gpuContext';
import { defineKernel } from '../kernel';
import type { Tuning } from '../tuning';
import { runFolded } from './grid';
import blockedSource from './matmulBlocked.wgsl?raw';
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
  gpu.begin(gpu.pipeline(tiling === 'tiled' ? TILED : BLOCKED, variant), p);
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
