import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../engine/backend/cpu/cpuBackend';
import { makeToyDataset } from '../engine/data/toy2d';
import { parseExperimentSpec } from '../engine/spec/parse';
import { Trainer } from '../engine/train/trainer';
import { Landscape } from './landscape';

const CHAIN = [
  { id: 'in', op: 'input', params: { shape: [2] } },
  { id: 'h1', op: 'dense', params: { units: 8 } },
  { id: 'r1', op: 'relu', params: {} },
  { id: 'logits', op: 'dense', params: { units: 3 } },
  { id: 'loss', op: 'softmaxCrossEntropy', params: {} },
];

async function setUp() {
  const r = parseExperimentSpec({
    version: 1,
    model: { nodes: CHAIN, edges: CHAIN.slice(1).map((n, i) => ({ from: CHAIN[i].id, to: n.id })) },
    data: { dataset: 'toy', kind: 'spiral', classes: 3, samples: 300 },
    train: { optimizer: { kind: 'sgd', lr: 0.1 }, batchSize: 10, epochs: 5, seed: 4 },
  });
  if (!r.ok || r.spec.data.dataset !== 'toy') throw new Error('bad spec');
  const t = await Trainer.create(
    r.spec,
    new CpuBackend(),
    makeToyDataset(r.spec.data, 4),
    () => {},
  );
  let busy: Promise<unknown> = Promise.resolve();
  let current: Trainer | null = t;
  const host = {
    exclusive<T>(work: () => Promise<T>): Promise<T> {
      const result = busy.then(work);
      busy = result.catch(() => undefined);
      return result;
    },
    current: () => current,
  };
  return { t, host, landscape: new Landscape(host), drop: () => (current = null) };
}

describe('the worker’s loss landscape', () => {
  it('slices around the current weights, odd-sized, with the run’s loss at the centre', async () => {
    const { t, host, landscape } = await setUp();
    await landscape.keepInitial(t);
    await t.trainSteps(20);
    // Training goes on between the rows of the slice.
    const [answer] = await Promise.all([
      landscape.slice(20, 1),
      host.exclusive(() => t.trainSteps(3)),
    ]);
    if (!answer.ok) throw new Error(answer.message);
    const { size, losses, center } = answer.frame;
    expect(size).toBe(21);
    expect(losses.length).toBe(21 * 21);
    expect(losses[10 * 21 + 10]).toBeCloseTo(center, 5);
    expect(answer.frame.batch).toBe(t.dataset.train.count); // fewer than 256 samples: all of them
  });

  it('the line runs from the initial weights (t = 0) to the current ones (t = 1)', async () => {
    const { t, landscape } = await setUp();
    await landscape.keepInitial(t);
    await t.trainSteps(30);
    const answer = await landscape.line();
    if (!answer.ok) throw new Error(answer.message);
    const { t: at, losses } = answer.frame;
    const k0 = at.findIndex((v) => Math.abs(v) < 1e-6);
    const k1 = at.findIndex((v) => Math.abs(v - 1) < 1e-6);
    expect(k0).toBeGreaterThanOrEqual(0);
    expect(k1).toBeGreaterThan(k0);
    expect(losses[k1]).toBeLessThan(losses[k0]); // training lowered the fixed batch's loss
  });

  it('estimates λmax ≥ λmin and names the learning rate; a vanished run is said', async () => {
    const { landscape, drop } = await setUp();
    const answer = await landscape.curvature(10);
    if (!answer.ok) throw new Error(answer.message);
    expect(answer.frame.max).toBeGreaterThan(answer.frame.min);
    expect(answer.frame.learningRate).toBe(0.1);
    drop();
    const none = await landscape.curvature(10);
    expect(none.ok).toBe(false);
  });
});
