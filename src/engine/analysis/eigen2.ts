// Eigen-decomposition of a symmetric 2 × 2 matrix [[a, b], [b, c]] in closed form:
//   λ = (a + c)/2 ± √(((a − c)/2)² + b²), eigenvector of λ₁ at angle ½·atan2(2b, a − c).
import type { Hessian2 } from './surfaces/toySurface';

export interface Eigen2 {
  /** λmax ≥ λmin. */
  values: [number, number];
  /** Unit eigenvectors of values[0] and values[1], as (v1, v2). */
  vectors: [[number, number], [number, number]];
}

export function eigen2({ h11, h12, h22 }: Hessian2): Eigen2 {
  const mean = (h11 + h22) / 2;
  const radius = Math.hypot((h11 - h22) / 2, h12);
  const theta = 0.5 * Math.atan2(2 * h12, h11 - h22);
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  return {
    values: [mean + radius, mean - radius],
    vectors: [
      [c, s],
      [-s, c],
    ],
  };
}
