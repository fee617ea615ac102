// A net of two ReLU units fit to y = |x| on P points of [−1, 1]:
//   f(x) = relu(w1·x) + relu(w2·x)      L = (1/2P)·Σₚ (f(xₚ) − |xₚ|)²
//   ∂L/∂wⱼ = (1/P)·Σₚ rₚ·xₚ·[wⱼxₚ > 0]   with rₚ = f(xₚ) − |xₚ|
//   H = (1/P)·Σₚ gₚgₚᵀ with gₚ = (xₚ·[w1xₚ > 0], xₚ·[w2xₚ > 0])  (ReLU is piecewise linear, so
//   the second-derivative term vanishes away from the kinks w1 = 0 and w2 = 0)
// Swapping the two units gives the same function, so there are two equally good minima,
// (1, −1) and (−1, 1), with a ridge between them: a non-convex loss from symmetry alone.
import type { ToySurface } from './toySurface';

const P = 40;
const XS = Float64Array.from({ length: P }, (_, p) => -1 + (2 * (p + 0.5)) / P);
const relu = (v: number) => (v > 0 ? v : 0);

function residualSums(
  w1: number,
  w2: number,
  indices: ArrayLike<number> | null,
  out: Float64Array,
) {
  const n = indices === null ? P : indices.length;
  let g1 = 0;
  let g2 = 0;
  for (let k = 0; k < n; k++) {
    const x = XS[indices === null ? k : indices[k]];
    const r = relu(w1 * x) + relu(w2 * x) - Math.abs(x);
    if (w1 * x > 0) g1 += r * x;
    if (w2 * x > 0) g2 += r * x;
  }
  out[0] = g1 / n;
  out[1] = g2 / n;
}

export const twoRelu: ToySurface = {
  id: 'twoRelu',
  name: 'Two-ReLU-unit net',
  formula: 'L(w₁, w₂) = (1/2P)·Σₚ (relu(w₁xₚ) + relu(w₂xₚ) − |xₚ|)²',
  lesson:
    'Two units that can swap roles give two equally good minima, (1, −1) and (−1, 1), and a ridge along w₁ = w₂ between them. Where both units face the same way, one half of the data is ignored and the loss is flat in that direction.',
  domain: { w1: [-2, 2], w2: [-2, 2] },
  start: [1.6, 1.3],
  logScale: false,
  minima: [
    [1, -1],
    [-1, 1],
  ],
  samples: P,
  loss(w1, w2) {
    let s = 0;
    for (let p = 0; p < P; p++) {
      const x = XS[p];
      const r = relu(w1 * x) + relu(w2 * x) - Math.abs(x);
      s += r * r;
    }
    return s / (2 * P);
  },
  gradient: (w1, w2, out) => residualSums(w1, w2, null, out),
  minibatchGradient: (w1, w2, indices, out) => residualSums(w1, w2, indices, out),
  hessian(w1, w2) {
    let h11 = 0;
    let h12 = 0;
    let h22 = 0;
    for (let p = 0; p < P; p++) {
      const x = XS[p];
      const g1 = w1 * x > 0 ? x : 0;
      const g2 = w2 * x > 0 ? x : 0;
      h11 += g1 * g1;
      h12 += g1 * g2;
      h22 += g2 * g2;
    }
    return { h11: h11 / P, h12: h12 / P, h22: h22 / P };
  },
};
