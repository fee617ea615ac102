// Rosenbrock's banana L = (1 − w1)² + 100·(w2 − w1²)²: a narrow curved valley, minimum at (1, 1).
//   ∂L/∂w1 = −2(1 − w1) − 400·w1·(w2 − w1²)     ∂L/∂w2 = 200·(w2 − w1²)
//   H = [[2 − 400(w2 − w1²) + 800w1², −400w1], [−400w1, 200]]
// The valley floor is nearly flat while its walls are steep (H's condition number is in the
// thousands), so a learning rate small enough for the walls crawls along the floor.
import type { ToySurface } from './toySurface';

const B = 100;

export const rosenbrock: ToySurface = {
  id: 'rosenbrock',
  name: 'Rosenbrock',
  formula: 'L(w₁, w₂) = (1 − w₁)² + 100·(w₂ − w₁²)²',
  lesson:
    'A curved, ill-conditioned valley: the walls are steep (λmax in the hundreds) and the floor nearly flat, so plain gradient descent must take tiny steps and then crawls. Momentum and adaptive methods do better.',
  domain: { w1: [-2, 2], w2: [-1, 3] },
  start: [-1.5, 2.5],
  logScale: true,
  minima: [[1, 1]],
  loss: (w1, w2) => (1 - w1) ** 2 + B * (w2 - w1 * w1) ** 2,
  gradient(w1, w2, out) {
    const r = w2 - w1 * w1;
    out[0] = -2 * (1 - w1) - 4 * B * w1 * r;
    out[1] = 2 * B * r;
  },
  hessian: (w1, w2) => ({
    h11: 2 - 4 * B * (w2 - w1 * w1) + 8 * B * w1 * w1,
    h12: -4 * B * w1,
    h22: 2 * B,
  }),
};
