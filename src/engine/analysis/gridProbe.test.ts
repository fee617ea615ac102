import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import { makeToyDataset } from '../data/toy2d';
import type { Program } from '../graph/compile';
import { chainSpec } from '../testing/chainSpec';
import type { ExperimentSpec } from '../spec/schema';
import type { EngineEvent } from '../train/events';
import { Trainer } from '../train/trainer';
import { GridProbe } from './gridProbe';

/** 2 → dense 8 → batch norm → relu → dropout → dense 8 → tanh → dense 3 → cross-entropy. */
const CHAIN = [
  { id: 'in', op: 'input', params: { shape: [2] } },
  { id: 'h1', op: 'dense', params: { units: 8 } },
  { id: 'bn', op: 'batchnorm', params: {} },
  { id: 'r1', op: 'relu', params: {} },
  { id: 'drop', op: 'dropout', params: { rate: 0.3 } },
  { id: 'h2', op: 'dense', params: { units: 8 } },
  { id: 't2', op: 'tanh', params: {} },
  { id: 'logits', op: 'dense', params: { units: 3 } },
  { id: 'loss', op: 'softmaxCrossEntropy', params: {} },
];

function spec(): ExperimentSpec {
  return chainSpec(CHAIN, {
    data: { dataset: 'toy', kind: 'spiral', classes: 3, samples: 300 },
    train: { optimizer: { kind: 'adam', lr: 0.01 }, batchSize: 10, epochs: 5, seed: 4 },
  });
}

async function trainer(s: ExperimentSpec, events: EngineEvent[] = []) {
  if (s.data.dataset !== 'toy') throw new Error('toy only');
  const data = makeToyDataset(s.data, s.train.seed);
  return Trainer.create(s, new CpuBackend(), data, (e) => events.push(e));
}

/** 37 points, a batch and a bit of the probe's batch of 16: three passes, the last padded. */
function points(): Float32Array {
  return Float32Array.from({ length: 2 * 37 }, (_, i) => Math.sin(1.7 * i) * 0.9);
}

/** The plain forward pass of `program` in evaluation mode, batch by batch, at `xy`. */
async function forwardAt(program: Program, xy: Float32Array, nodeId: string, size: number) {
  const { backend, batch, state } = program;
  const node = program.nodes.find((n) => n.id === nodeId)!;
  const count = xy.length / 2;
  const out = new Float32Array(count * size);
  state.training = false;
  for (let from = 0; from < count; from += batch) {
    const chunk = new Float32Array(2 * batch);
    chunk.set(xy.subarray(2 * from, 2 * Math.min(count, from + batch)));
    backend.write(program.input, chunk);
    program.forward();
    const values = (await backend.read(node.output)) as Float32Array;
    const rows = Math.min(batch, count - from);
    out.set(values.subarray(0, rows * size), from * size);
  }
  state.training = true;
  return out;
}

describe('GridProbe (CPU backend)', () => {
  it('gives what a forward pass gives at the same points, for the logits and a hidden layer', async () => {
    const t = await trainer(spec());
    await t.trainSteps(40); // weights away from their initial values, running statistics too
    const probe = await GridProbe.create(t.spec, t.backend, {
      points: points(),
      nodeIds: ['logits', 't2', 'drop'],
      normalization: { scale: 1, shift: 0 },
      maxBatch: 16,
    });
    expect(probe.count).toBe(37);
    const [logits, t2, drop] = await probe.run(t.program);
    expect(logits).toHaveLength(37 * 3);
    expect(t2).toHaveLength(37 * 8);
    for (const [id, size, got] of [
      ['logits', 3, logits],
      ['t2', 8, t2],
      ['drop', 8, drop],
    ] as const) {
      const want = await forwardAt(t.program, points(), id, size);
      expect(Array.from(got)).toEqual(Array.from(want));
    }
    // Not trivially equal: the logits vary over the points.
    expect(new Set(Array.from(logits).map((v) => v.toFixed(4))).size).toBeGreaterThan(50);
  });

  it('leaves training exactly as it was: the same losses and evaluations as a run never probed', async () => {
    const probedEvents: EngineEvent[] = [];
    const probed = await trainer(spec(), probedEvents);
    const probe = await GridProbe.create(probed.spec, probed.backend, {
      points: points(),
      nodeIds: ['logits', 'r1'],
      normalization: { scale: 1, shift: 0 },
      maxBatch: 16,
    });
    for (let i = 0; i < 6; i++) {
      await probed.trainSteps(7); // mid-epoch, so the probe lands between any two steps
      await probe.run(probed.program);
    }
    await probed.flush();

    const plainEvents: EngineEvent[] = [];
    const plain = await trainer(spec(), plainEvents);
    await plain.trainSteps(42);
    await plain.flush();

    const numbers = (events: EngineEvent[]) => ({
      loss: events.flatMap((e) => (e.type === 'metrics' ? [...e.loss] : [])),
      accuracy: events.flatMap((e) => (e.type === 'metrics' ? [...e.accuracy] : [])),
      evals: events.flatMap((e) => (e.type === 'eval' ? [e.loss, e.accuracy] : [])),
    });
    expect(numbers(probedEvents).loss).toHaveLength(42);
    expect(numbers(probedEvents)).toEqual(numbers(plainEvents));
    expect(await probed.snapshot()).toEqual(await plain.snapshot());
  });

  it('follows the weights: a run after more training gives other outputs', async () => {
    const t = await trainer(spec());
    const probe = await GridProbe.create(t.spec, t.backend, {
      points: points(),
      nodeIds: ['logits'],
      normalization: { scale: 1, shift: 0 },
    });
    const [before] = await probe.run(t.program);
    await t.trainSteps(20);
    const [after] = await probe.run(t.program);
    expect(Array.from(after)).not.toEqual(Array.from(before));
  });

  it('applies the data set’s normalisation to the points, as the gather of a batch does', async () => {
    const t = await trainer(spec());
    const options = { nodeIds: ['logits'], maxBatch: 16 };
    const scaled = await GridProbe.create(t.spec, t.backend, {
      ...options,
      points: points().map((v) => v / 2),
      normalization: { scale: 2, shift: 0 },
    });
    const plain = await GridProbe.create(t.spec, t.backend, {
      ...options,
      points: points(),
      normalization: { scale: 1, shift: 0 },
    });
    expect(await scaled.run(t.program)).toEqual(await plain.run(t.program));
  });

  it('refuses the loss, an unknown node, and weights of another model', async () => {
    const t = await trainer(spec());
    const base = { points: points(), normalization: { scale: 1, shift: 0 } };
    await expect(
      GridProbe.create(t.spec, t.backend, { ...base, nodeIds: ['loss'] }),
    ).rejects.toThrow(/is the loss/);
    await expect(
      GridProbe.create(t.spec, t.backend, { ...base, nodeIds: ['nope'] }),
    ).rejects.toThrow(/no node "nope"/);
    const other = spec();
    other.model.nodes[1] = { id: 'h1', op: 'dense', params: { units: 6, bias: true, init: 'he' } };
    const probe = await GridProbe.create(other, t.backend, { ...base, nodeIds: ['logits'] });
    await expect(probe.run(t.program)).rejects.toThrow(/another model/);
  });
});
