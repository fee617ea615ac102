// Which kernel variant to use for the heavy kernels on this adapter. There is no one best
// tiling: on SwiftShader (GPU threads as CPU SIMD lanes) register blocking wins by 10×, on real
// GPUs shared-memory tiles usually do. So a short measurement at start-up decides (see
// autotune.ts), and the choice is cached per adapter.
export type MatmulTiling = 'blocked' | 'subgroup' | 'tiled';
export type ConvTiling = 'blocked' | 'tiled';

export interface Tuning {
  matmul: MatmulTiling;
  conv: ConvTiling;
}

/** Before any measurement: register blocking is never much worse than tiling. */
export const DEFAULT_TUNING: Tuning = { matmul: 'blocked', conv: 'blocked' };

/**
 * 'subgroup' is 'blocked' with op(A) shared by subgroup shuffles, where the device has
 * subgroups and the shape allows; elsewhere it runs as 'blocked'.
 */
export const MATMUL_TILINGS: readonly MatmulTiling[] = ['blocked', 'subgroup', 'tiled'];
export const CONV_TILINGS: readonly ConvTiling[] = ['blocked', 'tiled'];
