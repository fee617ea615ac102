import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../engine/backend/cpu/cpuBackend';
import { makeToyDataset } from '../engine/data/toy2d';
import { compareOutputs } from '../engine/export/onnxCompare';
import { parseExperimentSpec } from '../engine/spec/parse';
import { Trainer } from '../engine/train/trainer';
import { onnxOfTrainer } from './onnxExport';

// Batch norm and dropout, so evaluation mode (running statistics, no mask) is what is compared.
const CHAIN = [
  { id: 'in', op: 'input', params: { shape: [2] } },
  { id: 'h1', op: 'dense', params: { units: 16 } },
  { id: 'bn', op: 'batchnorm', params: {} },
  { id: 'r1', op: 'relu', params: {} },
  { id: 'drop', op: 'dropout', params: { rate: 0.5 } },
  { id: 'logits', op: 'dense', params: { units: 3 } },
  { id: 'loss', op: 'softmaxCrossEntropy', params: {} },
];

async function trainer() {
  const r = parseExperimentSpec({
    version: 1,
    model: { nodes: CHAIN, edges: CHAIN.slice(1).map((n, i) => ({ from: CHAIN[i].id, to: n.id })) },
    data: { dataset: 'toy', kind: 'spiral', classes: 3, samples: 400 },
    train: { optimizer: { kind: 'adam', lr: 0.01 }, batchSize: 16, epochs: 5, seed: 3 },
  });
  if (!r.ok || r.spec.data.dataset !== 'toy') throw new Error('bad spec');
  const losses: number[] = [];
  const t = await Trainer.create(r.spec, new CpuBackend(), makeToyDataset(r.spec.data, 3), (e) => {
    if (e.type === 'metrics') losses.push(...e.loss);
  });
  return { t, losses };
}

describe('onnxOfTrainer with a reference', () => {
  it("gives test samples and the run's logits that ONNX Runtime reproduces", async () => {
    const { t } = await trainer();
    await t.trainSteps(20);
    const result = await onnxOfTrainer(t, 100);
    if (!result.ok) throw new Error(result.message);
    const ref = result.reference!;
    const count = Math.min(100, t.dataset.test.count);
    expect([ref.count, ref.outputs, ref.inputShape]).toEqual([count, 3, [2]]);
    expect(ref.labels).toEqual(t.dataset.test.labels.slice(0, count));
    expect(ref.inputs).toEqual(t.dataset.test.inputs.slice(0, count * 2)); // toy: no normalisation

    ort.env.wasm.numThreads = 1;
    const session = await ort.InferenceSession.create(result.bytes, {
      executionProviders: ['wasm'],
    });
    const x = new ort.Tensor('float32', ref.inputs, [count, 2]);
    const theirs = (await session.run({ [ref.inputName]: x }))[ref.outputName].data;
    const c = compareOutputs(ref.logits, theirs as Float32Array, count, 3, ref.labels);
    expect(c.maxAbsDiff).toBeLessThan(1e-5);
    expect(c.sameClass).toBe(count);
    expect(c.oursCorrect).toBe(c.theirsCorrect);
    t.dispose();
  });

  it('leaves the run as it was: the same losses as a run that never exported', async () => {
    const a = await trainer();
    const b = await trainer();
    await a.t.trainSteps(10);
    await b.t.trainSteps(10);
    const result = await onnxOfTrainer(a.t, 50);
    expect(result.ok).toBe(true);
    await a.t.trainSteps(10);
    await b.t.trainSteps(10);
    await a.t.flush();
    await b.t.flush();
    expect(a.losses.length).toBe(20);
    expect(a.losses).toEqual(b.losses);
    a.t.dispose();
    b.t.dispose();
  });
});
