// A single linear unit y = w·x (two weights, no bias) with quadratic loss on P points of a 2-D
// data set the user reshapes:
//   L(w) = (1/2P)·Σₚ (w·xₚ − tₚ)²     ∇L = H·w − (1/P)·Σₚ tₚ·xₚ     H = (1/P)·Σₚ xₚxₚᵀ
// H does not depend on w, so its eigenvalues say everything about gradient descent here: along
// eigenvector k the error shrinks by |1 − η·λₖ| per step, fastest at η = 1/λₖ, and grows for
// η > 2/λmax. The data's spread along each axis sets the λs; rotating the cloud turns the bowl.
import { RandomStream, SeededRandom } from '../../rng';
import type { ToySurface } from './toySurface';

export interface DataShape {
  /** Standard deviation of the cloud along its first and second axis. */
  spread1: number;
  spread2: number;
  /** Rotation of the cloud, in degrees. */
  angleDeg: number;
  /** Number of samples P. */
  count: number;
  seed: number;
}

export const DEFAULT_DATA_SHAPE: DataShape = {
  spread1: 1.6,
  spread2: 0.5,
  angleDeg: 30,
  count: 64,
  seed: 7,
};

/** The weights that generated the targets (plus a little noise): the bowl's bottom is near them. */
const TRUE_W: readonly [number, number] = [1, -0.5];
const TARGET_NOISE = 0.2;

/** The P points (x1, x2 interleaved) and their targets, from the seed. */
export function quadraticData(shape: DataShape): { x: Float64Array; t: Float64Array } {
  const rng = new SeededRandom(shape.seed, RandomStream.toyData);
  const a = (shape.angleDeg * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  const x = new Float64Array(2 * shape.count);
  const t = new Float64Array(shape.count);
  for (let p = 0; p < shape.count; p++) {
    const u = rng.normal() * shape.spread1;
    const v = rng.normal() * shape.spread2;
    const x1 = c * u - s * v;
    const x2 = s * u + c * v;
    x[2 * p] = x1;
    x[2 * p + 1] = x2;
    t[p] = TRUE_W[0] * x1 + TRUE_W[1] * x2 + TARGET_NOISE * rng.normal();
  }
  return { x, t };
}

export function quadraticSurface(shape: DataShape = DEFAULT_DATA_SHAPE): ToySurface & {
  data: { x: Float64Array; t: Float64Array };
} {
  const data = quadraticData(shape);
  const { x, t } = data;
  const P = shape.count;
  // The loss is a quadratic form; its coefficients are sums over the data, taken once.
  let h11 = 0;
  let h12 = 0;
  let h22 = 0;
  let b1 = 0;
  let b2 = 0;
  let tt = 0;
  for (let p = 0; p < P; p++) {
    const x1 = x[2 * p];
    const x2 = x[2 * p + 1];
    h11 += x1 * x1;
    h12 += x1 * x2;
    h22 += x2 * x2;
    b1 += t[p] * x1;
    b2 += t[p] * x2;
    tt += t[p] * t[p];
  }
  h11 /= P;
  h12 /= P;
  h22 /= P;
  b1 /= P;
  b2 /= P;
  tt /= P;
  const hessian = { h11, h12, h22 };
  return {
    id: 'quadratic',
    name: 'Linear unit, quadratic loss',
    formula: 'L(w) = (1/2P)·Σₚ (w·xₚ − tₚ)²,   H = (1/P)·Σₚ xₚxₚᵀ',
    lesson:
      'A convex bowl whose Hessian is the data’s second-moment matrix. Along each eigenvector the best step is η = 1/λ; above η = 2/λmax gradient descent diverges. Reshape the data to change the λs.',
    domain: { w1: [-2, 4], w2: [-3.5, 2.5] },
    start: [-1.5, 2],
    logScale: false,
    minima: [],
    samples: P,
    data,
    dataPoints: x,
    loss: (w1, w2) =>
      0.5 * (h11 * w1 * w1 + 2 * h12 * w1 * w2 + h22 * w2 * w2) - (b1 * w1 + b2 * w2) + 0.5 * tt,
    gradient(w1, w2, out) {
      out[0] = h11 * w1 + h12 * w2 - b1;
      out[1] = h12 * w1 + h22 * w2 - b2;
    },
    hessian: () => hessian,
    minibatchGradient(w1, w2, indices, out) {
      let g1 = 0;
      let g2 = 0;
      for (let k = 0; k < indices.length; k++) {
        const p = indices[k];
        const x1 = x[2 * p];
        const x2 = x[2 * p + 1];
        const r = w1 * x1 + w2 * x2 - t[p];
        g1 += r * x1;
        g2 += r * x2;
      }
      out[0] = g1 / indices.length;
      out[1] = g2 / indices.length;
    },
  };
}
