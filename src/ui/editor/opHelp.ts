// What the editor tells a person about each op: its palette group, its formula (as the module
// files in src/engine/modules/ state it) and one sentence on when to use it. The parameters
// themselves (types, defaults, bounds) come from opParamSchemas; this only adds words.
import type { OpName } from '../../engine/spec/ops';

export const opGroups = [
  'inputs',
  'layers',
  'activations',
  'regularisation',
  'merge',
  'losses',
] as const;
export type OpGroup = (typeof opGroups)[number];

export const opGroupTitles: Record<OpGroup, string> = {
  inputs: 'Inputs',
  layers: 'Layers',
  activations: 'Activations',
  regularisation: 'Regularisation',
  merge: 'Merge',
  losses: 'Losses',
};

export interface OpHelp {
  /** The name a person reads in the palette and on the node. */
  title: string;
  group: OpGroup;
  formula: string;
  whenToUse: string;
  /** What a parameter means and its unit, keyed by the schema's parameter name. */
  params?: Readonly<Record<string, string>>;
}

const poolParams = {
  size: 'window side, in pixels (square)',
  stride: 'step between windows, in pixels; empty means the window size',
  padding: 'pixels added on each border (never picked, not averaged)',
};

const initParam =
  "starting weights: he (for ReLU), glorot (for tanh, sigmoid, linear) or fanInUniform (PyTorch's default, U(±1/√fan-in))";

export const opHelp: Record<OpName, OpHelp> = {
  input: {
    title: 'Input',
    group: 'inputs',
    formula: 'y = x (one sample of the dataset)',
    whenToUse:
      'Every model starts here; its shape must match the dataset (MNIST 1×28×28, toy sets 2).',
    params: { shape: 'one sample’s shape, without the batch axis (channels, height, width)' },
  },
  dense: {
    title: 'Dense',
    group: 'layers',
    formula: 'y = x·Wᵀ + b',
    whenToUse:
      'The general-purpose learned layer: use it for hidden layers and for the logits before a loss.',
    params: { units: 'output features', bias: 'learn an offset b', init: initParam },
  },
  conv2d: {
    title: 'Conv 2D',
    group: 'layers',
    formula: 'y[o] = b[o] + Σ_c W[o,c] ⋆ x[c]',
    whenToUse:
      'For images: it learns local filters shared across positions, with far fewer weights than a dense layer.',
    params: {
      filters: 'output channels',
      kernel: 'filter side, in pixels (square)',
      stride: 'step between filter positions, in pixels',
      padding: 'zero pixels added on each border',
      bias: 'learn an offset per filter',
      init: initParam,
    },
  },
  maxpool2d: {
    title: 'Max pool',
    group: 'layers',
    formula: 'y = max over each window of x',
    whenToUse:
      'Halve an image’s size after a convolution, keeping the strongest response in each window.',
    params: poolParams,
  },
  avgpool2d: {
    title: 'Average pool',
    group: 'layers',
    formula: 'y = mean over each window of x',
    whenToUse:
      'Downsample smoothly (as LeNet did), or average a feature map down before the classifier.',
    params: poolParams,
  },
  flatten: {
    title: 'Flatten',
    group: 'layers',
    formula: 'y = x as one vector (same values, same order)',
    whenToUse: 'Between convolutions and dense layers, to make the image a vector explicitly.',
  },
  reshape: {
    title: 'Reshape',
    group: 'layers',
    formula: 'y = x with a new shape (same number of values)',
    whenToUse: 'Turn a vector back into an image, e.g. to feed a convolution from a dense layer.',
    params: { shape: 'the new per-sample shape; its values must multiply to the input’s size' },
  },
  relu: {
    title: 'ReLU',
    group: 'activations',
    formula: 'y = max(0, x)',
    whenToUse:
      'The default non-linearity for hidden layers: cheap, and gradients do not vanish for x > 0.',
  },
  leakyRelu: {
    title: 'Leaky ReLU',
    group: 'activations',
    formula: 'y = x if x > 0, else α·x',
    whenToUse: 'Like ReLU, but units never die: try it when many ReLU units stay at zero.',
    params: { alpha: 'slope α for negative inputs' },
  },
  tanh: {
    title: 'Tanh',
    group: 'activations',
    formula: 'y = tanh(x) = (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ)',
    whenToUse:
      'A smooth, zero-centred squashing to (−1, 1): good for small nets and toy 2-D problems.',
  },
  sigmoid: {
    title: 'Sigmoid',
    group: 'activations',
    formula: 'y = 1/(1 + e⁻ˣ)',
    whenToUse:
      'Squash to (0, 1): for outputs that are probabilities or pixel intensities (autoencoders).',
  },
  abs: {
    title: 'Abs',
    group: 'activations',
    formula: 'y = |x|',
    whenToUse: 'A symmetric rectifier, useful when the sign of a feature does not matter.',
  },
  softmax: {
    title: 'Softmax',
    group: 'activations',
    formula: 'y = eˣ / Σ eˣ',
    whenToUse:
      'To read class probabilities; do not put it before softmax cross-entropy, which applies its own.',
  },
  logSoftmax: {
    title: 'Log-softmax',
    group: 'activations',
    formula: 'y = x − log Σ eˣ',
    whenToUse:
      'Log-probabilities of classes, numerically stable; rarely needed before a loss here.',
  },
  dropout: {
    title: 'Dropout',
    group: 'regularisation',
    formula: 'train: y = x ⊙ m, m ∈ {0, 1/(1−p)};  eval: y = x',
    whenToUse:
      'When training accuracy runs ahead of test accuracy: it stops units relying on each other.',
    params: { rate: 'probability p of zeroing each value during training' },
  },
  batchnorm: {
    title: 'Batch norm',
    group: 'regularisation',
    formula: 'y = γ·(x − μ)/√(σ² + ε) + β, per channel',
    whenToUse:
      'After a convolution or dense layer in deeper nets: it keeps activations well scaled and allows larger learning rates.',
    params: {
      momentum: 'weight of each batch in the running mean and variance',
      eps: 'ε added to the variance for stability',
    },
  },
  add: {
    title: 'Add',
    group: 'merge',
    formula: 'y = x₁ + x₂ + …',
    whenToUse:
      'Residual (skip) connections: add a block’s input to its output; all inputs must have the same shape.',
  },
  concat: {
    title: 'Concat',
    group: 'merge',
    formula: 'y = [x₁; x₂; …] along the first axis',
    whenToUse:
      'Join features (or image channels) from several branches; inputs are taken in port order.',
  },
  softmaxCrossEntropy: {
    title: 'Softmax cross-entropy',
    group: 'losses',
    formula: 'ℓ = log Σ eˢ − s_y',
    whenToUse: 'The loss for classification: feed it raw scores (logits), one per class.',
  },
  meanSquaredError: {
    title: 'Mean squared error',
    group: 'losses',
    formula: 'ℓ = mean_j (s_j − t_j)²',
    whenToUse: 'For regression, or for reconstruction (target "input") as in an autoencoder.',
    params: { target: 'compare with one-hot labels, or with the model’s own input' },
  },
  hinge: {
    title: 'Hinge',
    group: 'losses',
    formula: 'ℓ = Σ_{j≠y} max(0, s_j − s_y + Δ)',
    whenToUse:
      'A margin (SVM-style) classification loss: it stops pushing once the right class wins by Δ.',
    params: { margin: 'margin Δ the right class must win by' },
  },
};

/** The palette: every op, in its group, in table order. */
export function opsByGroup(): { group: OpGroup; ops: OpName[] }[] {
  const entries = Object.entries(opHelp) as [OpName, OpHelp][];
  return opGroups.map((group) => ({
    group,
    ops: entries.filter(([, help]) => help.group === group).map(([op]) => op),
  }));
}
