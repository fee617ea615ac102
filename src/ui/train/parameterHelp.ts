// What each hyper-parameter does (its formula) and when a person would change it: the text of
// the tooltips beside the dashboard's fields. Bounds and defaults are not here: the spec's
// schema states those, and the fields read them from it.

export interface ParameterHelp {
  /** The field's name as the form shows it. */
  label: string;
  /** What it computes, in the notation of the optimizer kernels (g: gradient, w: weight). */
  formula: string;
  /** One sentence on when to change it. */
  advice: string;
}

export const parameterHelp = {
  optimizer: {
    label: 'Optimizer',
    formula: 'w ← w − lr · step(g), where step(g) depends on the optimizer',
    advice: 'Adam is the safe default; SGD with momentum can generalise better given more time.',
  },
  lr: {
    label: 'Learning rate',
    formula: 'w ← w − lr · step(g)',
    advice:
      'The first thing to tune: lower it (÷3) when the loss jumps or becomes NaN, raise it when the loss falls too slowly.',
  },
  momentum: {
    label: 'Momentum',
    formula: 'v ← μ·v + g;  w ← w − lr·v',
    advice: 'Use 0.9 with SGD to average out noisy gradients and speed up along steady directions.',
  },
  nesterov: {
    label: 'Nesterov',
    formula: 'w ← w − lr·(g + μ·v)',
    advice: 'Looks ahead along the velocity; it usually helps a little whenever momentum is on.',
  },
  beta1: {
    label: 'β₁',
    formula: 'm ← β₁·m + (1 − β₁)·g',
    advice: 'How long Adam remembers the gradient’s direction; 0.9 almost always works.',
  },
  beta2: {
    label: 'β₂',
    formula: 'v ← β₂·v + (1 − β₂)·g²',
    advice: 'How long Adam remembers the gradient’s size; lower it (0.99) if training is unstable.',
  },
  rho: {
    label: 'ρ (decay)',
    formula: 's ← ρ·s + (1 − ρ)·g²;  w ← w − lr·g / (√s + ε)',
    advice: 'How quickly RMSprop forgets old gradient sizes; 0.9 is the usual choice.',
  },
  eps: {
    label: 'ε',
    formula: 'w ← w − lr·m / (√v + ε)',
    advice: 'Keeps the division finite; raise it (1e-4 or more) only if updates blow up.',
  },
  schedule: {
    label: 'Schedule',
    formula: 'lr(epoch) = lr · decay(epoch)',
    advice:
      'Lower the rate as training goes on to settle into a minimum; keep it constant for short runs.',
  },
  everyEpochs: {
    label: 'Every (epochs)',
    formula: 'lr · γ^⌊epoch / every⌋',
    advice: 'Drop the rate at regular points, say every third of the run.',
  },
  gamma: {
    label: 'γ (factor)',
    formula: 'lr · γ^⌊epoch / every⌋  or  lr · γ^epoch',
    advice: 'The factor kept at each drop: 0.5 halves the rate, 0.1 divides it by ten.',
  },
  minLr: {
    label: 'Final rate',
    formula: 'minLr + (lr − minLr)·(1 + cos(π·t/T))/2',
    advice: 'Where the cosine ends; 0 is the classic choice, a little above keeps learning alive.',
  },
  batchSize: {
    label: 'Batch size',
    formula: 'g = (1/B)·Σᵢ₌₁ᴮ ∇ℓᵢ',
    advice:
      'Larger batches give smoother gradients and more samples per second; smaller ones, more updates per epoch.',
  },
  epochs: {
    label: 'Epochs',
    formula: 'steps = epochs · ⌊training samples / B⌋',
    advice: 'Train longer while the test loss still falls; stop when it rises (overfitting).',
  },
  l2: {
    label: 'L2 decay',
    formula: 'g ← g + λ₂·w   (adds λ₂/2·‖w‖² to the loss)',
    advice: 'Pulls weights towards zero to fight overfitting; try 1e-4 to 1e-3.',
  },
  l1: {
    label: 'L1 decay',
    formula: 'g ← g + λ₁·sign(w)   (adds λ₁·‖w‖₁ to the loss)',
    advice: 'Pushes small weights to exactly zero, for sparse models; try 1e-5 to 1e-4.',
  },
  startEpoch: {
    label: 'From epoch',
    formula: 'λ = 0 while epoch < start',
    advice: 'Let the model fit the data first, then regularise it.',
  },
  clipNorm: {
    label: 'Clip norm',
    formula: 'g ← g · min(1, c / ‖g‖₂)   over all parameters',
    advice:
      'Caps the size of each update; turn it on (1 to 5) when the loss spikes or becomes NaN. Empty: off.',
  },
  seed: {
    label: 'Seed',
    formula: 'initial weights, data order, dropout = f(seed)',
    advice: 'The same seed gives the same run; change it to see how much luck is in a result.',
  },
  evalEverySteps: {
    label: 'Test every',
    formula: 'test loss and accuracy every N steps, and at each epoch’s end',
    advice: 'Smaller N draws a finer test curve but spends more time evaluating.',
  },
  testSamples: {
    label: 'Test on',
    formula: 'the first N test samples at each evaluation',
    advice:
      'Fewer is quicker where testing costs more than training between tests (CIFAR-10 on a CPU). Empty: all of them.',
  },
  earlyStoppingPatience: {
    label: 'Early stopping',
    formula: 'stop when the test loss has not improved for P evaluations',
    advice: 'Stops an overfitting run and keeps its best weights. Empty: never stop early.',
  },
  dataset: {
    label: 'Data set',
    formula:
      'samples (x, label): MNIST 28×28 digits, CIFAR-10 32×32 colour photos, your own folder of images, or points (x₁, x₂) in [−1, 1]²',
    advice:
      'Toy 2-D sets train in seconds and show the decision boundary; MNIST is the real thing.',
  },
  colourNormalization: {
    label: 'Pixels',
    formula: 'per channel: (x − mean_c) / std_c over the training images;  unit: x/255',
    advice: 'Per-channel standardising is the usual recipe for colour images and trains faster.',
  },
  imageSize: {
    label: 'Image size',
    formula: 'every image resized to s × s pixels (8 to 64)',
    advice: 'Small images train fast; 32 is CIFAR-10’s size and suits its templates.',
  },
  imageChannels: {
    label: 'Colour',
    formula: 'colour: R, G, B planes;  grey: 0.299·R + 0.587·G + 0.114·B',
    advice: 'Grey is a third of the bytes and enough when colour does not tell the classes apart.',
  },
  imageResize: {
    label: 'Resize',
    formula: 'crop: the centred square, resized;  squash: the whole image, stretched',
    advice: 'Cropping keeps shapes as they are; squashing keeps the whole picture but distorts it.',
  },
  testFraction: {
    label: 'Test share',
    formula: 'per class: round(n · share) images (at least one) held out, drawn from the seed',
    advice: 'Used when the folder has no train/ and test/ subfolders of its own.',
  },
  crop: {
    label: 'Random crop',
    formula: 'pad by p black pixels, crop back to the image’s size at a random offset in [−p, p]',
    advice:
      'Shifted copies of each image fight overfitting; 4 is the classic choice for CIFAR-10. 0: off.',
  },
  flip: {
    label: 'Mirror',
    formula: 'x ↦ width − 1 − x with probability ½, per image and step',
    advice: 'A mirrored cat is still a cat: doubles the variety of the training images for free.',
  },
  normalization: {
    label: 'Pixels',
    formula: 'standard: (x/255 − 0.1307) / 0.3081;  unit: x/255',
    advice: 'Standardised inputs usually train faster; unit scale keeps pixels readable in [0, 1].',
  },
  samples: {
    label: 'Points',
    formula: 'N points in all, split into training and test',
    advice: 'More points make the boundary easier to learn and the test accuracy more reliable.',
  },
  noise: {
    label: 'Noise',
    formula:
      'jitter noise·U(−r, r), r = 5 (circle, xor), 1 (spiral); gaussians: σ² = 0.5 + 7·noise',
    advice: 'Raise it to see how a model copes with overlapping classes, and when it overfits.',
  },
  trainFraction: {
    label: 'Training share',
    formula: 'training points = round(N · share); the rest are the test split',
    advice: 'A small share with noise shows overfitting: training accuracy up, test accuracy not.',
  },
  classes: {
    label: 'Classes',
    formula: 'K blobs or spiral arms, one per class',
    advice: 'More classes need a softmax output of K units (the output layer follows this).',
  },
  xAxis: {
    label: 'Axis',
    formula: 'epoch = step / steps per epoch',
    advice: 'Epochs compare runs of different batch sizes; steps show every update.',
  },
  logScale: {
    label: 'Log scale',
    formula: 'y ↦ log₁₀ y',
    advice: 'Shows the slow late progress of a loss that has fallen by orders of magnitude.',
  },
  smoothing: {
    label: 'Smoothing',
    formula: 'sₜ = α·sₜ₋₁ + (1 − α)·xₜ, debiased',
    advice: 'Higher values show the trend of a noisy loss; 0 shows every batch as it was.',
  },
} satisfies Record<string, ParameterHelp>;

export type ParameterName = keyof typeof parameterHelp;
