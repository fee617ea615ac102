import { describe, expect, it } from 'vitest';
import { BatchBuilder, TrainingBatch, type BatchShape } from './batches';
import { negativeTable } from './negativeTable';

const V = 50;
const sequence = Int32Array.from({ length: 400 }, (_, i) => (i * 7) % V);
const table = negativeTable(
  Float64Array.from({ length: V }, (_, i) => V - i),
  10000,
);

function batches(shape: BatchShape, n: number, seed = 3): TrainingBatch[] {
  const builder = new BatchBuilder(shape, table, seed, () => sequence);
  return Array.from({ length: n }, () => {
    const b = new TrainingBatch(shape, V);
    builder.fill(b);
    return b;
  });
}

describe('skip-gram batches', () => {
  const shape: BatchShape = { mode: 'skipgram', rows: 64, window: 3, negatives: 4 };
  it('pair each centre with words of its window, then K negatives other than the positive', () => {
    const [b] = batches(shape, 1);
    let row = 0;
    for (let r = 0; r < shape.rows; r++) {
      const centre = b.inputs[r];
      const context = b.targets[r * b.perRow];
      // The sequence is (7i mod 50): a context word within 3 positions of a centre differs by 7k.
      const diff = (((context - centre) % V) + V) % V;
      expect([7, 14, 21, 29, 36, 43]).toContain(diff);
      for (let k = 1; k <= 4; k++) expect(b.targets[r * b.perRow + k]).not.toBe(context);
      row++;
    }
    expect(row).toBe(64);
    expect(b.words).toBeGreaterThan(64 / 6 - 1);
  });
  it('are the same for the same seed and differ for another', () => {
    const a = batches(shape, 3, 3);
    const b = batches(shape, 3, 3);
    const c = batches(shape, 3, 4);
    expect(a.map((x) => [...x.targets])).toEqual(b.map((x) => [...x.targets]));
    expect(a.map((x) => [...x.targets])).not.toEqual(c.map((x) => [...x.targets]));
  });
  it('group their rows by word for the scatter-add', () => {
    const [b] = batches(shape, 1);
    const s = b.targetSegments;
    let total = 0;
    for (let u = 0; u < s.uniqueCount; u++) {
      for (let q = s.starts[u]; q < s.starts[u + 1]; q++)
        expect(b.targets[s.order[q]]).toBe(s.unique[u]);
      total += s.starts[u + 1] - s.starts[u];
    }
    expect(total).toBe(64 * 5);
  });
});

describe('CBOW batches', () => {
  const shape: BatchShape = { mode: 'cbow', rows: 32, window: 2, negatives: 3 };
  it('average each window (weights 1/count, 0 on unused slots) to predict its centre', () => {
    const [b] = batches(shape, 1);
    expect(b.words).toBe(32);
    for (let r = 0; r < 32; r++) {
      const w = b.inputWeights!.subarray(r * 4, r * 4 + 4);
      const used = w.filter((x) => x > 0).length;
      expect(used).toBeGreaterThan(0);
      for (const x of w) expect(x === 0 || Math.abs(x - 1 / used) < 1e-7).toBe(true);
      const centre = b.targets[r * b.perRow];
      for (let s = 0; s < used; s++) expect(b.inputs[r * 4 + s]).not.toBe(centre);
    }
  });
  it('start a new epoch where the sequence ends', () => {
    const all = batches({ ...shape, rows: 50 }, 9);
    expect(all.reduce((n, b) => n + b.words, 0)).toBe(450);
  });
});
