import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import { makeToyDataset } from '../data/toy2d';
import { inferShapes } from '../spec/inferShapes';
import { parseExperimentSpec } from '../spec/parse';
import type { ExperimentSpec, ExperimentSpecInput } from '../spec/schema';
import { templateSpec } from '../spec/templates';
import { Trainer } from '../train/trainer';
import {
  DecisionBoundary,
  frameBuffers,
  gridPoints,
  hiddenLayers,
  planeBounds,
  softmaxRows,
  type BoundaryFrame,
} from './decisionBoundary';

type NodeInput = ExperimentSpecInput['model']['nodes'][number];

function chainSpec(
  nodes: NodeInput[],
  data: ExperimentSpecInput['data'],
  epochs = 1,
): ExperimentSpec {
  const r = parseExperimentSpec({
    version: 1,
    model: { nodes, edges: nodes.slice(1).map((n, i) => ({ from: nodes[i].id, to: n.id })) },
    data,
    train: { optimizer: { kind: 'adam', lr: 0.02 }, batchSize: 10, epochs, seed: 3 },
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.spec;
}

const input: NodeInput = { id: 'in', op: 'input', params: { shape: [2] } };
const dense = (id: string, units: number): NodeInput => ({ id, op: 'dense', params: { units } });
const act = (id: string, op: 'tanh' | 'relu' | 'sigmoid'): NodeInput => ({ id, op, params: {} });

describe('planeBounds and gridPoints', () => {
  it('a square around every point, with a margin', () => {
    const d = makeToyDataset(
      { dataset: 'toy', kind: 'gaussians', samples: 200, noise: 0, trainFraction: 0.5, classes: 2 },
      1,
    );
    const b = planeBounds(d, 0.1);
    expect(b.xMax - b.xMin).toBeCloseTo(b.yMax - b.yMin, 6);
    for (const s of [d.train, d.test]) {
      for (let i = 0; i < s.count; i++) {
        expect(s.inputs[2 * i]).toBeGreaterThan(b.xMin);
        expect(s.inputs[2 * i]).toBeLessThan(b.xMax);
        expect(s.inputs[2 * i + 1]).toBeGreaterThan(b.yMin);
        expect(s.inputs[2 * i + 1]).toBeLessThan(b.yMax);
      }
    }
  });

  it('cell centres row by row from the top, left to right', () => {
    const p = gridPoints({ xMin: 0, xMax: 4, yMin: -2, yMax: 2 }, 2);
    expect(Array.from(p)).toEqual([1, 1, 3, 1, 1, -1, 3, -1]);
  });
});

describe('hiddenLayers', () => {
  it('a dense chain: one entry per hidden layer, at its activation', () => {
    const s = chainSpec(
      [
        input,
        dense('h1', 8),
        act('a1', 'tanh'),
        { id: 'drop', op: 'dropout', params: { rate: 0.1 } },
        dense('h2', 5),
        dense('out', 2),
        { id: 'loss', op: 'softmaxCrossEntropy', params: {} },
      ],
      { dataset: 'toy', kind: 'xor' },
    );
    expect(hiddenLayers(s.model, inferShapes(s.model))).toEqual([
      { nodeId: 'drop', denseId: 'h1', layer: 1, units: 8, activation: 'tanh' },
      { nodeId: 'h2', denseId: 'h2', layer: 2, units: 5, activation: 'linear' },
    ]);
  });

  it('none for the MNIST templates (too wide; convolutions) or a net without hidden layers', () => {
    for (const name of ['mlp', 'lenet5'] as const) {
      const { model } = templateSpec(name);
      expect(hiddenLayers(model, inferShapes(model))).toEqual([]);
    }
    const s = chainSpec(
      [input, dense('out', 2), { id: 'loss', op: 'softmaxCrossEntropy', params: {} }],
      { dataset: 'toy', kind: 'xor' },
    );
    expect(hiddenLayers(s.model, inferShapes(s.model))).toEqual([]);
  });

  it('none where a value feeds two nodes', () => {
    const s = chainSpec(
      [
        input,
        dense('h1', 4),
        act('a1', 'relu'),
        dense('out', 2),
        { id: 'loss', op: 'softmaxCrossEntropy', params: {} },
      ],
      { dataset: 'toy', kind: 'xor' },
    );
    s.model.nodes.push({ id: 'extra', op: 'tanh', params: {} });
    s.model.edges.push({ from: 'a1', to: 'extra' });
    expect(hiddenLayers(s.model, inferShapes(s.model))).toEqual([]);
  });
});

describe('softmaxRows', () => {
  it('rows sum to one, largest score largest probability', () => {
    const v = Float32Array.from([1, 2, 3, 1000, 1000, 0]);
    softmaxRows(v, 3);
    expect(v[0] + v[1] + v[2]).toBeCloseTo(1, 6);
    expect(v[2]).toBeGreaterThan(v[1]);
    expect(Array.from(v.subarray(3))).toEqual([0.5, 0.5, 0]);
  });
});

/** The cell of `frame` that holds the point (x, y). */
function cellOf(frame: BoundaryFrame, x: number, y: number): number {
  const { bounds, resolution } = frame;
  const c = Math.floor(((x - bounds.xMin) / (bounds.xMax - bounds.xMin)) * resolution);
  const r = Math.floor(((bounds.yMax - y) / (bounds.yMax - bounds.yMin)) * resolution);
  return r * resolution + c;
}

describe('DecisionBoundary (CPU backend)', () => {
  it('three classes: probabilities per cell, hidden maps per unit, and the test points mostly inside their class', async () => {
    const s = chainSpec(
      [
        input,
        dense('h1', 6),
        act('a1', 'tanh'),
        dense('h2', 4),
        act('a2', 'relu'),
        dense('out', 3),
        { id: 'loss', op: 'softmaxCrossEntropy', params: {} },
      ],
      { dataset: 'toy', kind: 'gaussians', classes: 3, samples: 300, noise: 0 },
      20,
    );
    if (s.data.dataset !== 'toy') throw new Error('toy');
    const data = makeToyDataset(s.data, s.train.seed);
    const backend = new CpuBackend();
    const t = await Trainer.create(s, backend, data, () => {});
    const boundary = await DecisionBoundary.create(s, backend, data, {
      resolution: 40,
      hiddenResolution: 10,
    });
    const before = await boundary.frame(t.program, t.stepsDone);
    await t.trainSteps(t.totalSteps);
    const frame = await boundary.frame(t.program, t.stepsDone);

    expect([frame.task, frame.outputs, frame.resolution, frame.step]).toEqual([
      'classification',
      3,
      40,
      t.totalSteps,
    ]);
    expect(frame.classNames).toEqual(['A', 'B', 'C']);
    expect(frame.values).toHaveLength(40 * 40 * 3);
    for (let i = 0; i < 40 * 40; i++) {
      const sum = frame.values[3 * i] + frame.values[3 * i + 1] + frame.values[3 * i + 2];
      expect(sum).toBeCloseTo(1, 5);
    }
    let inside = 0;
    const { test, testLabels } = frame.points;
    for (let i = 0; i < testLabels.length; i++) {
      const cell = cellOf(frame, test[2 * i], test[2 * i + 1]);
      const p = frame.values.subarray(3 * cell, 3 * cell + 3);
      if (p.indexOf(Math.max(...p)) === testLabels[i]) inside++;
    }
    expect(inside / testLabels.length).toBeGreaterThan(0.9);
    expect(Array.from(frame.values)).not.toEqual(Array.from(before.values));

    expect(frame.hidden?.resolution).toBe(10);
    expect(
      frame.hidden?.layers.map((l) => [l.nodeId, l.units, l.activation, l.values.length]),
    ).toEqual([
      ['a1', 6, 'tanh', 600],
      ['a2', 4, 'relu', 400],
    ]);
    // tanh stays within (−1, 1), relu at or above 0.
    expect(frame.hidden!.layers[0].values.every((v) => Math.abs(v) < 1)).toBe(true);
    expect(frame.hidden!.layers[1].values.every((v) => v >= 0)).toBe(true);
    // Every array is its own (values, two layers, points and labels of two splits), so all
    // can be transferred.
    expect(frameBuffers(frame)).toHaveLength(7);
    boundary.dispose();
  });

  it('a regression set: one predicted value per cell, close to the surface after training', async () => {
    const s = chainSpec(
      [
        input,
        dense('h1', 8),
        act('a1', 'tanh'),
        dense('out', 1),
        { id: 'loss', op: 'meanSquaredError', params: {} },
      ],
      { dataset: 'toy', kind: 'plane', samples: 300, noise: 0 },
      20,
    );
    if (s.data.dataset !== 'toy') throw new Error('toy');
    const data = makeToyDataset(s.data, s.train.seed);
    const backend = new CpuBackend();
    const t = await Trainer.create(s, backend, data, () => {});
    await t.trainSteps(t.totalSteps);
    const boundary = await DecisionBoundary.create(s, backend, data, { resolution: 20 });
    const frame = await boundary.frame(t.program, t.stepsDone);
    expect([frame.task, frame.outputs, frame.values.length]).toEqual(['regression', 1, 400]);
    expect(frame.points.testTargets).toHaveLength(data.test.count);
    const centres = gridPoints(frame.bounds, 20);
    let worst = 0;
    for (let i = 0; i < 400; i++) {
      const [x, y] = [centres[2 * i], centres[2 * i + 1]];
      if (Math.max(Math.abs(x), Math.abs(y)) > 0.7) continue; // inside the data, not the margin
      worst = Math.max(worst, Math.abs(frame.values[i] - (6 * x + 6 * y) / 10));
    }
    expect(worst).toBeLessThan(0.15);
  });
});
