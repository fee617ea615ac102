import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import type { Dataset } from '../data/dataset';
import { compile } from '../graph/compile';
import { makeToyDataset } from '../data/toy2d';
import { parseExperimentSpec } from '../spec/parse';
import { dataSpecSchema, type ExperimentSpec } from '../spec/schema';
import type { TemplateName } from '../spec/templates';
import { templateSpec, templates } from '../spec/templates';
import type { ToyPoints } from './pytorch';
import { pytorchFileName, pytorchScript } from './pytorch';

const python = spawnSync('python3', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'layercake-pytorch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function toyPoints(spec: ExperimentSpec): ToyPoints | null {
  if (spec.data.dataset !== 'toy') return null;
  const d: Dataset = makeToyDataset(spec.data, spec.train.seed);
  return {
    train: d.train.inputs,
    trainLabels: d.train.labels,
    test: d.test.inputs,
    testLabels: d.test.labels,
    trainTargets: d.train.targets ?? null,
    testTargets: d.test.targets ?? null,
  };
}

/** Scripts written for Python's own compiler, which the last test runs once on all of them. */
const written: string[] = [];
function compiles(name: string, script: string): void {
  const file = join(dir, pytorchFileName(name));
  writeFileSync(file, script);
  written.push(file);
}

describe('PyTorch export', () => {
  for (const name of Object.keys(templates) as TemplateName[]) {
    it(`${name}: a script with the model, data, optimiser and loop, that Python compiles`, () => {
      const spec = templateSpec(name);
      const script = pytorchScript(spec, toyPoints(spec));
      expect(script).toContain('class Model(nn.Module):');
      expect(script).toContain('def forward(self, x):');
      // Every layer with parameters is a module of its own, named after its node.
      for (const node of spec.model.nodes) {
        if (node.op === 'dense')
          expect(script).toMatch(
            new RegExp(`self\\.${node.id} = nn\\.Linear\\(\\d+, ${node.params.units}`),
          );
        if (node.op === 'conv2d')
          expect(script).toMatch(
            new RegExp(
              `self\\.${node.id} = nn\\.Conv2d\\(\\d+, ${node.params.filters}, kernel_size=${node.params.kernel}`,
            ),
          );
        if (node.op === 'batchnorm')
          expect(script).toMatch(new RegExp(`self\\.${node.id} = nn\\.BatchNorm[12]d\\(`));
      }
      const kind = spec.train.optimizer.kind;
      expect(script).toContain(
        {
          sgd: 'torch.optim.SGD(',
          adam: 'torch.optim.Adam(',
          rmsprop: 'torch.optim.RMSprop(',
          adagrad: 'torch.optim.Adagrad(',
        }[kind],
      );
      expect(script).toContain(`BATCH_SIZE = ${spec.train.batchSize}`);
      expect(script).toContain(`EPOCHS = ${spec.train.epochs}`);
      expect(script).toContain(`SEED = ${spec.train.seed}`);
      expect(script).toContain(`LR = ${spec.train.optimizer.lr}`);
      if (spec.data.dataset === 'mnist') expect(script).toContain('datasets.MNIST(');
      if (spec.data.dataset === 'cifar10') {
        expect(script).toContain('datasets.CIFAR10(');
        if (spec.data.augment.crop > 0)
          expect(script).toContain(`RandomCrop(32, padding=${spec.data.augment.crop})`);
        if (spec.data.augment.flip) expect(script).toContain('RandomHorizontalFlip()');
      }
      if (spec.data.dataset === 'toy') {
        const toy = toyPoints(spec)!;
        // Every point is written into the script.
        const written = script
          .match(/^ {8}[-\d.e, ]+,$/gm)!
          .join(' ')
          .split(',')
          .filter((s) => s.trim() !== '');
        const values =
          toy.train.length +
          toy.trainLabels.length +
          toy.test.length +
          toy.testLabels.length +
          (toy.trainTargets?.length ?? 0) +
          (toy.testTargets?.length ?? 0);
        expect(written.length).toBe(values);
      }
      // Every tensor of a downloaded .lcweights file has a place in the module.
      const places = new Map(
        [...script.matchAll(/^ {4}\("(.+)", "(\w+)"\): "(.+)",$/gm)].map((m) => [
          `${m[1]}.${m[1]}.${m[2]}`,
          m[3],
        ]),
      );
      const program = compile(spec, new CpuBackend(), { batch: 2, fuse: false });
      const labels = [
        ...program.params.map((p) => p.value.label),
        ...program.buffers.map((b) => b.label),
      ];
      expect(labels.filter((l) => !places.has(l))).toEqual([]);
      expect(places.size).toBe(labels.length);
      compiles(name, script);
    });
  }

  it('a DAG of every op: add and concat of branches, reshape, pools, activations, batch norm 1-d', () => {
    const nodes = [
      { id: 'in', op: 'input', params: { shape: [784] } },
      { id: 'img', op: 'reshape', params: { shape: [1, 28, 28] } },
      { id: 'c-a', op: 'conv2d', params: { filters: 4, kernel: 3, padding: 1 } },
      { id: 'c_b', op: 'conv2d', params: { filters: 4, kernel: 3, padding: 1, init: 'glorot' } },
      { id: 'sum', op: 'add', params: {} },
      { id: 'lr', op: 'leakyRelu', params: { alpha: 0.2 } },
      { id: 'ap', op: 'avgpool2d', params: { size: 2 } },
      { id: 'mp', op: 'maxpool2d', params: { size: 3, stride: 2, padding: 1 } },
      { id: 'cat', op: 'concat', params: {} },
      { id: 'flat', op: 'flatten', params: {} },
      { id: 'd1', op: 'dense', params: { units: 8 } },
      { id: 'bn', op: 'batchnorm', params: { momentum: 0.2 } },
      { id: 'th', op: 'tanh', params: {} },
      { id: 'sg', op: 'sigmoid', params: {} },
      { id: 'ab', op: 'abs', params: {} },
      { id: 'do', op: 'dropout', params: { rate: 0.25 } },
      { id: 'class', op: 'dense', params: { units: 10, bias: false } },
      { id: 'ls', op: 'logSoftmax', params: {} },
      { id: 'loss', op: 'hinge', params: { margin: 0.5 } },
    ];
    const chain = (a: string, b: string) => ({ from: a, to: b });
    const edges = [
      chain('in', 'img'),
      chain('img', 'c-a'),
      chain('img', 'c_b'),
      chain('c-a', 'sum'),
      chain('c_b', 'sum'),
      chain('sum', 'lr'),
      chain('lr', 'ap'),
      chain('lr', 'mp'),
      chain('ap', 'cat'),
      chain('mp', 'cat'),
      chain('cat', 'flat'),
      chain('flat', 'd1'),
      chain('d1', 'bn'),
      chain('bn', 'th'),
      chain('th', 'sg'),
      chain('sg', 'ab'),
      chain('ab', 'do'),
      chain('do', 'class'),
      chain('class', 'ls'),
      chain('ls', 'loss'),
    ];
    const r = parseExperimentSpec({
      version: 1,
      name: 'Every op "quoted" \\ here "',
      model: { nodes, edges },
      data: { dataset: 'mnist', normalization: 'unit' },
      train: {
        optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true },
        schedule: { kind: 'cosine', minLr: 0.001 },
        batchSize: 32,
        epochs: 2,
        seed: 9,
        weightDecay: { l1: 1e-5, l2: 5e-4, startEpoch: 1 },
        clipNorm: 1,
        earlyStoppingPatience: 3,
      },
    });
    if (!r.ok) throw new Error(JSON.stringify(r));
    const script = pytorchScript(r.spec);
    for (const line of [
      'self.c_a = nn.Conv2d(1, 4, kernel_size=3, stride=1, padding=1, bias=True)',
      'sum = c_a + c_b',
      'lr = F.leaky_relu(sum, negative_slope=0.2)',
      'self.ap = nn.AvgPool2d(kernel_size=2, stride=2, padding=0, count_include_pad=False)',
      'self.mp = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)',
      'cat = torch.cat([ap, mp], dim=1)',
      'self.bn = nn.BatchNorm1d(8, eps=0.00001, momentum=0.2)',
      'self.do = nn.Dropout(p=0.25)',
      'self.class_ = nn.Linear(8, 10, bias=False)',
      'ls = F.log_softmax(class_, dim=1)',
      'return ls  # what the loss reads',
      'img = in_.reshape(in_.shape[0], 1, 28, 28)',
      'torch.optim.SGD(groups, lr=LR, momentum=0.9, nesterov=True)',
      'CLIP_NORM = 1',
      'EARLY_STOPPING_PATIENCE = 3',
      'L1 = 0.00001',
      'DECAY_FROM_EPOCH = 1',
      'margins = (output - correct + 0.5).clamp(min=0)',
      'return 0.001 + (LR - 0.001) * (1 + math.cos(math.pi * progress)) / 2',
      'return [self.c_a.weight, self.c_b.weight, self.d1.weight, self.class_.weight]',
    ])
      expect(script).toContain(line);
    expect(script).not.toContain('transforms.Normalize');
    // Branches are computed before what reads them.
    expect(script.indexOf('c_b = self.c_b(img)')).toBeLessThan(script.indexOf('sum = c_a + c_b'));
    compiles('every op', script);
  });

  it("an image folder: its images by LayerCake's rules over --data, the same resize, split, normalisation, augmentation", () => {
    const classes = [
      { name: 'cat "tabby"', count: 30, test: 0 },
      { name: "dog's 犬", count: 20, test: 0 },
    ];
    const set = { fingerprint: 'b'.repeat(64), name: 'pets "2"', classes };
    const base = templateSpec('cifarConvnetJs');
    const images = (data: object): ExperimentSpec => ({
      ...base,
      data: dataSpecSchema.parse({ dataset: 'images', set, ...data }),
    });
    const drawn = pytorchScript(
      images({ size: 24, testFraction: 0.25, augment: { crop: 2, flip: true } }),
    );
    for (const line of [
      'CLASSES = ["cat \\"tabby\\"", "dog\'s 犬"]',
      'TEST_FRACTION = 0.25',
      'shape = [transforms.Resize(24), transforms.CenterCrop(24)]  # the centred square',
      'transforms.RandomCrop(24, padding=2),',
      'transforms.RandomHorizontalFlip(),',
      'rng = random.Random(SEED)',
      'parser.add_argument("--data", default="./pets \\"2\\"", help="your image folder")',
      // LayerCake's own rules for which files are images and which folders are clutter.
      'IMAGE_FILE = re.compile(r"\\.(png|jpe?g|webp|gif|bmp)$", re.IGNORECASE)',
      'CLUTTER = re.compile(r"^(\\.|__MACOSX$|Thumbs\\.db$|desktop\\.ini$)", re.IGNORECASE)',
      'if IMAGE_FILE.search(name) and not CLUTTER.match(name) and decodes(path):',
    ])
      expect(drawn).toContain(line);
    expect(drawn).toContain('transforms.Normalize(pixels.mean(dim=(0, 2, 3))');
    compiles('image folder drawn split', drawn);
    const given = pytorchScript(
      images({
        channels: 1,
        resize: 'squash',
        normalization: 'unit',
        set: { ...set, classes: classes.map((c) => ({ ...c, test: 5 })) },
      }),
    );
    expect(given).toContain(
      'shape = [transforms.Resize((32, 32)), transforms.Grayscale(1)]  # the whole image, stretched',
    );
    expect(given).toContain('split_folder(root, "train")');
    expect(given).not.toContain('random.Random(SEED)');
    expect(given).toContain('normalise = []  # x / 255 only');
    compiles('image folder given split', given);
  });

  it('refuses a toy set without its points, and a broken model', () => {
    expect(() => pytorchScript(templateSpec('spiral'))).toThrow(/toy set needs its points/);
    const spec = templateSpec('mlp');
    spec.model.edges = spec.model.edges.slice(1);
    expect(() => pytorchScript(spec)).toThrow(/errors/);
  });

  it('every generated script compiles in Python (py_compile)', (ctx) => {
    if (!python) {
      console.warn('python3 is not on this machine: the generated scripts were not compiled');
      ctx.skip();
    }
    expect(written.length).toBe(Object.keys(templates).length + 3);
    // A syntax error names its file and line in the thrown message.
    execFileSync('python3', ['-W', 'error', '-m', 'py_compile', ...written], { stdio: 'pipe' });
  });

  it('names the file after the experiment', () => {
    expect(pytorchFileName('Small VGG on CIFAR-10')).toBe('small_vgg_on_cifar_10.py');
    expect(pytorchFileName('3 layers')).toBe('model_3_layers.py');
    expect(pytorchFileName('')).toBe('model_.py');
  });
});
