// A checkpointed run resumed on a fresh trainer (here a fresh CPU backend, as after a lost GPU)
// continues exactly: the losses and evaluations after the resume are the uninterrupted run's,
// bit for bit, whether it resumes mid-epoch, at an epoch boundary or before the first step.
import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import type { Dataset } from '../data/dataset';
import { SeededRandom } from '../rng';
import { parseExperimentSpec } from '../spec/parse';
import type { ExperimentSpec, ExperimentSpecInput } from '../spec/schema';
import type { EngineEvent, EvalEvent, MetricsEvent } from './events';
import { Trainer, type TrainerCheckpoint } from './trainer';

/** Three noisy Gaussian blobs in 2-D, 10 training batches of 16 per epoch. */
function blobs(count = 160): Dataset {
  const rng = new SeededRandom(9, 1);
  const split = (n: number) => {
    const inputs = new Float32Array(2 * n);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = i % 3;
      labels[i] = c;
      inputs[2 * i] = Math.cos(2.1 * c) + 0.8 * rng.normal();
      inputs[2 * i + 1] = Math.sin(2.1 * c) + 0.8 * rng.normal();
    }
    return { inputs, labels, count: n };
  };
  return {
    name: 'blobs',
    sampleShape: [2],
    classes: 3,
    classNames: ['a', 'b', 'c'],
    train: split(count),
    test: split(50),
  };
}

/**
 * Adam (state buffers and a step count for bias correction), batch norm (running
 * statistics), dropout (a mask drawn from the step number), weight decay from epoch 1 and a
 * per-epoch shuffle: everything a resume could get wrong.
 */
function spec(train: Partial<ExperimentSpecInput['train']> = {}): ExperimentSpec {
  const r = parseExperimentSpec({
    version: 1,
    model: {
      nodes: [
        { id: 'in', op: 'input', params: { shape: [2] } },
        { id: 'h', op: 'dense', params: { units: 12 } },
        { id: 'bn', op: 'batchnorm', params: {} },
        { id: 'r', op: 'relu', params: {} },
        { id: 'd', op: 'dropout', params: { rate: 0.3 } },
        { id: 'out', op: 'dense', params: { units: 3 } },
        { id: 'loss', op: 'softmaxCrossEntropy', params: {} },
      ],
      edges: [
        { from: 'in', to: 'h' },
        { from: 'h', to: 'bn' },
        { from: 'bn', to: 'r' },
        { from: 'r', to: 'd' },
        { from: 'd', to: 'out' },
        { from: 'out', to: 'loss' },
      ],
    },
    data: { dataset: 'toy', kind: 'gaussians' },
    train: {
      optimizer: { kind: 'adam', lr: 0.01 },
      batchSize: 16,
      epochs: 6,
      seed: 21,
      evalEverySteps: 7,
      weightDecay: { l2: 1e-3, startEpoch: 1 },
      ...train,
    },
    view: {},
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.spec;
}

function recorder() {
  const events: EngineEvent[] = [];
  return {
    onEvent: (e: EngineEvent) => events.push(e),
    losses: () =>
      events
        .filter((e): e is MetricsEvent => e.type === 'metrics')
        .flatMap((m) => [...m.steps].map((step, i) => [step, m.loss[i]])),
    evals: () =>
      events.filter((e): e is EvalEvent => e.type === 'eval').map((e) => [e.step, e.loss]),
  };
}

/** Losses ([step, loss] pairs) and evaluations of `total` uninterrupted steps. */
async function uninterrupted(s: ExperimentSpec, total: number, data: Dataset) {
  const r = recorder();
  const t = await Trainer.create(s, new CpuBackend(), data, r.onEvent);
  await t.trainSteps(total);
  await t.flush();
  return { losses: r.losses(), evals: r.evals(), finalWeights: (await t.checkpoint()).model };
}

/** The same run stopped after `first` steps, checkpointed, and resumed on a fresh backend. */
async function interrupted(s: ExperimentSpec, first: number, total: number, data: Dataset) {
  const before = recorder();
  const t1 = await Trainer.create(s, new CpuBackend(), data, before.onEvent);
  // In uneven chunks, as the worker trains.
  for (let done = 0; done < first;) done += await t1.trainSteps(Math.min(3, first - done));
  await t1.flush();
  const checkpoint = await t1.checkpoint();
  // What happens on the first trainer after the checkpoint is lost with it.
  await t1.trainSteps(5);
  t1.dispose();

  const after = recorder();
  const t2 = await Trainer.resume(s, new CpuBackend(), data, checkpoint, after.onEvent);
  expect(t2.stepsDone).toBe(first);
  await t2.trainSteps(total - first);
  await t2.flush();
  return {
    losses: [...before.losses().filter(([step]) => step <= first), ...after.losses()],
    evals: [...before.evals().filter(([step]) => step <= first), ...after.evals()],
    resumedLosses: after.losses(),
    finalWeights: (await t2.checkpoint()).model,
    checkpoint,
  };
}

describe('Trainer.checkpoint and Trainer.resume', () => {
  const data = blobs();

  for (const [first, where] of [
    [23, 'mid-epoch'],
    [20, 'at an epoch boundary'],
    [0, 'before the first step'],
  ] as const) {
    it(`resumed ${where} (step ${first}), 31 more steps equal an uninterrupted run bit for bit`, async () => {
      const s = spec();
      const total = first + 31;
      const a = await uninterrupted(s, total, data);
      const b = await interrupted(s, first, total, data);
      expect(a.losses).toHaveLength(total);
      expect(b.resumedLosses).toHaveLength(31);
      expect(b.resumedLosses[0][0]).toBe(first + 1);
      expect(b.losses).toEqual(a.losses);
      expect(b.evals).toEqual(a.evals);
      expect(b.finalWeights).toEqual(a.finalWeights);
    });
  }

  it('the checkpoint holds the optimizer state and the data order', async () => {
    const { checkpoint } = await interrupted(spec(), 23, 24, data);
    expect(checkpoint.step).toBe(23);
    expect(checkpoint.stepInEpoch).toBe(3);
    expect(checkpoint.optimizerSteps).toBe(23);
    // Adam keeps two moments per parameter: 4 parameters of the dense layers, 2 of batch norm.
    expect(checkpoint.optimizer).toHaveLength(2 * 6);
    expect(checkpoint.optimizer.some((m) => m.some((v) => v !== 0))).toBe(true);
    // Weights and biases, gamma and beta, then the running mean and variance.
    expect(checkpoint.model).toHaveLength(8);
    expect(checkpoint.order.shuffles).toBe(3);
  });

  it('without the optimizer state the run would differ (the test can fail)', async () => {
    const s = spec();
    const a = await uninterrupted(s, 40, data);
    const b = await interrupted(s, 23, 40, data);
    expect(b.losses).toEqual(a.losses);
    const t1 = await Trainer.create(s, new CpuBackend(), data, () => {});
    await t1.trainSteps(23);
    const stale: TrainerCheckpoint = { ...(await t1.checkpoint()) };
    stale.optimizer = stale.optimizer.map((m) => new Float32Array(m.length));
    const r = recorder();
    const t2 = await Trainer.resume(s, new CpuBackend(), data, stale, r.onEvent);
    await t2.trainSteps(17);
    await t2.flush();
    expect(r.losses()).not.toEqual(a.losses.slice(23));
  });

  it('carries early stopping on: the same stop, the same best weights restored', async () => {
    const s = spec({
      epochs: 40,
      evalEverySteps: 5,
      earlyStoppingPatience: 3,
      optimizer: { kind: 'sgd', lr: 0.8 },
    });
    const plain = await Trainer.create(s, new CpuBackend(), data, () => {});
    await plain.trainSteps(plain.totalSteps);
    expect(plain.finished).toBe(true);
    const stoppedAt = plain.stepsDone;
    expect(stoppedAt).toBeLessThan(plain.totalSteps);
    const want = await plain.evaluate();

    const t1 = await Trainer.create(s, new CpuBackend(), data, () => {});
    await t1.trainSteps(stoppedAt - 6);
    const checkpoint = await t1.checkpoint();
    const t2 = await Trainer.resume(s, new CpuBackend(), data, checkpoint, () => {});
    await t2.trainSteps(t2.totalSteps);
    expect(t2.finished).toBe(true);
    expect(t2.stepsDone).toBe(stoppedAt);
    expect(await t2.evaluate()).toEqual(want);
  });

  it('refuses a checkpoint of another model', async () => {
    const t1 = await Trainer.create(spec(), new CpuBackend(), data, () => {});
    const checkpoint = await t1.checkpoint();
    const other = spec();
    const h = other.model.nodes.find((n) => n.id === 'h')!;
    if (h.op === 'dense') h.params.units = 13;
    await expect(
      Trainer.resume(other, new CpuBackend(), data, checkpoint, () => {}),
    ).rejects.toThrow(/does not belong to this run: "[\w.]*h.weight" values 24, expected 26/);
  });
});
