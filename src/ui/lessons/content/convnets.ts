// Convolutional nets: LeNet-5 on MNIST, its feature maps and filters, and the digits it
// confuses. The run is short (a couple of hundred steps), measured every 50 steps so the
// test accuracy shows early.
import type { LessonInput } from '../lessonSchema';

export const convnetsLesson: LessonInput = {
  version: 1,
  id: 'convolutional-nets',
  title: 'Convolutional nets',
  summary:
    'LeNet-5 on handwritten digits: shared 5×5 filters, the feature maps they make, and the confusions the trained net still makes.',
  steps: [
    {
      title: 'LeNet-5',
      text: [
        'A **convolution** slides one small filter over the whole image: the same $5\\times5$ weights look for the same pattern everywhere. LeNet-5 stacks two convolution + pooling stages, then three dense layers.',
        'Sharing weights makes the first layer tiny: `c1` has $6 \\times (5 \\cdot 5 + 1) = 156$ parameters, where a dense layer of the same output size would need millions.',
      ].join('\n'),
      state: { kind: 'template', template: 'lenet5', patch: { train: { evalEverySteps: 50 } } },
      actions: [{ kind: 'highlightNode', nodeId: 'c1' }],
      tryThis: [
        'The graph has `c1` selected: read its parameter count and output shape in the inspector.',
        'Press **Train** and watch the test accuracy as it is measured every 50 steps; pause after it has passed 90 %.',
      ],
      checks: [{ name: 'testAccuracyAbove', value: 0.9 }],
    },
    {
      title: 'Feature maps',
      text: [
        'Each of `c1`’s six filters, slid over a digit, gives one **feature map**: where in the image its pattern is. Pooling halves the maps; `c3` combines them into 16 maps of larger, more abstract parts.',
      ].join('\n'),
      actions: [{ kind: 'scrollTo', target: 'insights' }],
      tryThis: [
        'In “Inside the network”, look at c1’s maps for the test digit shown: which ones respond to edges, which to strokes of one direction?',
        'Step to other test digits, or draw one yourself, and watch the maps follow.',
      ],
    },
    {
      title: 'The filters',
      text: [
        'The filters themselves are the $5\\times5$ weights, drawn as little images. Trained, `c1`’s filters look like small edge and stroke detectors, the same kind of detector the first layer of a much larger vision net learns.',
      ].join('\n'),
      actions: [{ kind: 'scrollTo', target: 'insights' }],
      tryThis: ['Find the filters panel and compare c1’s six filters with the maps they produced.'],
    },
    {
      title: 'What it confuses',
      text: [
        'The **confusion matrix** counts, for every true digit (row), what the net predicted (column). The diagonal is right; everything else is a mistake, and the mistakes are not random: some pairs of digits look alike.',
      ].join('\n'),
      actions: [{ kind: 'scrollTo', target: 'insights' }],
      tryThis: [
        'Press **Test now** in the evaluation panel to score the whole test set.',
        'Click the largest off-diagonal cell: which digits are they, and would you have read them right?',
      ],
      checks: [{ name: 'testReportAfter', step: 50 }],
    },
  ],
};
