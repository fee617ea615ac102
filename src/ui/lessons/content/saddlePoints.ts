// Saddle points, on the lab's 1-1-1 linear network: L = (1 − w₁w₂)², minimal on the hyperbola
// w₁w₂ = 1, with a saddle at the origin (Hessian eigenvalues ±2).
import type { LessonInput } from '../lessonSchema';

export const saddlePointsLesson: LessonInput = {
  version: 1,
  id: 'saddle-points',
  title: 'Saddle points',
  summary:
    'The 1-1-1 network’s hyperbola of solutions and its saddle: gradient descent stuck, optimizers racing away.',
  steps: [
    {
      title: 'The smallest deep network',
      text: [
        'One input, one hidden unit, one output, all linear: $y = w_2 w_1 x$. Fitting $y = x$ with squared error gives',
        '$$L(w_1, w_2) = (1 - w_1 w_2)^2$$',
        'Every point of the **hyperbola** $w_1 w_2 = 1$ is a perfect solution (the dark valleys on the map). The origin is a **saddle**: the loss curves up along one diagonal and down along the other.',
      ].join('\n'),
      state: { kind: 'lab', surface: 'linear111', optimizers: [{ kind: 'gd' }], start: [0, 0] },
      actions: [{ kind: 'scrollTo', target: 'lab' }],
      tryThis: [
        'Read the Hessian box: at the origin λmax and λmin have opposite signs, a saddle.',
        'Press **Start race**: gradient descent started exactly on the saddle goes nowhere, since the gradient there is zero.',
      ],
      checks: [{ name: 'labStationary', optimizer: 'gd' }],
    },
    {
      title: 'A nudge off the saddle',
      text: [
        'Start a hair away from the origin. The gradient is tiny there, so every optimizer starts slowly; the ones with **momentum** or **adaptive** steps gather speed sooner, while plain gradient descent crawls before it accelerates down the escape direction.',
      ].join('\n'),
      state: {
        kind: 'lab',
        surface: 'linear111',
        optimizers: [{ kind: 'gd' }, { kind: 'sgd' }, { kind: 'momentum' }, { kind: 'adam' }],
        start: [0.06, -0.05],
        run: true,
      },
      tryThis: [
        'Watch the four paths leave the saddle: which one reaches the hyperbola first?',
        'The loss chart shows the long flat start (the plateau) before each drop.',
      ],
      checks: [{ name: 'labLeftSaddle', count: 2 }],
    },
    {
      title: 'Start anywhere',
      text: [
        'Away from the origin the gradient points straight at the nearest branch of the hyperbola, and even plain gradient descent finds a solution quickly. Saddles slow learning down; in high dimensions they are far more common than bad local minima.',
      ].join('\n'),
      tryThis: [
        'Click the map to start the race from another point, near and far from the saddle.',
        'Try the **Monkey saddle** surface too: three valleys meet at a flat point.',
      ],
    },
    {
      title: 'Curvature of a real network',
      text: [
        'A real network has hundreds or millions of weights, so as many directions; the extreme eigenvalues of its Hessian still tell the same story. The **Loss landscape of this network** panel measures λmax and λmin around the current weights (Lanczos on Hessian-vector products, on a fixed batch), once or every few steps while it trains.',
        'A negative λmin means a direction in which the loss still curves down: the weights sit on a saddle, not in a minimum.',
      ].join('\n'),
      state: { kind: 'template', template: 'spiral' },
      actions: [{ kind: 'scrollTo', target: 'landscape' }],
      tryThis: [
        'In the loss-landscape panel tick **Track curvature while training**, then press **Train**.',
        'Watch λmin in the chart: is there a direction of negative curvature early in training, and does it fade?',
        'Pause, and press **Curvature** for one measurement of the weights as they are.',
      ],
      checks: [{ name: 'curvatureTracked', count: 3 }],
    },
  ],
};
