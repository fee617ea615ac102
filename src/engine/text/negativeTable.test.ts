import { describe, expect, it } from 'vitest';
import { negativeTable } from './negativeTable';

describe('negative-sampling table', () => {
  it('gives each word a share of slots ∝ count^0.75', () => {
    const counts = Float64Array.from([1000, 100, 10, 1]);
    const size = 100000;
    const table = negativeTable(counts, size);
    const z = [...counts].reduce((s, c) => s + c ** 0.75, 0);
    for (let w = 0; w < counts.length; w++) {
      const share = table.filter((x) => x === w).length / size;
      expect(share).toBeCloseTo(counts[w] ** 0.75 / z, 3);
    }
  });
});
