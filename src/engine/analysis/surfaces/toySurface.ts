// A toy loss surface over two weights (w1, w2): its value, analytic gradient and Hessian, the
// box worth looking at, and (for surfaces that are averages over a data set) the gradient of a
// minibatch, so SGD's noise is the real thing rather than an invented one.

/** The symmetric 2 × 2 Hessian as its three distinct entries. */
export interface Hessian2 {
  h11: number;
  h12: number;
  h22: number;
}

export interface Domain {
  w1: readonly [number, number];
  w2: readonly [number, number];
}

export interface ToySurface {
  id: ToySurfaceId;
  name: string;
  /** The formula as a person reads it (plain text with Unicode, never markup). */
  formula: string;
  /** One or two sentences on what the surface teaches. */
  lesson: string;
  domain: Domain;
  /** A start point that shows the lesson. */
  start: readonly [number, number];
  /** Draw the heat map on a log scale (the loss spans many orders of magnitude). */
  logScale: boolean;
  loss(w1: number, w2: number): number;
  /** Writes (∂L/∂w1, ∂L/∂w2) into `out`. */
  gradient(w1: number, w2: number, out: Float64Array): void;
  hessian(w1: number, w2: number): Hessian2;
  /** For averages over samples: how many, and the gradient of the mean over `indices`. */
  samples?: number;
  minibatchGradient?(w1: number, w2: number, indices: ArrayLike<number>, out: Float64Array): void;
  /** The data set's inputs (x1, x2 interleaved), for surfaces the user reshapes. */
  dataPoints?: Float64Array;
  /** Known minima, drawn on the map (may be empty). */
  minima: readonly (readonly [number, number])[];
}

export type ToySurfaceId = 'linear111' | 'quadratic' | 'monkeySaddle' | 'rosenbrock' | 'twoRelu';
