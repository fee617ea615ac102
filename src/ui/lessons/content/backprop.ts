// Backprop is modules: one batch traced through a small net (the "One batch, module by module"
// panel), the chain rule read off its rows, then a net whose hidden value fans out to two
// activations and a concat, where the gradients add up.
import { SPEC_VERSION, type ExperimentSpecInput } from '../../../engine/spec/schema';
import type { LessonInput } from '../lessonSchema';
import { toyNet } from './toySpecs';

/** input → dense(4) → {relu, tanh} → add → output: one value read by two modules. */
const fanOut: ExperimentSpecInput = {
  version: SPEC_VERSION,
  name: 'A value read twice (fan-out)',
  description: '',
  model: {
    nodes: [
      { id: 'input', op: 'input', params: { shape: [2] }, position: { x: 170, y: 0 } },
      { id: 'hidden', op: 'dense', params: { units: 4 }, position: { x: 170, y: 100 } },
      { id: 'relu', op: 'relu', params: {}, position: { x: 0, y: 200 } },
      { id: 'tanh', op: 'tanh', params: {}, position: { x: 340, y: 200 } },
      { id: 'sum', op: 'add', params: {}, position: { x: 170, y: 300 } },
      {
        id: 'output',
        op: 'dense',
        params: { units: 2, init: 'glorot' },
        position: { x: 170, y: 400 },
      },
      { id: 'loss', op: 'softmaxCrossEntropy', params: {}, position: { x: 170, y: 500 } },
    ],
    edges: [
      { from: 'input', to: 'hidden' },
      { from: 'hidden', to: 'relu' },
      { from: 'hidden', to: 'tanh' },
      { from: 'relu', to: 'sum' },
      { from: 'tanh', to: 'sum' },
      { from: 'sum', to: 'output' },
      { from: 'output', to: 'loss' },
    ],
  },
  data: { dataset: 'toy', kind: 'xor', samples: 500, noise: 0.1, trainFraction: 0.5, classes: 2 },
  train: { optimizer: { kind: 'adam', lr: 0.03 }, batchSize: 10, epochs: 40, seed: 1 },
  view: { smoothing: 0.6, logScale: false, xAxis: 'step' },
};

export const backpropLesson: LessonInput = {
  version: 1,
  id: 'backprop-is-modules',
  title: 'Backprop is modules',
  summary:
    'One batch through a small net, module by module: each forward value, each gradient sent back, the chain rule, and the sum rule where a value fans out.',
  steps: [
    {
      title: 'Forward, one module at a time',
      text: [
        'A network is a chain of **modules**. Each takes its input, computes its output, and passes it on: here `input` → `hidden1` (dense) → `tanh1` → `output` (dense) → `loss`.',
        'The panel **One batch, module by module** runs one batch of 4 training points through exactly these modules and lists what each one computed.',
      ].join('\n'),
      state: {
        kind: 'spec',
        spec: toyNet({ name: 'A chain of modules (2-3-2 tanh)', kind: 'xor', hidden: [3] }),
      },
      actions: [{ kind: 'scrollTo', target: 'backprop' }],
      tryThis: [
        'Press **Trace one batch**.',
        'Read the Value column from top to bottom: check that `tanh1`’s values are the tanh of `hidden1`’s.',
      ],
      checks: [{ name: 'batchTraced', fanOut: false }],
    },
    {
      title: 'Backward: the chain rule',
      text: [
        'Backward goes the other way. Each module receives $\\partial L/\\partial y$, the gradient of the loss with respect to its output, and sends back the gradient with respect to its input, using only its own local derivative:',
        '$$\\tanh:\\ \\frac{\\partial L}{\\partial z} = \\frac{\\partial L}{\\partial h}\\,(1 - h^2) \\qquad \\text{dense}:\\ \\frac{\\partial L}{\\partial x} = \\frac{\\partial L}{\\partial y}\\,W$$',
        'and works out its parameters’ gradients on the way, $\\partial L/\\partial W = (\\partial L/\\partial y)^\\top x$. Chaining these local rules is the whole of backpropagation.',
      ].join('\n'),
      actions: [{ kind: 'scrollTo', target: 'backprop' }],
      tryThis: [
        'In the ∂L/∂value column, multiply a value of `tanh1` by (1 − h²), h being its Value: you get the same column of `hidden1`.',
        'The gradient reaches even `input`: ∂L/∂x, how the loss would change if the point moved.',
      ],
      checks: [{ name: 'batchTraced', fanOut: false }],
    },
    {
      title: 'Fan-out: Duplicate, then Add',
      text: [
        'Here `hidden` is read by **two** modules, `relu` and `tanh`. Using a value twice is a hidden *Duplicate* module; its backward rule is to **add** the gradients coming back from every reader:',
        '$$\\frac{\\partial L}{\\partial h} = \\frac{\\partial L}{\\partial h}\\Big|_{\\text{via relu}} + \\frac{\\partial L}{\\partial h}\\Big|_{\\text{via tanh}}$$',
        'And the **Add** module that joins the branches does the reverse: it sends its gradient, unchanged, to each input.',
      ].join('\n'),
      state: { kind: 'spec', spec: fanOut },
      actions: [{ kind: 'scrollTo', target: 'backprop' }],
      tryThis: [
        'Press **Trace one batch** again, for this model.',
        'Check that `relu` and `tanh` received the same ∂L/∂value as `sum`, and that `hidden`’s is the sum of what the two send back.',
      ],
      checks: [{ name: 'batchTraced', fanOut: true }],
    },
    {
      title: 'Training is this, repeated',
      text: [
        'A training step is one such trace followed by an update of every parameter against its gradient. Nothing else is needed: any graph of modules with a forward and a backward rule can be trained, which is why the editor lets you wire them as you like.',
      ].join('\n'),
      actions: [{ kind: 'scrollTo', target: 'runControls' }],
      tryThis: ['Press **Train**: the same forward and backward, a few hundred times.'],
      checks: [{ name: 'stepsAtLeast', value: 200 }],
    },
  ],
};
