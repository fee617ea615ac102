// Representations: the MNIST MLP (784-128-10, ReLU, Adam 1e-3, batches of 64) and a t-SNE map of
// its hidden layer's activations on 500 test images, before training and after a few hundred
// steps, and of the pixels. Measured in the browser (e2e/lessons.spec.ts, CPU backend, seed 1):
// a 500-iteration t-SNE of the pixels ends at KL 0.745, of the untrained hidden layer at 0.985;
// the training step's checks passed at step 346 with 93.6 % test accuracy; the trained layer,
// re-run from the untrained layout for 500 more iterations, ends at 0.718 with the ten digits in
// islands (17.4 s for the whole walk-through). The lesson quotes none of it: the student reads
// the maps.
import type { LessonInput } from '../lessonSchema';

const mapIt = [
  'In “Representations (t-SNE)”, choose 500 test images and press **Capture**.',
  'Set 500 iterations and press **Run**; wait for the map to finish.',
];

export const representationsLesson: LessonInput = {
  version: 1,
  id: 'representations',
  title: 'Representations',
  summary:
    'What a hidden layer makes of the test digits, mapped with t-SNE: the pixels, the layer before training, and after it.',
  steps: [
    {
      title: 'The pixels',
      text: [
        'A layer’s **representation** of an image is the vector of its activations. To look at 500 such vectors at once, **t-SNE** places one dot per image on the plane, keeping images whose vectors are near also near on the map; each dot is coloured by the digit it really is.',
        'Start with the pixels themselves: 784 numbers per image.',
      ].join('\n'),
      state: { kind: 'template', template: 'mlp', patch: { train: { evalEverySteps: 100 } } },
      actions: [{ kind: 'scrollTo', target: 'representations' }],
      tryThis: ['Choose the layer `input (the pixels)`.', ...mapIt],
      checks: [{ name: 'representationsMapped', layer: 'input' }],
    },
    {
      title: 'An untrained layer',
      text: [
        'Now the hidden layer, before any training: 128 ReLU units of random weights. A random projection keeps much of the pixels’ geometry, so its map looks much like theirs.',
      ].join('\n'),
      actions: [{ kind: 'scrollTo', target: 'representations' }],
      tryThis: ['Choose the layer `relu`.', ...mapIt],
      checks: [{ name: 'representationsMapped', layer: 'relu', maxStep: 0 }],
    },
    {
      title: 'Train',
      text: [
        'Training changes the hidden layer so that the last layer, a linear classifier, can tell the digits apart: its job is to make the ten classes separable.',
      ].join('\n'),
      actions: [{ kind: 'scrollTo', target: 'charts' }],
      tryThis: ['Press **Train**; pause once the checks pass.'],
      checks: [
        { name: 'stepsAtLeast', value: 300 },
        { name: 'testAccuracyAbove', value: 0.85 },
      ],
    },
    {
      title: 'After training',
      text: [
        'Capture the hidden layer again, with the trained weights, and map it. The classes now form their own islands; the ones still mixed are the digits the net confuses.',
        'Compare the final **KL divergence** with the untrained map’s: the lower, the better the map keeps the neighbours of the vectors.',
      ].join('\n'),
      actions: [{ kind: 'scrollTo', target: 'representations' }],
      tryThis: [
        'Capture `relu` again (the button says at which step).',
        'Press **Run**, or **Re-run from this layout** to watch the islands form from the previous picture.',
      ],
      checks: [{ name: 'representationsMapped', layer: 'relu', minStep: 300 }],
    },
  ],
};
