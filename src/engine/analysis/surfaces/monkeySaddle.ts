// The monkey saddle L = w1³ − 3·w1·w2²: a flat critical point at the origin with three
// valleys going down (for two legs and a tail), where the Hessian is zero and gives no hint.
//   ∂L/∂w1 = 3w1² − 3w2²     ∂L/∂w2 = −6·w1·w2     H = [[6w1, −6w2], [−6w2, −6w1]]
// It has no minimum: every descending path runs away, which the lab reports as such.
import type { ToySurface } from './toySurface';

export const monkeySaddle: ToySurface = {
  id: 'monkeySaddle',
  name: 'Monkey saddle',
  formula: 'L(w₁, w₂) = w₁³ − 3·w₁·w₂²',
  lesson:
    'A degenerate saddle: at the origin the gradient and the whole Hessian vanish, so second-order information cannot tell which way is down. Three valleys fall away without bound; there is no minimum.',
  domain: { w1: [-1.5, 1.5], w2: [-1.5, 1.5] },
  start: [0.3, 0.02],
  logScale: false,
  minima: [],
  loss: (w1, w2) => w1 ** 3 - 3 * w1 * w2 * w2,
  gradient(w1, w2, out) {
    out[0] = 3 * w1 * w1 - 3 * w2 * w2;
    out[1] = -6 * w1 * w2;
  },
  hessian: (w1, w2) => ({ h11: 6 * w1, h12: -6 * w2, h22: -6 * w1 }),
};
