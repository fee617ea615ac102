// The real MNIST that `npm install` prepared. No skipping when it is missing: CI prepares it at
// install, so a missing folder is a broken install and must fail here.
import { describe, expect, it } from 'vitest';
import type { DataSplit } from '../src/engine/data/dataset';
import { loadMnistFromDisk } from './nodeDatasets';

function histogram(split: DataSplit): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const label of split.labels) counts[label]++;
  return counts;
}

describe('prepared MNIST on disk', () => {
  it('real MNIST, 60,000 training and 10,000 test images with the published class counts', async () => {
    const mnist = await loadMnistFromDisk();
    expect(mnist.train.count).toBe(60000);
    expect(mnist.test.count).toBe(10000);
    expect(mnist.train.inputs.length).toBe(60000 * 784);
    // The class counts of the official files.
    expect(histogram(mnist.train)).toEqual([
      5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949,
    ]);
    expect(histogram(mnist.test)).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });

  it('real MNIST, mean training pixel is 0.1307 of 255, the constant of the standard normalisation', async () => {
    const { train } = await loadMnistFromDisk();
    let sum = 0;
    for (const pixel of train.inputs) sum += pixel;
    expect(sum / train.inputs.length / 255).toBeCloseTo(0.1307, 4);
  });
});
