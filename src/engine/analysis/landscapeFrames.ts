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

/** A landscape answer, or why there is none (no run, the run changed meanwhile, a failure). */
export type LandscapeAnswer<T> = { ok: true; frame: T } | { ok: false; message: string };
