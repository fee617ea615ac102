import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import type { Dataset, DataSplit } from '../data/dataset';
import { compile } from '../graph/compile';
import { SeededRandom } from '../rng';
import type { MetricsEvent } from '../train/events';
import { Trainer } from '../train/trainer';
import { inferShapes } from './inferShapes';
import { templates, templateSpec, type TemplateName } from './templates';

/**
 * MNIST-shaped bytes with something to learn: each class is a fixed random image, and each
 * sample is its class's image with noise. Small, so every template trains in a blink.
 */
function mnistLike(count: number, seed: number): Dataset {
  const rng = new SeededRandom(seed, 1);
  const pixels = 28 * 28;
  const prototypes = Array.from({ length: 10 }, () =>
    Float32Array.from({ length: pixels }, () => (rng.uniform() < 0.2 ? 255 : 0)),
  );
  const split = (n: number): DataSplit => {
    const inputs = new Uint8Array(n * pixels);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const label = i % 10;
      labels[i] = label;
      for (let p = 0; p < pixels; p++) {
        const v = prototypes[label][p] + 40 * rng.normal();
        inputs[i * pixels + p] = Math.max(0, Math.min(255, Math.round(v)));
      }
    }
    return { inputs, labels, count: n };
  };
  return {
    name: 'mnist-like',
    sampleShape: [1, 28, 28],
    classes: 10,
    classNames: Array.from({ length: 10 }, (_, i) => String(i)),
    train: split(count),
    test: split(64),
  };
}

const names = Object.keys(templates) as TemplateName[];
/** The templates on MNIST; those on toy sets train in toyTemplates.test.ts. */
const mnistNames = names.filter((n) => templates[n].input.data.dataset === 'mnist');
const cifarNames = names.filter((n) => templates[n].input.data.dataset === 'cifar10');

/** CIFAR-shaped colour bytes with the same kind of structure: a fixed random image per class. */
function cifarLike(count: number, seed: number): Dataset {
  const rng = new SeededRandom(seed, 1);
  const pixels = 3 * 32 * 32;
  const prototypes = Array.from({ length: 10 }, () =>
    Float32Array.from({ length: pixels }, () => 255 * rng.uniform()),
  );
  const split = (n: number): DataSplit => {
    const inputs = new Uint8Array(n * pixels);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = i % 10;
      for (let p = 0; p < pixels; p++) {
        const v = prototypes[i % 10][p] + 30 * rng.normal();
        inputs[i * pixels + p] = Math.max(0, Math.min(255, Math.round(v)));
      }
    }
    return { inputs, labels, count: n };
  };
  return {
    name: 'cifar10',
    sampleShape: [3, 32, 32],
    classes: 10,
    classNames: Array.from({ length: 10 }, (_, i) => `class ${i}`),
    train: split(count),
    test: split(64),
    channelStats: { mean: [127, 127, 127], std: [74, 74, 74] },
  };
}

describe('templates', () => {
  it('include the seven MNIST starting points of the playground, then the toy sets', () => {
    expect(cifarNames).toEqual(['cifarVgg', 'cifarConvnetJs']);
    expect(names.filter((n) => !mnistNames.includes(n) && !cifarNames.includes(n))).toEqual([
      'spiral',
      'threeArmSpiral',
      'waves',
    ]);
    expect(mnistNames).toEqual([
      'logisticRegression',
      'mlp',
      'deepRelu',
      'deepTanh',
      'lenet5',
      'convnetBatchNorm',
      'autoencoder',
    ]);
  });

  it.each(names)('%s: shapes infer with no problems and it compiles on the CPU', (name) => {
    const spec = templateSpec(name);
    const report = inferShapes(spec.model);
    expect(report.problems).toEqual([]);
    const program = compile(spec, new CpuBackend(), { batch: spec.train.batchSize });
    expect(program.params.length).toBeGreaterThan(0);
  });

  /** Three steps of the template on `data`: finite losses, the third below the first. */
  async function trainsThreeSteps(name: TemplateName, data: Dataset): Promise<void> {
    const spec = templateSpec(name);
    const events: MetricsEvent[] = [];
    const trainer = await Trainer.create(spec, new CpuBackend(), data, (e) => {
      if (e.type === 'metrics') events.push(e);
    });
    expect(await trainer.trainSteps(3)).toBe(3);
    await trainer.flush();
    const losses = events.flatMap((e) => [...e.loss]);
    expect(losses).toHaveLength(3);
    for (const loss of losses) expect(Number.isFinite(loss)).toBe(true);
    expect(losses[2]).toBeLessThan(losses[0]);
    trainer.dispose();
  }

  it.each(mnistNames)('%s: trains 3 steps with a finite, falling loss', (name) =>
    trainsThreeSteps(name, mnistLike(256, 7)),
  );

  it.each(cifarNames)(
    '%s: trains 3 augmented steps on colour images with a finite, falling loss',
    (name) => trainsThreeSteps(name, cifarLike(192, 3)),
    60_000,
  );

  it('the autoencoder reconstructs its input, and a wrong output size is a problem on the loss', () => {
    const spec = templateSpec('autoencoder');
    const decode = spec.model.nodes.find((n) => n.id === 'decode')!;
    if (decode.op !== 'dense') throw new Error('decode is a dense layer');
    decode.params.units = 100;
    const problems = inferShapes(spec.model).problems;
    expect(problems).toEqual([
      {
        severity: 'error',
        nodeId: 'loss',
        message:
          'meanSquaredError#loss: reconstructs the input (784 values) but receives 100 values',
      },
    ]);
  });
});
