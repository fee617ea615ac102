import { describe, expect, it } from 'vitest';
import { dataSpecSchema } from '../spec/schema';
import { datasetForSpec, imageGather, inputNormalization, MissingImageSetError } from './registry';

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

  it('datasetForSpec, an image folder this browser does not hold says which to drop', async () => {
    const classes = [
      { name: 'circle', count: 3, test: 0 },
      { name: 'square', count: 3, test: 0 },
    ];
    const set = { fingerprint: 'c'.repeat(64), name: 'shapes', classes };
    const spec = dataSpecSchema.parse({ dataset: 'images', size: 8, set });
    await expect(datasetForSpec(spec, 1, noFiles)).rejects.toThrow(
      'This experiment trains on an image folder of your own: “shapes”, 6 images, 2 classes (circle, square).',
    );
    const none = dataSpecSchema.parse({ dataset: 'images' });
    await expect(datasetForSpec(none, 1, noFiles)).rejects.toThrow(/drop a folder of images/);
    // Its own kind, so the data panel can tell it from other problems without reading the text.
    await expect(datasetForSpec(spec, 1, noFiles)).rejects.toBeInstanceOf(MissingImageSetError);
    await expect(datasetForSpec(none, 1, noFiles)).rejects.toBeInstanceOf(MissingImageSetError);
    // Where the set is held, it loads in CIFAR-10's layout and gathers as colour images do.
    const row = 3 * 8 * 8;
    const held = async () => ({
      size: 8,
      channels: 3 as const,
      count: 6,
      pixels: Uint8Array.from({ length: 6 * row }, (_, i) => i % 251),
      labels: Int32Array.from([0, 0, 0, 1, 1, 1]),
      givenTest: new Uint8Array(6),
    });
    const d = await datasetForSpec(spec, 1, noFiles, undefined, undefined, held);
    expect(d.classNames).toEqual(['circle', 'square']);
    expect([d.train.count, d.test.count]).toEqual([4, 2]);
    expect(imageGather(spec, d)).toMatchObject({ channels: 3, height: 8, width: 8, pad: 0 });
    expect(inputNormalization(spec)).toEqual({ scale: 1 / 255, shift: 0 });
  });

  it('datasetForSpec, MNIST reads through fetchBytes and reports it missing', async () => {
    const spec = dataSpecSchema.parse({ dataset: 'mnist' });
    await expect(datasetForSpec(spec, 1, noFiles)).rejects.toThrow(/MNIST is missing/);
  });
});
