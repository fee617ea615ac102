// Colour images: the ConvNetJS CIFAR-10 net (three 5×5 conv + pool stages, Adam 1e-3, batches
// of 64) on the development subset (10,000 training and 10,000 test images), with random crops
// (padding 4) and mirror images, on the CPU backend, tested on the first 1,000 test photos.
// Measured in the browser (e2e/lessons.spec.ts, seed 1, 2 cores): the checks passed at step 51
// with the test accuracy at 22.8 % (chance: 10 %; 22.6 % on all 10,000); the walk-through took
// 45 s on one VM and 78–90 s on one half as fast, where testing all 10,000 took 90 s more.
// The lesson quotes none of it: the student reads their own run.
import type { LessonInput } from '../lessonSchema';

export const colorImagesLesson: LessonInput = {
  version: 1,
  id: 'color-images',
  title: 'Color images',
  summary:
    'A small convnet on CIFAR-10 photos: three colour channels, random crops and mirror images, and a run you can watch beat chance.',
  steps: [
    {
      title: 'Ten kinds of photo',
      text: [
        '**CIFAR-10** is 60,000 colour photos of $32\\times32$ pixels in ten classes: aeroplane, car, bird, cat, deer, dog, frog, horse, ship, truck. Unlike MNIST’s centred strokes, the object can be anywhere, at any size, on any background.',
        'Guessing gives $1/10$, a loss of $\\ln 10 \\approx 2.30$: the number to beat.',
      ].join('\n'),
      state: {
        kind: 'template',
        template: 'cifarConvnetJs',
        // Testing all 10,000 photos costs three times the 50 steps between tests on a CPU.
        patch: { train: { evalEverySteps: 50, testSamples: 1000 } },
      },
      actions: [{ kind: 'scrollTo', target: 'insights' }],
      tryThis: [
        'In “Inside the network”, step through a few test photos and their class names: which classes would you find hard to tell apart at this size?',
      ],
    },
    {
      title: 'Three channels in',
      text: [
        'A colour image is three images, red, green and blue, so the input is $3\\times32\\times32$ and each first-layer filter is $3\\times5\\times5$: it sees colour and shape together.',
        'Each channel is standardised with the mean and spread of the **training** images, so no channel outweighs another.',
      ].join('\n'),
      actions: [{ kind: 'highlightNode', nodeId: 'conv1' }],
      tryThis: [
        'The graph has `conv1` selected: read its parameter count in the inspector and check it is $16 \\times (3 \\cdot 5 \\cdot 5 + 1)$.',
      ],
    },
    {
      title: 'Augmentation',
      text: [
        'With few photos a net learns them by heart. **Augmentation** makes new ones for free: every time an image is used it is shifted by up to 4 pixels (a random crop of the image padded by 4) and, half the time, mirrored left to right. A cat is still a cat; the net must learn what does not move.',
        'The crops are drawn from the seed, per image and step, so a run can be repeated exactly.',
      ].join('\n'),
      actions: [{ kind: 'scrollTo', target: 'dataPanel' }],
      tryThis: ['In the data panel, find the crop padding (4) and the mirror switch (on).'],
    },
    {
      title: 'Train past chance',
      text: [
        'Photos are much harder than digits: after a few thousand images the net is far from good, but it already does better than guessing. Its test accuracy is measured every 50 steps, on the first 1,000 test photos (**Test on**, under Evaluation: empty tests all of them, at many times the wait).',
      ].join('\n'),
      actions: [{ kind: 'scrollTo', target: 'charts' }],
      tryThis: [
        'Press **Train**; pause once the checks pass.',
        'Compare the training loss with $\\ln 10 \\approx 2.30$, and the test accuracy with 10 %.',
      ],
      checks: [
        { name: 'stepsAtLeast', value: 50 },
        { name: 'testAccuracyAbove', value: 0.15 },
      ],
    },
    {
      title: 'Longer, and bigger',
      text: [
        'ConvNetJS’s own demo trains this net for much longer, on all 50,000 photos; the run status says how many you have here. The **Small VGG** template goes further with $3\\times3$ filters, batch norm and dropout, at many times the cost per step.',
      ].join('\n'),
      actions: [{ kind: 'scrollTo', target: 'insights' }],
      tryThis: [
        'In “Inside the network”, look at `conv1`’s filters: trained on colour, some respond to a colour, some to an edge.',
        'Train on, and open the Small VGG template when you have time to spare.',
      ],
    },
  ],
};
