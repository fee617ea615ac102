import { describe, expect, it } from 'vitest';
import { compareOutputs, describeComparison } from './onnxCompare';

describe('compareOutputs', () => {
  it('finds the largest difference and counts agreeing classes and correct answers', () => {
    const ours = [0.1, 0.9, 0.5, 0.4, 2, -1];
    const theirs = [0.1, 0.9 + 3e-6, 0.4, 0.5, 2, -1.5];
    const c = compareOutputs(ours, theirs, 3, 2, [1, 0, 1]);
    expect(c.maxAbsDiff).toBeCloseTo(0.5, 12);
    expect(c.sameClass).toBe(2); // sample 1 flips between the two
    expect(c.oursCorrect).toBe(2);
    expect(c.theirsCorrect).toBe(1);
    expect(describeComparison(c)).toBe('3 test images: 66.7 % same class, max |Δ| 5.0e-1');
  });

  it('reports NaN rather than agreement when a side is not finite', () => {
    const c = compareOutputs([1, 2, 3, 4], [1, NaN, 3, 4], 2, 2);
    expect(c.maxAbsDiff).toBeNaN();
    expect(c.oursCorrect).toBeNull();
    expect(describeComparison(c)).toContain('max |Δ| NaN');
  });

  it('refuses outputs shorter than count × outputs', () => {
    expect(() => compareOutputs([1, 2], [1, 2, 3, 4], 2, 2)).toThrow(/expected 4/);
  });

  it('leaves the classes out for a model of values', () => {
    const c = compareOutputs([0.5, 0.25], [0.5, 0.25], 2, 1);
    expect(describeComparison(c, 'test points', false)).toBe('2 test points: max |Δ| 0.0e+0');
  });

  it('says 100 % only for complete agreement', () => {
    const same = compareOutputs([1, 0], [1, 0], 1, 2);
    expect(describeComparison(same, 'points')).toBe('1 points: 100 % same class, max |Δ| 0.0e+0');
  });
});
