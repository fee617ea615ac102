// Random valid ExperimentSpecs for property tests: any op with any in-range parameters, a DAG
// of distinct ids (edges only run forward), any data and training recipe, and names full of
// the characters a hostile or careless author might use. Shapes need not fit: an unfinished
// model is still a valid experiment to share.
import { SeededRandom } from '../rng';
import { opNames, type OpName } from '../spec/ops';
import { parseExperimentSpec } from '../spec/parse';
import {
  SPEC_VERSION,
  toyDatasetKinds,
  type ExperimentSpec,
  type ExperimentSpecInput,
} from '../spec/schema';

type NodeInput = ExperimentSpecInput['model']['nodes'][number];

const NAME_PIECES = [
  'LeNet',
  ' ',
  '<script>alert(1)</script>',
  'é',
  '数据',
  '"',
  "'",
  '\\',
  '&amp;',
  '🙂',
  '\n',
  'x',
];
const ID_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-';

export class SpecGenerator {
  private readonly r: SeededRandom;
  constructor(seed: number) {
    this.r = new SeededRandom(seed, 0x5bec);
  }

  int(lo: number, hi: number): number {
    return lo + this.r.int(hi - lo + 1);
  }
  bool(): boolean {
    return this.r.uniform() < 0.5;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.r.int(items.length)];
  }
  /** A float in [lo, hi) with few digits or many, as typed or as computed. */
  real(lo: number, hi: number): number {
    const v = lo + this.r.uniform() * (hi - lo);
    const rounded = Number(v.toPrecision(this.int(1, 3)));
    return this.bool() && rounded >= lo && rounded < hi ? rounded : v;
  }

  text(maxPieces: number): string {
    let s = '';
    for (let i = this.int(0, maxPieces); i > 0; i--) s += this.pick(NAME_PIECES);
    return s;
  }

  private params(op: OpName): Record<string, unknown> {
    const small = () => this.int(1, 6);
    switch (op) {
      case 'input':
        return { shape: Array.from({ length: this.int(1, 3) }, () => this.int(1, 32)) };
      case 'dense':
        return {
          units: this.int(1, 300),
          bias: this.bool(),
          init: this.pick(['he', 'glorot', 'fanInUniform']),
        };
      case 'conv2d':
        return {
          filters: this.int(1, 32),
          kernel: small(),
          stride: small(),
          padding: this.int(0, 3),
          bias: this.bool(),
          init: this.pick(['he', 'glorot', 'fanInUniform']),
        };
      case 'maxpool2d':
      case 'avgpool2d':
        return this.bool()
          ? { size: small(), stride: small(), padding: this.int(0, 2) }
          : { size: small() };
      case 'reshape':
        return { shape: Array.from({ length: this.int(1, 4) }, () => this.int(1, 64)) };
      case 'leakyRelu':
        return { alpha: this.real(0, 1) };
      case 'dropout':
        return { rate: this.real(0, 0.99) };
      case 'batchnorm':
        return { momentum: this.real(0.01, 1), eps: this.real(1e-6, 1e-2) };
      case 'meanSquaredError':
        return { target: this.pick(['label', 'input']) };
      case 'hinge':
        return { margin: this.real(0.1, 5) };
      default:
        return {};
    }
  }

  private model(): ExperimentSpecInput['model'] {
    const count = this.int(0, 40);
    const ids = new Set<string>();
    const nodes: NodeInput[] = [];
    for (let i = 0; i < count; i++) {
      let id = `${i}`;
      for (let k = this.int(0, 8); k > 0; k--) id += this.pick(ID_CHARS.split(''));
      if (ids.has(id)) continue;
      ids.add(id);
      const op = this.pick(opNames);
      const node = { id, op, params: this.params(op) } as NodeInput;
      if (this.r.uniform() < 0.9)
        node.position = { x: this.real(-5000, 5000), y: this.real(-5000, 5000) };
      nodes.push(node);
    }
    const edges: ExperimentSpecInput['model']['edges'] = [];
    for (let j = 1; j < nodes.length; j++) {
      for (let k = this.int(0, 2); k > 0; k--) {
        const edge = { from: nodes[this.r.int(j)].id, to: nodes[j].id };
        edges.push(this.bool() ? edge : { ...edge, port: this.int(0, 15) });
      }
    }
    return { nodes, edges };
  }

  private data(): ExperimentSpecInput['data'] {
    const pick = this.r.uniform();
    if (pick < 0.35) return { dataset: 'mnist', normalization: this.pick(['unit', 'standard']) };
    if (pick < 0.5)
      return {
        dataset: 'cifar10',
        normalization: this.pick(['unit', 'perChannel']),
        augment: { crop: this.int(0, 8), flip: this.bool() },
      };
    return {
      dataset: 'toy',
      kind: this.pick(toyDatasetKinds),
      samples: this.int(10, 10_000),
      noise: this.real(0, 1),
      trainFraction: this.real(0.05, 0.95),
      classes: this.int(2, 8),
    };
  }

  private train(): ExperimentSpecInput['train'] {
    const schedules: ExperimentSpecInput['train']['schedule'][] = [
      { kind: 'constant' },
      { kind: 'step', everyEpochs: this.int(1, 10), gamma: this.real(0.01, 1) },
      { kind: 'exponential', gamma: this.real(0.01, 1) },
      { kind: 'cosine', minLr: this.real(0, 0.001) },
    ];
    return {
      optimizer: {
        kind: this.pick(['sgd', 'adam', 'rmsprop', 'adagrad']),
        lr: this.real(1e-5, 1),
        momentum: this.real(0, 0.99),
        nesterov: this.bool(),
        beta1: this.real(0, 0.99),
        beta2: this.real(0, 0.9999),
        rho: this.real(0, 0.99),
        eps: this.real(1e-10, 1e-4),
      },
      schedule: this.pick(schedules),
      batchSize: this.int(1, 4096),
      epochs: this.int(1, 1000),
      seed: this.int(0, 0xffffffff),
      weightDecay: { l1: this.real(0, 0.1), l2: this.real(0, 0.1), startEpoch: this.int(0, 20) },
      clipNorm: this.bool() ? null : this.real(0.01, 100),
      earlyStoppingPatience: this.bool() ? null : this.int(1, 50),
      evalEverySteps: this.int(1, 5000),
      testSamples: this.bool() ? null : this.int(1, 20_000),
    };
  }

  /** One random valid experiment (validated, so defaults are filled in). */
  spec(): ExperimentSpec {
    const input: ExperimentSpecInput = {
      version: SPEC_VERSION,
      name: this.text(8),
      description: this.text(30),
      model: this.model(),
      data: this.data(),
      train: this.train(),
      view: {
        smoothing: this.real(0, 0.99),
        logScale: this.bool(),
        xAxis: this.pick(['step', 'epoch']),
      },
    };
    const parsed = parseExperimentSpec(input);
    if (!parsed.ok)
      throw new Error(`the generator made an invalid spec: ${parsed.errors.join('; ')}`);
    return parsed.spec;
  }
}
