import { describe, expect, it } from 'vitest';
import { dataSpecSchema } from '../spec/schema';
import { datasetForSpec, inputNormalization } from './registry';

const noFiles = async (path: string): Promise<Uint8Array> => {
  throw new Error(`no file ${path}`);
};

describe('data registry', () => {
  it('inputNormalization, MNIST unit maps 0 and 255 to 0 and 1', () => {
    const { scale, shift } = inputNormalization({ dataset: 'mnist', normalization: 'unit' });
    expect(0 * scale + shift).toBe(0);
    expect(255 * scale + shift).toBeCloseTo(1, 12);
  });

  it('inputNormalization, MNIST standard is (x/255 − 0.1307)/0.3081', () => {
    const { scale, shift } = inputNormalization({ dataset: 'mnist', normalization: 'standard' });
    for (const x of [0, 1, 128, 255]) {
      expect(x * scale + shift).toBeCloseTo((x / 255 - 0.1307) / 0.3081, 12);
    }
  });

  it('inputNormalization, toy sets pass through', () => {
    const toy = dataSpecSchema.parse({ dataset: 'toy', kind: 'xor' });
    expect(inputNormalization(toy)).toEqual({ scale: 1, shift: 0 });
  });

  it('datasetForSpec, a toy spec generates from the seed without reading files', async () => {
    const spec = dataSpecSchema.parse({ dataset: 'toy', kind: 'spiral', classes: 3, samples: 90 });
    const a = await datasetForSpec(spec, 5, noFiles);
    const b = await datasetForSpec(spec, 5, noFiles);
    expect(a.name).toBe('toy:spiral');
    expect(a.classes).toBe(3);
    expect(a.train.inputs).toEqual(b.train.inputs);
  });

  it('datasetForSpec, MNIST reads through fetchBytes and reports it missing', async () => {
    const spec = dataSpecSchema.parse({ dataset: 'mnist' });
    await expect(datasetForSpec(spec, 1, noFiles)).rejects.toThrow(/MNIST is missing/);
  });
});
