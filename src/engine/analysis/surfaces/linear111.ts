// The 1-1-1 linear network y = w2·w1·x fit to y = x: L = (1 − w1·w2)².
//   ∂L/∂w1 = −2·w2·(1 − w1w2)      ∂L/∂w2 = −2·w1·(1 − w1w2)
//   H = [[2w2², 4w1w2 − 2], [4w1w2 − 2, 2w1²]]   (at the origin [[0, −2], [−2, 0]]: a saddle)
// Every point of the hyperbola w2 = 1/w1 is a global minimum; the origin is a saddle point whose
// Hessian has eigenvalues ±2, which is why gradient descent started near it crawls away slowly.
import type { ToySurface } from './toySurface';

export const linear111: ToySurface = {
  id: 'linear111',
  name: '1-1-1 linear network',
  formula: 'L(w₁, w₂) = (1 − w₁·w₂)²',
  lesson:
    'The solutions lie on the hyperbola w₂ = 1/w₁ (dashed); the origin is a saddle point (H has eigenvalues +2 and −2). Start near it and see which optimizers escape, and how fast.',
  domain: { w1: [-2, 2], w2: [-2, 2] },
  start: [0.05, -0.04],
  logScale: false,
  minima: [],
  loss: (w1, w2) => (1 - w1 * w2) ** 2,
  gradient(w1, w2, out) {
    const r = 1 - w1 * w2;
    out[0] = -2 * w2 * r;
    out[1] = -2 * w1 * r;
  },
  hessian: (w1, w2) => ({ h11: 2 * w2 * w2, h12: 4 * w1 * w2 - 2, h22: 2 * w1 * w1 }),
};
