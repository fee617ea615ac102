// Why ReLU: the same five-layer net with sigmoid and with ReLU, trained with plain SGD on the
// circle. Measured on the CPU engine (seeds 1–3): the sigmoid net stays at 46–54 % for 800
// steps; the ReLU net passes 92 % within 100.
import type { LessonInput } from '../lessonSchema';
import { toyNet } from './toySpecs';

const depth = [8, 8, 8, 8, 8];
const sgd = { kind: 'sgd', lr: 0.1 } as const;

export const whyReluLesson: LessonInput = {
  version: 1,
  id: 'why-relu',
  title: 'Why ReLU',
  summary:
    'A deep sigmoid net barely learns; the same depth with ReLU learns at once. The two runs, overlaid.',
  steps: [
    {
      title: 'A deep sigmoid net',
      text: [
        'Five hidden layers of 8 **sigmoid** units, trained with plain SGD on the circle set.',
        'Backpropagation multiplies, layer after layer, by the derivative of the activation, and the sigmoid’s is small:',
        "$$\\sigma'(z) = \\sigma(z)\\,(1-\\sigma(z)) \\le \\tfrac14$$",
        'Through five layers the gradient reaching the first weights shrinks by a factor of up to $4^5 \\approx 1000$.',
      ].join('\n'),
      state: {
        kind: 'spec',
        spec: toyNet({
          name: 'Deep sigmoid net (5 × 8) on the circle',
          kind: 'circle',
          hidden: depth,
          activation: 'sigmoid',
          optimizer: sgd,
          epochs: 40,
        }),
      },
      actions: [{ kind: 'scrollTo', target: 'charts' }],
      tryThis: [
        'Press **Train** and watch the loss curve: how far does it fall in a few hundred steps?',
        'Note the test accuracy. Chance on the circle is about 50 %.',
        'Press **Pause** when you have seen enough: the run is kept in the run history.',
      ],
      checks: [{ name: 'stepsAtLeast', value: 300 }],
    },
    {
      title: 'The same depth with ReLU',
      text: [
        'Now the very same net and recipe with **ReLU**, $\\max(0, z)$, and He initialisation. Its derivative is exactly 1 wherever the unit is active, so the gradient passes through the layers undiminished.',
      ].join('\n'),
      state: {
        kind: 'spec',
        spec: toyNet({
          name: 'Deep ReLU net (5 × 8) on the circle',
          kind: 'circle',
          hidden: depth,
          activation: 'relu',
          init: 'he',
          optimizer: sgd,
          epochs: 40,
        }),
      },
      actions: [{ kind: 'scrollTo', target: 'charts' }],
      tryThis: [
        'Press **Train**: compare how fast this loss falls with the sigmoid net’s.',
        'Pause once the test accuracy has passed 90 %.',
      ],
      checks: [
        { name: 'modelUses', op: 'relu', atLeast: 5 },
        { name: 'testAccuracyAbove', value: 0.9 },
      ],
    },
    {
      title: 'Overlay the two runs',
      text: [
        'Every run is recorded in the **run history**. Tick two runs to overlay their curves on one chart; the table under it lists the settings that differ (here, the activations and the initialisation).',
      ].join('\n'),
      actions: [{ kind: 'scrollTo', target: 'runs' }],
      tryThis: [
        'In the run history, tick the sigmoid run and the ReLU run.',
        'Read the overlaid loss curves: where does each one stand at the same step?',
      ],
      checks: [{ name: 'runsCompared', value: 2 }],
    },
    {
      title: 'What to take away',
      text: [
        '- Saturating activations (sigmoid, and tanh less so) shrink the gradient at every layer: deep nets made of them learn slowly, the first layers slowest.',
        '- ReLU passes the gradient through active units unchanged, which is one reason deep nets became trainable.',
        '- Other remedies: careful initialisation, batch normalisation, and residual connections.',
        '',
        'Not shown here yet: the gradient norm of each layer during training.',
      ].join('\n'),
      tryThis: [
        'Open the **Deep tanh net** and **Deep ReLU net** templates (MNIST) from the Learn page and compare them as runs.',
      ],
    },
  ],
};
