import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import { makeToyDataset } from '../data/toy2d';
import { templateSpec } from '../spec/templates';
import { Trainer } from './trainer';
import {
  decodeWeightsFile,
  encodeWeightsFile,
  matchWeights,
  type WeightsFile,
} from './weightsFile';

const file = (): WeightsFile => ({
  header: {
    format: 1,
    engineVersion: '0.1.0',
    specHash: 'abc',
    experiment: 'test',
    step: 3,
    tensors: [
      { name: 'd.weight', size: 3 },
      { name: 'd.bias', size: 1 },
    ],
  },
  values: [Float32Array.from([1.5, -2, 3e-8]), Float32Array.from([NaN])],
});

describe('weights file', () => {
  it('round-trips every value bit for bit', () => {
    const r = decodeWeightsFile(encodeWeightsFile(file()));
    if (!r.ok) throw new Error(r.message);
    expect(r.file.header).toEqual(file().header);
    expect(Array.from(r.file.values[0])).toEqual(Array.from(file().values[0]));
    expect(Number.isNaN(r.file.values[1][0])).toBe(true);
  });

  it('refuses other files, damaged headers and cut-short data with a message', () => {
    const bytes = encodeWeightsFile(file());
    expect(decodeWeightsFile(new TextEncoder().encode('{"hello":1}'))).toMatchObject({ ok: false });
    expect(decodeWeightsFile(bytes.subarray(0, bytes.length - 4))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/cut short/),
    });
    const huge = bytes.slice();
    new DataView(huge.buffer).setUint32(4, 0xffffffff, true);
    expect(decodeWeightsFile(huge)).toMatchObject({ ok: false });
    const lying = bytes.slice();
    lying[8] = 0x5b; // '[' instead of '{'
    expect(decodeWeightsFile(lying).ok).toBe(false);
  });

  it('fits the values to a model by name, and says what does not match', () => {
    const f = file();
    const ok = matchWeights(f, [
      { name: 'd.bias', size: 1 },
      { name: 'd.weight', size: 3 },
    ]);
    expect(ok.ok && ok.values.map((v) => v.length)).toEqual([1, 3]);
    const wrong = matchWeights(f, [
      { name: 'd.weight', size: 4 },
      { name: 'e.bias', size: 1 },
    ]);
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.message).toMatch(/d\.weight has 3 values in the file and 4/);
      expect(wrong.message).toMatch(/the file has no e\.bias/);
      expect(wrong.message).toMatch(/this model has no d\.bias/);
    }
  });

  it('a trained model saved and loaded into a fresh one predicts the same', async () => {
    const spec = templateSpec('spiral');
    if (spec.data.dataset !== 'toy') throw new Error('spiral is a toy set');
    const data = makeToyDataset(spec.data, 1);
    const backend = new CpuBackend();
    const trained = await Trainer.create(spec, backend, data, () => undefined);
    await trained.trainSteps(30);
    const snap = await trained.snapshot();
    const layout = trained.weightLayout;
    const bytes = encodeWeightsFile({
      header: {
        format: 1,
        engineVersion: '0.1.0',
        specHash: '',
        experiment: '',
        step: 30,
        tensors: layout,
      },
      values: snap.values,
    });
    const fresh = await Trainer.create(spec, backend, data, () => undefined);
    const before = await fresh.evaluate();
    const read = decodeWeightsFile(bytes);
    if (!read.ok) throw new Error(read.message);
    const fit = matchWeights(read.file, fresh.weightLayout);
    if (!fit.ok) throw new Error(fit.message);
    fresh.restore({ step: 0, values: fit.values });
    const after = await fresh.evaluate();
    expect(after).toEqual(await trained.evaluate());
    expect(after.loss).not.toBe(before.loss);
  });
});
