import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import type { Dataset } from '../data/dataset';
import { SeededRandom } from '../rng';
import { parseExperimentSpec } from '../spec/parse';
import { SPEC_VERSION, type ExperimentSpec, type ExperimentSpecInput } from '../spec/schema';
import type { EngineEvent, EvalEvent, MetricsEvent } from './events';
import { Trainer } from './trainer';
import { ModelError } from '../graph/errors';

/** Two well-separated Gaussian blobs in 2-D: a problem any working trainer solves. */
function blobs(count: number, seed: number, scale = 1): Dataset {
  const rng = new SeededRandom(seed, 1);
  const split = (n: number) => {
    const inputs = new Float32Array(2 * n);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = i % 2;
      labels[i] = c;
      inputs[2 * i] = scale * ((c ? 1.5 : -1.5) + 0.5 * rng.normal());
      inputs[2 * i + 1] = scale * ((c ? -1 : 1) + 0.5 * rng.normal());
    }
    return { inputs, labels, count: n };
  };
  return {
    name: 'blobs',
    sampleShape: [2],
    classes: 2,
    classNames: ['a', 'b'],
    train: split(count),
    test: split(100),
  };
}

function spec(overrides: Partial<ExperimentSpecInput['train']> = {}): ExperimentSpec {
  const input: ExperimentSpecInput = {
    version: SPEC_VERSION,
    model: {
      nodes: [
        { id: 'in', op: 'input', params: { shape: [2] } },
        { id: 'h', op: 'dense', params: { units: 8 } },
        { id: 'r', op: 'tanh', params: {} },
        { id: 'out', op: 'dense', params: { units: 2 } },
        { id: 'loss', op: 'softmaxCrossEntropy', params: {} },
      ],
      edges: [
        { from: 'in', to: 'h' },
        { from: 'h', to: 'r' },
        { from: 'r', to: 'out' },
        { from: 'out', to: 'loss' },
      ],
    },
    data: { dataset: 'toy', kind: 'gaussians' },
    train: { optimizer: { kind: 'sgd', lr: 0.1 }, batchSize: 16, epochs: 3, seed: 5, ...overrides },
    view: {},
  };
  const r = parseExperimentSpec(input);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.spec;
}

async function run(s: ExperimentSpec, steps = Infinity, data = blobs(320, 3)) {
  const events: EngineEvent[] = [];
  const trainer = await Trainer.create(s, new CpuBackend(), data, (e) => events.push(e));
  await trainer.trainSteps(Math.min(steps, trainer.totalSteps));
  await trainer.flush();
  const metrics = events.filter((e): e is MetricsEvent => e.type === 'metrics');
  const losses = metrics.flatMap((m) => [...m.loss]);
  return {
    trainer,
    events,
    losses,
    evals: events.filter((e): e is EvalEvent => e.type === 'eval'),
  };
}

describe('Trainer', () => {
  it('learns two blobs: test accuracy above 95% after 3 epochs', async () => {
    const { trainer, losses, evals, events } = await run(spec());
    expect(trainer.totalSteps).toBe(60);
    expect(losses).toHaveLength(60);
    expect(losses.at(-1)!).toBeLessThan(losses[0]);
    expect(evals.at(-1)!.accuracy).toBeGreaterThan(0.95);
    expect(trainer.finished).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'status', state: 'finished' });
  });

  it('the same spec gives bit-identical losses', async () => {
    const a = await run(spec(), 40);
    const b = await run(spec(), 40);
    expect(a.losses).toEqual(b.losses);
  });

  it('a different seed gives a different run', async () => {
    const a = await run(spec(), 20);
    const b = await run(spec({ seed: 6 }), 20);
    expect(a.losses).not.toEqual(b.losses);
  });

  it('a NaN loss pauses the run with the step and a suggestion', async () => {
    // ReLU on inputs of 1e30: the first update scales the weights by ~1e30, and the next
    // forward pass overflows float32, so the loss is NaN within a few steps.
    const s = spec();
    s.model.nodes[2] = { id: 'r', op: 'relu', params: {} };
    const { trainer, events } = await run(s, Infinity, blobs(320, 3, 1e30));
    expect(trainer.diverged).toBe(true);
    const error = events.find((e) => e.type === 'error');
    expect(error).toMatchObject({ kind: 'diverged' });
    expect((error as { message: string }).message).toMatch(/at step \d+.*smaller learning rate/);
    const ran = trainer.stepsDone;
    expect(await trainer.trainSteps(10)).toBe(0);
    expect(trainer.stepsDone).toBe(ran);
  });

  it('early stopping ends the run and restores the best weights', async () => {
    const s = spec({
      epochs: 200,
      evalEverySteps: 5,
      earlyStoppingPatience: 2,
      optimizer: { kind: 'sgd', lr: 0.5 },
    });
    const { trainer, events, evals } = await run(s);
    expect(trainer.finished).toBe(true);
    expect(trainer.stepsDone).toBeLessThan(trainer.totalSteps);
    const status = events.filter((e) => e.type === 'status').at(-1) as { message: string };
    expect(status.message).toMatch(/Stopped early/);
    const best = Math.min(...evals.map((e) => e.loss));
    const after = await trainer.evaluate();
    expect(after.loss).toBeCloseTo(best, 6);
  });

  it('evaluation counts every test sample once, padding ignored', async () => {
    const { trainer } = await run(spec({ batchSize: 32 }), 5);
    const r = await trainer.evaluate();
    expect(r.samples).toBe(100);
    expect(r.accuracy * 100).toBeCloseTo(Math.round(r.accuracy * 100), 6);
  });

  it('testSamples tests on the first N test samples only, as if the split were cut there', async () => {
    const data = blobs(320, 3);
    const limited = await run(spec({ batchSize: 32, testSamples: 37 }), 5, data);
    const cut = blobs(320, 3);
    cut.test = {
      inputs: cut.test.inputs.slice(0, 2 * 37),
      labels: cut.test.labels.slice(0, 37),
      count: 37,
    };
    const reference = await run(spec({ batchSize: 32 }), 5, cut);
    // Training is untouched: the same losses, step for step.
    expect(limited.losses).toEqual(reference.losses);
    const [a, b] = [await limited.trainer.evaluate(), await reference.trainer.evaluate()];
    expect(a).toEqual(b);
    expect(a.samples).toBe(37);
    expect(limited.trainer.latestTestScores!.scores).toHaveLength(37 * 2);
    expect(limited.trainer.dataset.test.labels).toEqual(cut.test.labels);
    // A limit above the split's size tests on all of it.
    const all = await run(spec({ batchSize: 32, testSamples: 5000 }), 5, blobs(320, 3));
    expect((await all.trainer.evaluate()).samples).toBe(100);
  });

  it('keeps every test sample’s scores from the latest evaluation: their argmax gives its accuracy', async () => {
    const { trainer } = await run(spec({ batchSize: 32 }), 5);
    expect(trainer.latestTestScores).toBeNull();
    const r = await trainer.evaluate();
    const latest = trainer.latestTestScores!;
    expect(latest.step).toBe(5);
    expect(latest.scores).toHaveLength(100 * 2);
    const labels = trainer.dataset.test.labels;
    let correct = 0;
    for (let i = 0; i < 100; i++) {
      const predicted = latest.scores[2 * i + 1] > latest.scores[2 * i] ? 1 : 0;
      if (predicted === labels[i]) correct++;
    }
    expect(correct / 100).toBe(r.accuracy);
    expect(new Set(Array.from(latest.scores)).size).toBeGreaterThan(100);
  });

  it('refuses a model whose output does not match the classes', async () => {
    const s = spec();
    const out = s.model.nodes.find((n) => n.id === 'out')!;
    if (out.op === 'dense') out.params.units = 3;
    await expect(Trainer.create(s, new CpuBackend(), blobs(64, 1), () => {})).rejects.toThrow(
      ModelError,
    );
    await expect(Trainer.create(s, new CpuBackend(), blobs(64, 1), () => {})).rejects.toThrow(
      'softmaxCrossEntropy#loss: receives 3 values per sample but blobs has 2 classes',
    );
  });

  it('refuses a model too large for the backend, with its size', async () => {
    const backend = new CpuBackend();
    (backend.limits as { maxTotalBytes: number }).maxTotalBytes = 1000;
    await expect(Trainer.create(spec(), backend, blobs(64, 1), () => {})).rejects.toThrow(
      /needs about .* allows/,
    );
  });

  it('refuses a dataset split too large for one device buffer, before compiling', async () => {
    const backend = new CpuBackend();
    // 320 samples × 2 floats = 2,560 bytes of training inputs; the test split's 800 fit.
    (backend.limits as { maxBufferBytes: number }).maxBufferBytes = 2048;
    await expect(Trainer.create(spec(), backend, blobs(320, 1), () => {})).rejects.toThrow(
      'The blobs training split needs 2.5 KiB in one buffer; this backend allows 2.0 KiB.',
    );
  });
});

describe('Trainer throughput', () => {
  /** A backend whose work finishes later than its calls return, as a GPU's does. */
  class SlowReadBackend extends CpuBackend {
    override async read(buf: Parameters<CpuBackend['read']>[0]) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      return super.read(buf);
    }
  }

  it('samples per second count the wall clock while training, not only the recording', async () => {
    const events: EngineEvent[] = [];
    const trainer = await Trainer.create(
      spec({ evalEverySteps: 1000 }),
      new SlowReadBackend(),
      blobs(320, 3),
      (e) => events.push(e),
    );
    const t0 = performance.now();
    await trainer.trainSteps(trainer.stepsPerEpoch);
    const wallMs = performance.now() - t0;
    const metrics = events.filter((e): e is MetricsEvent => e.type === 'metrics');
    const last = metrics[metrics.length - 1];
    // 20 steps of 16 samples, with a 25 ms wait for every metrics read and the epoch's test pass.
    const wallRate = (trainer.stepsPerEpoch * 16 * 1000) / wallMs;
    expect(last.samplesPerSec).toBeGreaterThan(0);
    expect(last.samplesPerSec).toBeLessThan(wallRate * 3);
  });
});
