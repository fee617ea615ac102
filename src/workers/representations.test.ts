import { describe, expect, it } from 'vitest';
import { chainSpec, toyTrainer } from '../engine/testing/chainSpec';
import { layerActivationsOf } from './representations';

const CHAIN = [
  { id: 'in', op: 'input', params: { shape: [2] } },
  { id: 'h1', op: 'dense', params: { units: 8 } },
  { id: 'r1', op: 'relu', params: {} },
  { id: 'logits', op: 'dense', params: { units: 3 } },
  { id: 'loss', op: 'softmaxCrossEntropy', params: {} },
];

function trainer() {
  return toyTrainer(
    chainSpec(CHAIN, {
      data: { dataset: 'toy', kind: 'spiral', classes: 3, samples: 300 },
      train: { optimizer: { kind: 'sgd', lr: 0.1 }, batchSize: 10, epochs: 5, seed: 4 },
    }),
  );
}

describe('layer activations for the representations map', () => {
  it('are the layer’s outputs on the first N test samples, as a forward pass computes them', async () => {
    const t = await trainer();
    await t.trainSteps(30);
    const acts = await layerActivationsOf(t, 'r1', 40);
    expect(acts.count).toBe(40);
    expect(acts.dim).toBe(8);
    expect(acts.values).toHaveLength(320);
    expect(Array.from(acts.labels)).toEqual(Array.from(t.dataset.test.labels.subarray(0, 40)));
    expect(acts.step).toBe(30);
    // ReLU outputs: non-negative, not all zero.
    expect(Math.min(...acts.values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...acts.values)).toBeGreaterThan(0);
    // The logits of a sample agree with dense(relu) by hand from the current weights.
    const logits = await layerActivationsOf(t, 'logits', 40);
    const dense = t.program.nodes.find((x) => x.id === 'logits')!.module.params;
    const read = async (name: string) =>
      (await t.backend.read(dense.find((p) => p.name === name)!.value)) as Float32Array;
    const w = await read('weight');
    const b = await read('bias');
    for (const i of [0, 17, 39])
      for (let k = 0; k < 3; k++) {
        let s = b[k];
        for (let j = 0; j < 8; j++) s += w[k * 8 + j] * acts.values[i * 8 + j];
        expect(logits.values[i * 3 + k]).toBeCloseTo(s, 4);
      }
  });

  it('"input" is the raw samples; the loss and unknown nodes are refused', async () => {
    const t = await trainer();
    const raw = await layerActivationsOf(t, 'input', 10);
    expect(raw.dim).toBe(2);
    expect(Array.from(raw.values)).toEqual(
      Array.from(Float32Array.from(t.dataset.test.inputs.subarray(0, 20))),
    );
    await expect(layerActivationsOf(t, 'loss', 10)).rejects.toThrow(/is the loss/);
    await expect(layerActivationsOf(t, 'nope', 10)).rejects.toThrow(/no node "nope"/);
  });
});
