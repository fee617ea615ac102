import { describe, expect, it } from 'vitest';
import type { Dataset } from '../data/dataset';
import { fixedBatchOf } from './fixedBatch';

function bytes(count: number): Dataset {
  const split = {
    inputs: Uint8Array.from({ length: 4 * count }, (_, i) => i % 256),
    labels: Int32Array.from({ length: count }, (_, i) => i),
    count,
  };
  return { name: 't', sampleShape: [4], classes: count, classNames: [], train: split, test: split };
}

describe('the fixed batch of a loss landscape', () => {
  it('draws distinct rows by seed, the same for the same seed, normalised like the gather', () => {
    const d = bytes(50);
    const a = fixedBatchOf(d, { scale: 2, shift: -1 }, 10, 3);
    const b = fixedBatchOf(d, { scale: 2, shift: -1 }, 10, 3);
    expect(a.count).toBe(10);
    expect(Array.from(a.labels!)).toEqual(Array.from(b.labels!));
    expect(new Set(a.labels).size).toBe(10);
    const row = a.labels![0];
    expect(Array.from(a.inputs.subarray(0, 4))).toEqual(
      Array.from(d.train.inputs.subarray(4 * row, 4 * row + 4), (x) => 2 * x - 1),
    );
    expect(Array.from(fixedBatchOf(d, { scale: 1, shift: 0 }, 10, 4).labels!)).not.toEqual(
      Array.from(a.labels!),
    );
  });

  it('takes the whole split when it is smaller than the batch', () => {
    expect(fixedBatchOf(bytes(5), { scale: 1, shift: 0 }, 256, 1).count).toBe(5);
  });
});
