// The parameter objects of the exact t-SNE kernels: the gradient of KL(P‖Q) for a 2-D layout
// (with Q's normalisation Z) and the reference optimiser's step. Built once, reused every
// iteration; fields marked "per step" may change between steps. See backend.ts for the contract.
import type { DeviceBuffer } from './backend';

/**
 * The exact t-SNE gradient of a 2-D layout y (n×2) under joint probabilities p (n×n, symmetric,
 * zero diagonal, summing to 1):
 *   ∂C/∂y_i = 4 Σ_j (α·p_ij − q_ij)·(1 + ‖y_i − y_j‖²)⁻¹·(y_i − y_j),  q_ij = (1 + ‖y_i − y_j‖²)⁻¹ / Z
 * Writes grad (n×2) and stats = [Z, Σ_ij p_ij·log(1 + ‖y_i − y_j‖²)] (the second only when
 * `measure`, else 0), from which KL(P‖Q) = Σ p log p + stats[1] + log Z.
 */
export interface TsneGradientParams {
  y: DeviceBuffer;
  p: DeviceBuffer;
  n: number;
  /** Per step: early exaggeration α (12 for the first iterations, then 1). */
  exaggeration: number;
  /** Per step: whether to compute stats[1] (a logarithm per pair, so only when reported). */
  measure: boolean;
  grad: DeviceBuffer;
  /** f32, 2 elements. */
  stats: DeviceBuffer;
}

/**
 * The t-SNE optimiser step of van der Maaten's reference implementation on `count` coordinates:
 * gain += 0.2 where sign(grad) ≠ sign(velocity), else gain ×= 0.8, at least minGain;
 * velocity = momentum·velocity − learningRate·gain·grad; y += velocity.
 */
export interface TsneUpdateParams {
  y: DeviceBuffer;
  grad: DeviceBuffer;
  velocity: DeviceBuffer;
  gains: DeviceBuffer;
  count: number;
  /** Per step. */
  learningRate: number;
  /** Per step (0.5, then 0.8). */
  momentum: number;
  minGain: number;
}

/** The t-SNE kernels every backend has (the Backend interface extends this). */
export interface TsneKernels {
  tsneGradient(p: TsneGradientParams): void;
  tsneUpdate(p: TsneUpdateParams): void;
}
