// Regression sets end to end on the CPU backend: real-valued targets gathered with their inputs,
// a meanSquaredError loss against them, and a model that learns the surface.
import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import { makeToyDataset } from '../data/toy2d';
import { ModelError } from '../graph/errors';
import { parseExperimentSpec } from '../spec/parse';
import type { ExperimentSpec, ToyRegressionKind } from '../spec/schema';
import type { EngineEvent, EvalEvent, MetricsEvent } from './events';
import { Trainer } from './trainer';

const CHAIN = ['in', 'h1', 't1', 'h2', 't2', 'out', 'loss'];

function spec(
  kind: ToyRegressionKind,
  loss: 'meanSquaredError' | 'softmaxCrossEntropy' = 'meanSquaredError',
  epochs = 40,
  noise = 0,
): ExperimentSpec {
  const r = parseExperimentSpec({
    version: 1,
    model: {
      nodes: [
        { id: 'in', op: 'input', params: { shape: [2] } },
        { id: 'h1', op: 'dense', params: { units: 12, init: 'glorot' } },
        { id: 't1', op: 'tanh', params: {} },
        { id: 'h2', op: 'dense', params: { units: 12, init: 'glorot' } },
        { id: 't2', op: 'tanh', params: {} },
        { id: 'out', op: 'dense', params: { units: 1, init: 'glorot' } },
        { id: 'loss', op: loss, params: {} },
      ],
      edges: CHAIN.slice(1).map((to, i) => ({ from: CHAIN[i], to })),
    },
    data: { dataset: 'toy', kind, noise, samples: 400 },
    train: { optimizer: { kind: 'adam', lr: 0.01 }, batchSize: 10, epochs, seed: 2 },
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.spec;
}

async function trainer(s: ExperimentSpec, events: EngineEvent[] = []) {
  if (s.data.dataset !== 'toy') throw new Error('toy sets only');
  const data = makeToyDataset(s.data, s.train.seed);
  return { data, trainer: await Trainer.create(s, new CpuBackend(), data, (e) => events.push(e)) };
}

describe('regression on a toy set', () => {
  it('waves, 2-12-12-1 tanh: the test MSE falls below a fifth of the targets’ variance', async () => {
    const events: EngineEvent[] = [];
    const { data, trainer: t } = await trainer(spec('waves'), events);
    const targets = data.test.targets!;
    const mean = targets.reduce((a, b) => a + b, 0) / targets.length;
    const variance = targets.reduce((a, b) => a + (b - mean) ** 2, 0) / targets.length;

    await t.trainSteps(t.totalSteps);
    const evals = events.filter((e): e is EvalEvent => e.type === 'eval');
    const last = evals[evals.length - 1];
    expect(last.loss).toBeLessThan(variance / 5);
    expect(last.loss).toBeLessThan(evals[0].loss);
    // There are no classes to be right about.
    expect(last.accuracy).toBeNaN();
    const metrics = events.filter((e): e is MetricsEvent => e.type === 'metrics');
    expect(metrics.every((m) => m.accuracy.every(Number.isNaN))).toBe(true);
  });

  it('each batch’s targets are the surface at that batch’s inputs (gathered by the same index)', async () => {
    const { trainer: t } = await trainer(spec('waves', 'meanSquaredError', 1));
    const { program, backend } = t;
    for (let s = 0; s < 3; s++) {
      await t.trainSteps(1);
      const inputs = (await backend.read(program.input)) as Float32Array;
      const targets = (await backend.read(program.targets!)) as Float32Array;
      for (let i = 0; i < program.batch; i++) {
        const [x, y] = [6 * inputs[2 * i], 6 * inputs[2 * i + 1]];
        expect(targets[i]).toBeCloseTo(Math.sin(0.6 * x) * Math.cos(0.6 * y), 5);
      }
    }
  });

  it('a cross-entropy loss on a regression set is refused before training', async () => {
    const attempt = trainer(spec('plane', 'softmaxCrossEntropy'));
    await expect(attempt).rejects.toBeInstanceOf(ModelError);
    await expect(attempt).rejects.toMatchObject({
      problems: [expect.objectContaining({ nodeId: 'loss' })],
    });
  });
});
