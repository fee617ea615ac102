import { describe, expect, it } from 'vitest';
import { keepProbabilities, subsample } from './subsample';

describe('subsampling of frequent words', () => {
  it("follows word2vec's keep probability (√(f/tN) + 1)·tN/f, capped at 1", () => {
    const counts = Float64Array.from([100000, 1000, 10]);
    const N = 1e6;
    const keep = keepProbabilities(counts, N, 1e-4);
    const tn = 1e-4 * N;
    expect(keep[0]).toBeCloseTo((Math.sqrt(100000 / tn) + 1) * (tn / 100000), 6);
    expect(keep[0]).toBeCloseTo(0.0326, 3);
    expect(keep[1]).toBeCloseTo(0.4162, 3);
    expect(keep[2]).toBe(1);
    expect([...keepProbabilities(counts, N, 0)]).toEqual([1, 1, 1]);
  });
  it('keeps each word at about its probability, the same draws for the same seed and epoch', () => {
    const ids = Int32Array.from({ length: 40000 }, (_, i) => i % 2);
    const keep = Float32Array.from([0.25, 1]);
    const a = subsample(ids, keep, 7, 0);
    const kept0 = a.filter((id) => id === 0).length;
    expect(kept0 / 20000).toBeGreaterThan(0.23);
    expect(kept0 / 20000).toBeLessThan(0.27);
    expect(a.filter((id) => id === 1).length).toBe(20000);
    expect(subsample(ids, keep, 7, 0)).toEqual(a);
    expect(subsample(ids, keep, 7, 1)).not.toEqual(a);
  });
});
