// What the worker sends the page about a run's loss landscape (see lossLandscape.ts): plain
// arrays and numbers, each tied to the step whose weights it was measured at.

export interface LossSliceFrame {
  /** The run's step when its weights were taken. */
  step: number;
  /** Points per side (odd, so the current weights are the centre point). */
  size: number;
  /** a, b ∈ [−range, range], in units of the filter-normalised directions. */
  range: number;
  /** size × size losses, row r at b = −range + 2·range·r/(size − 1), column c likewise for a. */
  losses: Float32Array;
  /** The loss at the current weights. */
  center: number;
  /** Samples in the fixed batch. */
  batch: number;
  ms: number;
}

export interface LossLineFrame {
  step: number;
  /** t = 0 is the initial weights, t = 1 the current ones. */
  t: Float32Array;
  losses: Float32Array;
  batch: number;
  ms: number;
}

export interface CurvatureFrame {
  step: number;
  /** Estimates of the Hessian's largest and smallest eigenvalues on the fixed batch. */
  max: number;
  min: number;
  /** Hessian-vector products used (two gradients each). */
  products: number;
  /** The learning rate η the spec's optimizer is set to, and its optimizer's kind. */
  learningRate: number;
  optimizer: string;
  batch: number;
  ms: number;
}

export interface TrajectoryFrame {
  /** The run's step at the last snapshot (the current weights). */
  step: number;
  size: number;
  /** The grid's range along the first and second principal directions (weight-space units). */
  a: [number, number];
  b: [number, number];
  /** size × size losses, row r at the r-th value of b, column c at the c-th value of a. */
  losses: Float32Array;
  /** (a, b) of every snapshot, interleaved; the last is (0, 0), the current weights. */
  path: Float32Array;
  /** The step of every snapshot. */
  steps: Int32Array;
  /** Fraction of the path's variance along each principal direction. */
  explained: [number, number];
  center: number;
  batch: number;
  ms: number;
}

/** A landscape answer, or why there is none (no run, the run changed meanwhile, a failure). */
export type LandscapeAnswer<T> = { ok: true; frame: T } | { ok: false; message: string };
