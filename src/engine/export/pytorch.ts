// A readable PyTorch script from an ExperimentSpec: the model as an nn.Module (its layers in the
// graph's topological order, forward() following the same DAG), the same data set with the same
// normalisation and augmentation (torchvision's MNIST or CIFAR-10, ImageFolder over one's own
// image folder, or the toy set's own points written into the script), the same optimiser,
// schedule, weight decay, clipping, batch size, epochs and seed, and a training loop that
// evaluates on the test split as LayerCake does.
// The script follows LayerCake's conventions (which follow PyTorch's), so a run continues on
// one's own hardware; it does not reproduce LayerCake's random numbers.
import type { InitScheme } from '../modules/init';
import { inferShapes } from '../spec/inferShapes';
import type { ExperimentSpec, NodeSpec } from '../spec/schema';
import { ENGINE_VERSION } from '../version';
import { imageFolderDataCode } from './pytorchImageFolder';

/** A toy set's points as LayerCake drew them (the script cannot redraw them). */
export interface ToyPoints {
  /** x, y pairs. */
  train: ArrayLike<number>;
  trainLabels: ArrayLike<number>;
  test: ArrayLike<number>;
  testLabels: ArrayLike<number>;
  /** A regression set's target of every point; null for class labels. */
  trainTargets: ArrayLike<number> | null;
  testTargets: ArrayLike<number> | null;
}

const PYTHON_KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except ' +
    'finally for from global if import in is lambda nonlocal not or pass raise return try ' +
    'while with yield self x F nn torch'
  ).split(' '),
);

/** Each initialisation scheme in PyTorch: a comment, then the body of a loop over its layers. */
const INIT_LINES: Record<InitScheme, string[]> = {
  he: ['He normal, N(0, 2 / fan_in)', 'nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")'],
  glorot: ['Glorot uniform', 'nn.init.xavier_uniform_(layer.weight)'],
  fanInUniform: [
    "U(±1/√fan_in), PyTorch's own default, drawn again here",
    'bound = 1 / math.sqrt(layer.weight[0].numel())',
    'nn.init.uniform_(layer.weight, -bound, bound)',
  ],
};

/** A node id as a Python identifier, unique among `taken`. */
function identifier(id: string, taken: Set<string>): string {
  let name = id.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z_]/.test(name)) name = `n_${name}`;
  if (PYTHON_KEYWORDS.has(name)) name = `${name}_`;
  let unique = name;
  for (let i = 2; taken.has(unique); i++) unique = `${name}_${i}`;
  taken.add(unique);
  return unique;
}

/** A number as Python writes it. */
function py(v: number | boolean | null): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v); // 0.001, 1e-8, 64: JavaScript's shortest form is valid Python
}

function floats(values: ArrayLike<number>): string {
  const out: string[] = [];
  for (let i = 0; i < values.length; i++) out.push(String(Number(values[i].toPrecision(7))));
  return out.join(', ');
}

/** Lines of a Python list literal, wrapped at about 100 characters. */
function wrapped(items: string, indent: string): string {
  const parts = items.split(', ');
  const lines: string[] = [];
  let line = '';
  for (const p of parts) {
    if (line.length + p.length > 96) {
      lines.push(line);
      line = '';
    }
    line += (line ? ' ' : '') + p + ',';
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

interface ModelCode {
  init: string[];
  forward: string[];
  /** The variable forward() returns: the loss node's input. */
  output: string;
  /** Layers whose weight takes L1/L2 decay (LayerCake decays dense and conv weights only). */
  decayed: string[];
  /** LayerCake's (node id, tensor) → this module's state_dict key, for loading .lcweights. */
  tensors: [string, string, string][];
  inputShape: number[];
}

function modelCode(spec: ExperimentSpec): ModelCode {
  const report = inferShapes(spec.model);
  if (report.problems.some((p) => p.severity === 'error') || report.order.length === 0)
    throw new Error('PyTorch export: the model has errors; fix them first.');
  const byId = new Map(spec.model.nodes.map((n) => [n.id, n]));
  const loss = byId.get(report.lossId!)!;
  const outputId = report.nodes.get(loss.id)!.inputs[0];
  // Only what the loss depends on.
  const needed = new Set<string>([outputId]);
  for (let i = report.order.length - 1; i >= 0; i--) {
    const id = report.order[i];
    if (needed.has(id)) for (const from of report.nodes.get(id)!.inputs) needed.add(from);
  }
  const taken = new Set<string>();
  const names = new Map<string, string>();
  for (const id of report.order) names.set(id, identifier(id, taken));

  const init: string[] = [];
  const forward: string[] = [];
  const decayed: string[] = [];
  const tensors: [string, string, string][] = [];
  const initWeights: { scheme: InitScheme; layer: string }[] = [];
  let inputShape: number[] = [];
  for (const id of report.order) {
    if (!needed.has(id)) continue;
    const node = byId.get(id)! as NodeSpec;
    const info = report.nodes.get(id)!;
    const v = names.get(id)!;
    const ins = info.inputs.map((i) => names.get(i)!);
    const inShape = info.inputs.length > 0 ? report.nodes.get(info.inputs[0])!.shape : [];
    const shapeNote = `# -> [${info.shape.join(', ')}]`;
    const line = (expr: string) => forward.push(`${v} = ${expr}  ${shapeNote}`);
    switch (node.op) {
      case 'input':
        inputShape = [...node.params.shape];
        forward.push(`${v} = x.reshape(x.shape[0], ${node.params.shape.join(', ')})  ${shapeNote}`);
        break;
      case 'dense': {
        const features = inShape.reduce((a, b) => a * b, 1);
        const p = node.params;
        init.push(`self.${v} = nn.Linear(${features}, ${p.units}, bias=${py(p.bias)})`);
        initWeights.push({ scheme: p.init, layer: v });
        decayed.push(v);
        tensors.push([id, 'weight', `${v}.weight`]);
        if (p.bias) tensors.push([id, 'bias', `${v}.bias`]);
        line(
          inShape.length > 1 ? `self.${v}(torch.flatten(${ins[0]}, 1))` : `self.${v}(${ins[0]})`,
        );
        break;
      }
      case 'conv2d': {
        const p = node.params;
        init.push(
          `self.${v} = nn.Conv2d(${inShape[0]}, ${p.filters}, kernel_size=${p.kernel}, stride=${p.stride}, padding=${p.padding}, bias=${py(p.bias)})`,
        );
        initWeights.push({ scheme: p.init, layer: v });
        decayed.push(v);
        tensors.push([id, 'weight', `${v}.weight`]);
        if (p.bias) tensors.push([id, 'bias', `${v}.bias`]);
        line(`self.${v}(${ins[0]})`);
        break;
      }
      case 'maxpool2d':
      case 'avgpool2d': {
        const p = node.params;
        const stride = p.stride ?? p.size;
        if (node.op === 'maxpool2d')
          init.push(
            `self.${v} = nn.MaxPool2d(kernel_size=${p.size}, stride=${stride}, padding=${p.padding})`,
          );
        else
          init.push(
            // LayerCake averages over the window's pixels inside the image.
            `self.${v} = nn.AvgPool2d(kernel_size=${p.size}, stride=${stride}, padding=${p.padding}, count_include_pad=False)`,
          );
        line(`self.${v}(${ins[0]})`);
        break;
      }
      case 'flatten':
        line(`torch.flatten(${ins[0]}, 1)`);
        break;
      case 'reshape':
        line(`${ins[0]}.reshape(${ins[0]}.shape[0], ${node.params.shape.join(', ')})`);
        break;
      case 'relu':
        line(`F.relu(${ins[0]})`);
        break;
      case 'leakyRelu':
        line(`F.leaky_relu(${ins[0]}, negative_slope=${py(node.params.alpha)})`);
        break;
      case 'tanh':
        line(`torch.tanh(${ins[0]})`);
        break;
      case 'sigmoid':
        line(`torch.sigmoid(${ins[0]})`);
        break;
      case 'abs':
        line(`torch.abs(${ins[0]})`);
        break;
      case 'softmax':
        line(`F.softmax(${ins[0]}, dim=1)`);
        break;
      case 'logSoftmax':
        line(`F.log_softmax(${ins[0]}, dim=1)`);
        break;
      case 'dropout':
        init.push(`self.${v} = nn.Dropout(p=${py(node.params.rate)})`);
        line(`self.${v}(${ins[0]})`);
        break;
      case 'batchnorm': {
        const kind = inShape.length === 1 ? 'BatchNorm1d' : 'BatchNorm2d';
        init.push(
          `self.${v} = nn.${kind}(${inShape[0]}, eps=${py(node.params.eps)}, momentum=${py(node.params.momentum)})`,
        );
        tensors.push(
          [id, 'gamma', `${v}.weight`],
          [id, 'beta', `${v}.bias`],
          [id, 'runningMean', `${v}.running_mean`],
          [id, 'runningVar', `${v}.running_var`],
        );
        line(`self.${v}(${ins[0]})`);
        break;
      }
      case 'add':
        line(ins.join(' + '));
        break;
      case 'concat':
        line(`torch.cat([${ins.join(', ')}], dim=1)`);
        break;
      default:
        throw new Error(`PyTorch export: ${node.op} (${id}) has no PyTorch counterpart here.`);
    }
  }
  // LayerCake's initialisation of each weight by its scheme, biases zero.
  const layersBy = (scheme: InitScheme) =>
    initWeights.filter((w) => w.scheme === scheme).map((w) => `self.${w.layer}`);
  const initLines: string[] = [];
  for (const scheme of Object.keys(INIT_LINES) as InitScheme[]) {
    const layers = layersBy(scheme);
    if (layers.length === 0) continue;
    const [comment, ...body] = INIT_LINES[scheme];
    initLines.push(
      `for layer in [${layers.join(', ')}]:  # ${comment}`,
      ...body.map((l) => `    ${l}`),
    );
  }
  if (initWeights.length > 0) {
    initLines.push(`for layer in [${initWeights.map((w) => `self.${w.layer}`).join(', ')}]:`);
    initLines.push(`    if layer.bias is not None:`);
    initLines.push(`        nn.init.zeros_(layer.bias)`);
  }
  return {
    init: [...init, ...initLines],
    forward,
    output: names.get(outputId)!,
    decayed,
    tensors,
    inputShape,
  };
}

function lossCode(spec: ExperimentSpec): string[] {
  const loss = spec.model.nodes.find(
    (n) => n.op === 'softmaxCrossEntropy' || n.op === 'meanSquaredError' || n.op === 'hinge',
  ) as NodeSpec;
  switch (loss.op) {
    case 'softmaxCrossEntropy':
      return [
        'def loss_fn(output, x, labels, targets):',
        '    """Softmax cross-entropy, mean over the batch (the model returns the logits)."""',
        '    return F.cross_entropy(output, labels)',
      ];
    case 'hinge':
      return [
        'def loss_fn(output, x, labels, targets):',
        `    """Multi-class hinge: sum over j != y of max(0, s_j - s_y + ${py(loss.params.margin)}), mean over the batch."""`,
        '    correct = output.gather(1, labels[:, None])',
        `    margins = (output - correct + ${py(loss.params.margin)}).clamp(min=0)`,
        '    margins = margins.scatter(1, labels[:, None], 0.0)',
        '    return margins.sum(dim=1).mean()',
      ];
    case 'meanSquaredError': {
      const target =
        loss.params.target === 'input'
          ? ['    target = x.reshape(x.shape[0], -1)  # reconstruct the (normalised) input']
          : spec.data.dataset === 'toy' && isRegression(spec)
            ? ['    target = targets']
            : ['    target = F.one_hot(labels, output.shape[1]).float()'];
      return [
        'def loss_fn(output, x, labels, targets):',
        '    """Mean squared error, mean over the batch and the outputs."""',
        ...target,
        '    return F.mse_loss(output, target)',
      ];
    }
    default:
      throw new Error('PyTorch export: the model has no loss node.');
  }
}

function isRegression(spec: ExperimentSpec): boolean {
  return (
    spec.data.dataset === 'toy' &&
    (spec.data.kind === 'plane' || spec.data.kind === 'waves' || spec.data.kind === 'bumps')
  );
}

function dataCode(
  spec: ExperimentSpec,
  toy: ToyPoints | null,
): { imports: string[]; body: string[] } {
  const data = spec.data;
  if (data.dataset === 'mnist') {
    const normalise =
      data.normalization === 'standard'
        ? ['transforms.Normalize((0.1307,), (0.3081,))  # (x/255 - mean) / std, the classic recipe']
        : [];
    return {
      imports: ['from torchvision import datasets, transforms'],
      body: [
        'def data_sets(root):',
        '    """MNIST: 60,000 training and 10,000 test digits, as LayerCake loads them."""',
        '    transform = transforms.Compose([',
        '        transforms.ToTensor(),  # x / 255',
        ...normalise.map((l) => `        ${l},`),
        '    ])',
        '    train = datasets.MNIST(root, train=True, download=True, transform=transform)',
        '    test = datasets.MNIST(root, train=False, download=True, transform=transform)',
        '    return train, test',
      ],
    };
  }
  if (data.dataset === 'cifar10') {
    const augment: string[] = [];
    if (data.augment.crop > 0)
      augment.push(
        `transforms.RandomCrop(32, padding=${data.augment.crop}),  # pad with black, crop back at a random offset`,
      );
    if (data.augment.flip)
      augment.push('transforms.RandomHorizontalFlip(),  # mirror with p = 1/2');
    const perChannel = data.normalization === 'perChannel';
    return {
      imports: ['from torchvision import datasets, transforms'],
      body: [
        'def data_sets(root):',
        '    """CIFAR-10 (torchvision downloads all 50,000 training images; LayerCake trains on the',
        '    batches it was given). Test images are never augmented."""',
        '    train_raw = datasets.CIFAR10(root, train=True, download=True)',
        ...(perChannel
          ? [
              '    # Each of R, G, B to mean 0 and std 1 over the training split, as LayerCake does.',
              '    pixels = train_raw.data.reshape(-1, 3) / 255.0',
              '    normalise = [transforms.Normalize(pixels.mean(axis=0).tolist(), pixels.std(axis=0).tolist())]',
            ]
          : ['    normalise = []  # x / 255 only']),
        '    train_transform = transforms.Compose([',
        ...augment.map((l) => `        ${l}`),
        '        transforms.ToTensor(),',
        '        *normalise,',
        '    ])',
        '    test_transform = transforms.Compose([transforms.ToTensor(), *normalise])',
        '    train = datasets.CIFAR10(root, train=True, download=True, transform=train_transform)',
        '    test = datasets.CIFAR10(root, train=False, download=True, transform=test_transform)',
        '    return train, test',
      ],
    };
  }
  if (data.dataset === 'images') return imageFolderDataCode(data);
  if (toy === null)
    throw new Error('PyTorch export: a toy set needs its points (the script cannot redraw them).');
  const regression = toy.trainTargets !== null && toy.testTargets !== null;
  const split = (
    name: 'train' | 'test',
    points: ArrayLike<number>,
    labels: ArrayLike<number>,
    targets: ArrayLike<number> | null,
  ) => [
    `    ${name}_points = torch.tensor([`,
    wrapped(floats(points), '        '),
    '    ]).reshape(-1, 2)',
    `    ${name}_labels = torch.tensor([`,
    wrapped(Array.from(labels, (l) => String(l)).join(', '), '        '),
    '    ], dtype=torch.long)',
    ...(targets !== null
      ? [
          `    ${name}_targets = torch.tensor([`,
          wrapped(floats(targets), '        '),
          '    ]).reshape(-1, 1)',
        ]
      : [`    ${name}_targets = torch.zeros(len(${name}_labels), 1)`]),
    `    ${name} = TensorDataset(${name}_points, ${name}_labels, ${name}_targets)`,
  ];
  return {
    imports: ['from torch.utils.data import TensorDataset'],
    body: [
      'def data_sets(root):',
      `    """The toy set "${data.kind}" exactly as LayerCake drew it from seed ${spec.train.seed}: x, y in [-1, 1]${regression ? ', a real target per point' : ', a class per point'}."""`,
      ...split('train', toy.train, toy.trainLabels, toy.trainTargets),
      ...split('test', toy.test, toy.testLabels, toy.testTargets),
      '    return train, test',
    ],
  };
}

function optimizerCode(spec: ExperimentSpec): string {
  const o = spec.train.optimizer;
  switch (o.kind) {
    case 'sgd':
      return `torch.optim.SGD(groups, lr=LR, momentum=${py(o.momentum)}, nesterov=${py(o.nesterov && o.momentum > 0)})`;
    case 'adam':
      return `torch.optim.Adam(groups, lr=LR, betas=(${py(o.beta1)}, ${py(o.beta2)}), eps=${py(o.eps)})`;
    case 'rmsprop':
      return `torch.optim.RMSprop(groups, lr=LR, alpha=${py(o.rho)}, eps=${py(o.eps)})`;
    case 'adagrad':
      return `torch.optim.Adagrad(groups, lr=LR, eps=${py(o.eps)})`;
  }
}

function scheduleCode(spec: ExperimentSpec): string[] {
  const s = spec.train.schedule;
  const head =
    'def learning_rate(epoch):\n    """The learning rate at a (fractional) epoch, as LayerCake sets it before every step."""';
  switch (s.kind) {
    case 'constant':
      return [head, '    return LR'];
    case 'step':
      return [head, `    return LR * ${py(s.gamma)} ** math.floor(epoch / ${s.everyEpochs})`];
    case 'exponential':
      return [head, `    return LR * ${py(s.gamma)} ** epoch`];
    case 'cosine':
      return [
        head,
        '    progress = min(1.0, max(0.0, epoch / EPOCHS))',
        `    return ${py(s.minLr)} + (LR - ${py(s.minLr)}) * (1 + math.cos(math.pi * progress)) / 2`,
      ];
  }
}

/** The Python file's name for an experiment: its name, made safe, ending in .py. */
export function pytorchFileName(name: string): string {
  const base = name
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  return `${/^[a-z_]/.test(base) ? base : `model_${base}`}.py`;
}

/**
 * The script. `toy` must hold the toy set's points when the spec trains on one (the data
 * panel's preview has them); MNIST and CIFAR-10 come from torchvision.
 */
export function pytorchScript(spec: ExperimentSpec, toy: ToyPoints | null = null): string {
  const model = modelCode(spec);
  const data = dataCode(spec, toy);
  const t = spec.train;
  const classification = !(
    spec.model.nodes.some((n) => n.op === 'meanSquaredError') &&
    (isRegression(spec) ||
      spec.model.nodes.some((n) => n.op === 'meanSquaredError' && n.params.target === 'input'))
  );
  // Inside docstrings: no quote that could end one, no backslash that could start an escape.
  const title = spec.name.replace(/\s+/g, ' ').replace(/"/g, "'").replace(/\\/g, '/').slice(0, 200);
  const lines = [
    '"""',
    `${title}: generated by LayerCake ${ENGINE_VERSION} from its experiment.`,
    '',
    "The same model (layers in the graph's order, the same DAG in forward()), data, normalisation,",
    'augmentation, optimiser, learning-rate schedule, weight decay, clipping, batch size, epochs',
    'and seed. PyTorch draws its own random numbers, so the run is alike but not identical.',
    '',
    '    pip install torch torchvision',
    '    python this_file.py [--data ./data] [--device cuda] [--weights run.lcweights] [--save model.pt]',
    '"""',
    'import argparse',
    'import copy',
    'import json',
    'import math',
    'import struct',
    '',
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    'from torch.utils.data import DataLoader, Subset',
    ...data.imports,
    '',
    '# The recipe, as in LayerCake.',
    `SEED = ${t.seed}`,
    `BATCH_SIZE = ${t.batchSize}`,
    `EPOCHS = ${t.epochs}`,
    `LR = ${py(t.optimizer.lr)}`,
    `L1 = ${py(t.weightDecay.l1)}  # added to the gradient as L1 * sign(w), dense and conv weights only`,
    `L2 = ${py(t.weightDecay.l2)}  # added to the gradient as L2 * w (weight_decay), dense and conv weights only`,
    `DECAY_FROM_EPOCH = ${t.weightDecay.startEpoch}`,
    `CLIP_NORM = ${py(t.clipNorm)}  # global gradient-norm clipping; None for none`,
    `EVAL_EVERY_STEPS = ${t.evalEverySteps}  # and at the end of every epoch`,
    `EARLY_STOPPING_PATIENCE = ${py(t.earlyStoppingPatience)}  # evaluations without a better test loss; None for never`,
    `TEST_SAMPLES = ${py(t.testSamples)}  # evaluate on the first this many test samples; None for all`,
    '',
    '',
    'class Model(nn.Module):',
    `    """${title}"""`,
    '',
    '    def __init__(self):',
    '        super().__init__()',
    ...model.init.map((l) => `        ${l}`),
    '',
    '    def forward(self, x):',
    ...model.forward.map((l) => `        ${l}`),
    `        return ${model.output}  # what the loss reads`,
    '',
    '    def decayed_weights(self):',
    '        """The parameters LayerCake applies L1/L2 decay to: dense and conv weights."""',
    `        return [${model.decayed.map((v) => `self.${v}.weight`).join(', ')}]`,
    '',
    '',
    "# LayerCake's tensors (node id, name) and where they go in this model, for --weights.",
    'LAYERCAKE_TENSORS = {',
    ...model.tensors.map(
      ([id, name, key]) =>
        `    (${JSON.stringify(id)}, ${JSON.stringify(name)}): ${JSON.stringify(key)},`,
    ),
    '}',
    '',
    '',
    'def load_lcweights(model, path):',
    `    """Loads the weights LayerCake's runs panel downloads (an .lcweights file: "LCWT", a`,
    '    little-endian u32 header length, a JSON header naming each tensor and its size, padding',
    `    to 4 bytes, then float32 values in header order) into the model, tensor by tensor."""`,
    '    with open(path, "rb") as f:',
    '        data = f.read()',
    '    if data[:4] != b"LCWT":',
    '        raise ValueError(f"{path} is not a LayerCake weights file")',
    '    (length,) = struct.unpack("<I", data[4:8])',
    '    header = json.loads(data[8 : 8 + length].decode("utf-8"))',
    '    start = (8 + length + 3) // 4 * 4',
    '    values = torch.frombuffer(bytearray(data[start:]), dtype=torch.float32)',
    '    # The file names a tensor "node.node.name" (or "node.name").',
    '    keys = {}',
    '    for (node, name), key in LAYERCAKE_TENSORS.items():',
    '        keys[f"{node}.{node}.{name}"] = key',
    '        keys[f"{node}.{name}"] = key',
    '    state = model.state_dict()',
    '    at = 0',
    '    for tensor in header["tensors"]:',
    '        name, size = tensor["name"], tensor["size"]',
    '        key = keys.get(name)',
    '        if key is None or state[key].numel() != size:',
    '            raise ValueError(f"{path}: {name} ({size} values) does not fit this model")',
    '        with torch.no_grad():',
    '            state[key].copy_(values[at : at + size].reshape(state[key].shape))',
    '        at += size',
    `    print(f"loaded {len(header['tensors'])} tensors from {path}, trained {header['step']} steps")`,
    '',
    '',
    ...lossCode(spec),
    '',
    '',
    ...data.body,
    '',
    '',
    ...scheduleCode(spec),
    '',
    '',
    'def evaluate(model, loader, device):',
    '    """Mean loss and accuracy on a split, in evaluation mode (dropout off, batch norm\'s running statistics)."""',
    '    model.eval()',
    '    total, correct, count = 0.0, 0, 0',
    '    with torch.no_grad():',
    '        for batch in loader:',
    '            x, labels, targets = unpack(batch, device)',
    '            output = model(x)',
    '            total += loss_fn(output, x, labels, targets).item() * len(x)',
    ...(classification
      ? ['            correct += (output.argmax(dim=1) == labels).sum().item()']
      : []),
    '            count += len(x)',
    '    model.train()',
    `    return total / count, ${classification ? 'correct / count' : 'float("nan")'}`,
    '',
    '',
    'def unpack(batch, device):',
    '    x, labels = batch[0].to(device), batch[1].to(device)',
    '    targets = batch[2].to(device) if len(batch) > 2 else None',
    '    return x, labels, targets',
    '',
    '',
    'def main():',
    '    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])',
    spec.data.dataset === 'images'
      ? `    parser.add_argument("--data", default=${JSON.stringify(`./${spec.data.set?.name ?? 'images'}`)}, help="your image folder")`
      : '    parser.add_argument("--data", default="./data", help="where torchvision keeps the data set")',
    '    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")',
    '    parser.add_argument("--save", default=None, help="write the trained state_dict here")',
    '    parser.add_argument("--weights", default=None, help="start from LayerCake weights (.lcweights)")',
    '    args = parser.parse_args()',
    '    torch.manual_seed(SEED)',
    '    device = torch.device(args.device)',
    '',
    '    train_set, test_set = data_sets(args.data)',
    '    if TEST_SAMPLES is not None:',
    '        test_set = Subset(test_set, range(min(TEST_SAMPLES, len(test_set))))',
    '    # LayerCake leaves out the incomplete last batch of each shuffle.',
    '    train_loader = DataLoader(train_set, batch_size=BATCH_SIZE, shuffle=True, drop_last=True)',
    '    test_loader = DataLoader(test_set, batch_size=BATCH_SIZE)',
    '    steps_per_epoch = len(train_loader)',
    '',
    '    model = Model()',
    '    if args.weights:',
    '        load_lcweights(model, args.weights)',
    '    model = model.to(device)',
    '    decayed = model.decayed_weights()',
    '    decayed_ids = {id(p) for p in decayed}',
    '    plain = [p for p in model.parameters() if id(p) not in decayed_ids]',
    '    groups = [{"params": decayed, "weight_decay": 0.0}, {"params": plain, "weight_decay": 0.0}]',
    `    optimizer = ${optimizerCode(spec)}`,
    '',
    '    best_loss, best_state, evals_since_best = math.inf, None, 0',
    '    step = 0',
    '    for epoch in range(EPOCHS):',
    '        for batch in train_loader:',
    '            x, labels, targets = unpack(batch, device)',
    '            for group in optimizer.param_groups:',
    '                group["lr"] = learning_rate(step / steps_per_epoch)',
    '            optimizer.param_groups[0]["weight_decay"] = L2 if epoch >= DECAY_FROM_EPOCH else 0.0',
    '            optimizer.zero_grad()',
    '            loss = loss_fn(model(x), x, labels, targets)',
    '            loss.backward()',
    '            if CLIP_NORM is not None:',
    '                torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP_NORM)',
    '            if L1 > 0 and epoch >= DECAY_FROM_EPOCH:',
    '                for p in decayed:',
    '                    p.grad.add_(torch.sign(p.detach()), alpha=L1)',
    '            optimizer.step()',
    '            step += 1',
    '            epoch_end = step % steps_per_epoch == 0',
    '            if step % 50 == 0:',
    '                print(f"step {step}: training loss {loss.item():.4f}")',
    '            if epoch_end or step % EVAL_EVERY_STEPS == 0:',
    '                test_loss, test_accuracy = evaluate(model, test_loader, device)',
    '                print(f"step {step} (epoch {step / steps_per_epoch:.2f}): test loss {test_loss:.4f}, accuracy {100 * test_accuracy:.2f} %")',
    '                if EARLY_STOPPING_PATIENCE is not None:',
    '                    if test_loss < best_loss:',
    '                        best_loss, best_state, evals_since_best = test_loss, copy.deepcopy(model.state_dict()), 0',
    '                    else:',
    '                        evals_since_best += 1',
    '                        if evals_since_best >= EARLY_STOPPING_PATIENCE:',
    '                            print("early stopping: the best weights are kept")',
    '                            model.load_state_dict(best_state)',
    '                            return finish(model, args)',
    '    finish(model, args)',
    '',
    '',
    'def finish(model, args):',
    '    if args.save:',
    '        torch.save(model.state_dict(), args.save)',
    '        print(f"saved {args.save}")',
    '',
    '',
    'if __name__ == "__main__":',
    '    main()',
    '',
  ];
  return lines.join('\n');
}
