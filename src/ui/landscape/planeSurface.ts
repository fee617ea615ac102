// What the landscape views draw, whichever plane it was measured on: the random slice's
// square in units of its filter-normalised directions, or the PCA plane of the training path
// in weight-space units with the path on it.
import type { LossSliceFrame, TrajectoryFrame } from '../../engine/analysis/landscapeFrames';

export interface PlaneSurface {
  size: number;
  /** Sample positions at the ends of each axis (ends included). */
  a: [number, number];
  b: [number, number];
  /** size × size losses, row r at the r-th b, column c at the c-th a. */
  losses: Float32Array;
  /** (a, b) pairs of the path through it, or null. */
  path: Float32Array | null;
  axisNames: [string, string];
}

export function sliceSurface(f: LossSliceFrame): PlaneSurface {
  return {
    size: f.size,
    a: [-f.range, f.range],
    b: [-f.range, f.range],
    losses: f.losses,
    path: null,
    axisNames: ['a (along d₁)', 'b (along d₂)'],
  };
}

export function trajectorySurface(f: TrajectoryFrame): PlaneSurface {
  const pct = (v: number) => `${(100 * v).toFixed(v < 0.1 ? 1 : 0)} %`;
  return {
    size: f.size,
    a: f.a,
    b: f.b,
    losses: f.losses,
    path: f.path,
    axisNames: [
      `first principal direction (${pct(f.explained[0])} of the path)`,
      `second (${pct(f.explained[1])})`,
    ],
  };
}
