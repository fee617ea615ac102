// Learning rates and curvature, on the lab's quadratic (a linear unit with squared error):
// the Hessian is the same everywhere, so its eigenvalues say exactly which rates converge.
import type { LessonInput } from '../lessonSchema';

export const learningRatesLesson: LessonInput = {
  version: 1,
  id: 'learning-rates-and-curvature',
  title: 'Learning rates and curvature',
  summary:
    'The quadratic bowl and its Hessian: the best step 1/λ, divergence above 2/λmax, and batch gradient descent against SGD.',
  steps: [
    {
      title: 'A bowl with a Hessian',
      text: [
        'One linear unit $y = w \\cdot x$ with squared error on a cloud of points has a **quadratic** loss:',
        '$$L(w) = \\frac{1}{2P}\\sum_p (w\\cdot x_p - t_p)^2$$',
        'Its Hessian',
        '$$H = \\frac1P \\sum_p x_p x_p^\\top$$',
        'is the same at every $w$. Its eigenvalues $\\lambda_{max}$ and $\\lambda_{min}$ are the curvatures along the bowl’s two axes.',
      ].join('\n'),
      state: { kind: 'lab', surface: 'quadratic', optimizers: [{ kind: 'gd' }] },
      actions: [{ kind: 'scrollTo', target: 'lab' }],
      tryThis: [
        'Read λmax and λmin in the Hessian box, under the maps.',
        'Press **Start race** and follow batch gradient descent (white) down the bowl.',
      ],
      checks: [{ name: 'labReached', optimizer: 'gd', loss: 0.05 }],
    },
    {
      title: 'The best step: η = 1/λ',
      text: [
        'Along an eigenvector with curvature $\\lambda$, one step of gradient descent multiplies the distance to the minimum by',
        '$$|1 - \\eta\\lambda|$$',
        'which is zero at $\\eta = 1/\\lambda$: one step along that axis lands on the bottom. With two different curvatures no single rate is best for both; $1/\\lambda_{max}$ is the fastest the steep axis allows.',
      ].join('\n'),
      tryThis: [
        'Set Batch GD’s learning rate to **1/λmax** (the slider marks it; or type the value the Hessian box gives into the box and press Enter).',
        'Press **Restart race**: the path drops straight to the valley floor, then crawls along it.',
      ],
      checks: [
        { name: 'labRateNearOptimal', optimizer: 'gd', tolerance: 0.05 },
        { name: 'labReached', optimizer: 'gd', loss: 0.05 },
      ],
    },
    {
      title: 'Too far: above 2/λmax',
      text: [
        'For $\\eta > 2/\\lambda_{max}$ the factor $|1 - \\eta\\lambda_{max}|$ is above 1: every step overshoots further than the last, and gradient descent **diverges**, however close it started.',
      ].join('\n'),
      tryThis: [
        'Set Batch GD’s learning rate a little **above 2/λmax** (the red mark on its slider).',
        'Press **Restart race** and watch the path zig-zag outwards; the lab says why it stopped.',
      ],
      checks: [
        { name: 'labRateAboveBound', optimizer: 'gd', factor: 1 },
        { name: 'labDiverged', optimizer: 'gd' },
      ],
    },
    {
      title: 'Batch gradient vs stochastic gradient',
      text: [
        '**SGD** estimates the gradient from a minibatch of 4 of the 64 points: each step costs a sixteenth as much, and points roughly the right way.',
        'Far from the minimum the noise hardly matters. Near it the true gradient is small but the minibatch’s is not, so SGD keeps **jittering** around the bottom instead of settling.',
      ].join('\n'),
      state: {
        kind: 'lab',
        surface: 'quadratic',
        optimizers: [{ kind: 'gd' }, { kind: 'sgd' }],
        run: true,
      },
      tryThis: [
        'Watch the two loss curves in the charts beside the table: which one is smooth, which one fluctuates?',
        'Lower SGD’s learning rate and restart: the jitter shrinks, and so does its speed.',
      ],
      checks: [
        { name: 'labReached', optimizer: 'gd', loss: 0.05 },
        { name: 'labReached', optimizer: 'sgd', loss: 0.1 },
      ],
    },
  ],
};
