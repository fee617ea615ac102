import { describe, expect, it } from 'vitest';
import { dataSpecSchema, type ImageFolderData, type ImageSetSpec } from '../spec/schema';
import {
  imageFolderDataset,
  imageSetSplitSizes,
  splitIndices,
  testCountOf,
  type DecodedImages,
} from './imageSplit';

const counts = (labels: ArrayLike<number>, of: Int32Array, k: number) =>
  Array.from(of).filter((i) => labels[i] === k).length;

function decoded(perClass: number[], size = 2, channels: 1 | 3 = 3): DecodedImages {
  const labels = Int32Array.from(perClass.flatMap((n, k) => Array<number>(n).fill(k)));
  const row = channels * size * size;
  // Each image's bytes are its index, so a gathered split shows which image went where.
  const pixels = Uint8Array.from({ length: labels.length * row }, (_, j) => Math.floor(j / row));
  return {
    size,
    channels,
    count: labels.length,
    pixels,
    labels,
    givenTest: new Uint8Array(labels.length),
  };
}

const set: ImageSetSpec = {
  fingerprint: 'a'.repeat(64),
  name: 'shapes',
  classes: [
    { name: 'circle', count: 30, test: 0 },
    { name: 'square', count: 10, test: 0 },
    { name: 'tiny', count: 2, test: 0 },
  ],
};

describe('image folder split', () => {
  it('testCountOf: a share, at least one to test and one to train', () => {
    expect(testCountOf(30, 0.2)).toBe(6);
    expect(testCountOf(3, 0.05)).toBe(1);
    expect(testCountOf(2, 0.5)).toBe(1);
    expect(testCountOf(1, 0.5)).toBe(0);
    expect(testCountOf(10, 0.5)).toBe(5);
  });

  it('is stratified: every class gives its own share to testing', () => {
    const images = decoded([30, 10, 2]);
    const { train, test } = splitIndices(images.labels, null, 3, 0.2, 1);
    expect([0, 1, 2].map((k) => counts(images.labels, test, k))).toEqual([6, 2, 1]);
    expect([0, 1, 2].map((k) => counts(images.labels, train, k))).toEqual([24, 8, 1]);
    expect(new Set([...train, ...test]).size).toBe(42);
    expect(imageSetSplitSizes(set, 0.2)).toEqual({ train: 33, test: 9 });
  });

  it('is seeded: the same seed holds out the same images, another seed others', () => {
    const { labels } = decoded([30, 10, 2]);
    const a = splitIndices(labels, null, 3, 0.2, 7);
    const b = splitIndices(labels, null, 3, 0.2, 7);
    const c = splitIndices(labels, null, 3, 0.2, 8);
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    expect(new Set(a.test)).not.toEqual(new Set(c.test));
  });

  it('shuffles the test split, so its first images are not all of one class', () => {
    const { labels } = decoded([30, 30, 30]);
    const { test } = splitIndices(labels, null, 3, 0.2, 1);
    expect(new Set(Array.from(test.subarray(0, 8), (i) => labels[i])).size).toBeGreaterThan(1);
  });

  it('keeps a given split as it is', () => {
    const images = decoded([4, 4]);
    images.givenTest.set([0, 0, 0, 1, 0, 0, 1, 1]);
    const { test } = splitIndices(images.labels, images.givenTest, 2, 0.2, 1);
    expect(Array.from(test).sort()).toEqual([3, 6, 7]);
    const given = {
      ...set,
      classes: [
        { name: 'a', count: 4, test: 1 },
        { name: 'b', count: 4, test: 2 },
      ],
    };
    expect(imageSetSplitSizes(given, 0.2)).toEqual({ train: 5, test: 3 });
  });

  it('imageFolderDataset: CIFAR-10’s layout, the set’s class names, per-channel statistics', () => {
    const data = dataSpecSchema.parse({ dataset: 'images', size: 8, set }) as ImageFolderData & {
      set: ImageSetSpec;
    };
    const images = decoded([30, 10, 2], 8);
    const d = imageFolderDataset(data, images, 1);
    expect(d.sampleShape).toEqual([3, 8, 8]);
    expect(d.classNames).toEqual(['circle', 'square', 'tiny']);
    expect(d.train.count + d.test.count).toBe(42);
    // Each row's bytes are still one image's, with that image's label.
    for (let r = 0; r < d.test.count; r++) {
      const image = (d.test.inputs as Uint8Array)[r * 192];
      expect(d.test.labels[r]).toBe(images.labels[image]);
    }
    expect(d.channelStats!.mean).toHaveLength(3);
  });
});
