import { describe, expect, it } from 'vitest';
import { chainSpec, toyTrainer } from '../engine/testing/chainSpec';
import type { EngineEvent } from '../engine/train/events';
import type { Trainer } from '../engine/train/trainer';
import { Landscape } from './landscape';

const CHAIN = [
  { id: 'in', op: 'input', params: { shape: [2] } },
  { id: 'h1', op: 'dense', params: { units: 8 } },
  { id: 'r1', op: 'relu', params: {} },
  { id: 'logits', op: 'dense', params: { units: 3 } },
  { id: 'loss', op: 'softmaxCrossEntropy', params: {} },
];

async function setUp() {
  const t = await toyTrainer(
    chainSpec(CHAIN, {
      data: { dataset: 'toy', kind: 'spiral', classes: 3, samples: 300 },
      train: { optimizer: { kind: 'sgd', lr: 0.1 }, batchSize: 10, epochs: 5, seed: 4 },
    }),
  );
  let busy: Promise<unknown> = Promise.resolve();
  let current: Trainer | null = t;
  const events: EngineEvent[] = [];
  const host = {
    exclusive<T>(work: () => Promise<T>): Promise<T> {
      const result = busy.then(work);
      busy = result.catch(() => undefined);
      return result;
    },
    current: () => current,
    emit: (e: EngineEvent) => void events.push(e),
  };
  return { t, host, events, landscape: new Landscape(host), drop: () => (current = null) };
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

  it('keeps the path as it trains and draws it on its PCA plane, ending at the centre', async () => {
    const { t, landscape } = await setUp();
    await landscape.keepInitial(t);
    for (let chunk = 0; chunk < 12; chunk++) {
      await t.trainSteps(5);
      await landscape.afterChunk(t);
    }
    const answer = await landscape.trajectory(21);
    if (!answer.ok) throw new Error(answer.message);
    const { steps, path, size, losses, a, b, explained } = answer.frame;
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(60);
    expect(path.length).toBe(2 * steps.length);
    expect(path.at(-2)).toBeCloseTo(0, 6);
    expect(path.at(-1)).toBeCloseTo(0, 6);
    // Every point of the path lies inside the grid.
    for (let i = 0; i < steps.length; i++) {
      expect(path[2 * i]).toBeGreaterThan(a[0]);
      expect(path[2 * i]).toBeLessThan(a[1]);
      expect(path[2 * i + 1]).toBeGreaterThan(b[0]);
      expect(path[2 * i + 1]).toBeLessThan(b[1]);
    }
    expect(losses.length).toBe(size * size);
    expect(explained[0]).toBeGreaterThan(explained[1]);
  });

  it('measures the curvature every N steps while tracking, as events', async () => {
    const { t, landscape, events } = await setUp();
    await landscape.keepInitial(t);
    landscape.trackCurvature(10);
    for (let chunk = 0; chunk < 6; chunk++) {
      await t.trainSteps(5);
      await landscape.afterChunk(t);
      // Let a measurement in flight finish before the next chunk, as a slow run would.
      await landscape.curvature(2);
    }
    const frames = events.flatMap((e) => (e.type === 'curvature' ? [e.frame] : []));
    expect(frames.map((f) => f.step)).toEqual([10, 20, 30]);
    landscape.trackCurvature(null);
    await t.trainSteps(20);
    await landscape.afterChunk(t);
    await landscape.curvature(2);
    expect(events.filter((e) => e.type === 'curvature').length).toBe(3);
  });
});
