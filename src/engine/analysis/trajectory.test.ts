import { describe, expect, it } from 'vitest';
import { flatten, TrajectoryRecorder, unflatten } from './trajectory';

describe('trajectory recorder', () => {
  it('keeps every interval steps until full, then thins evenly and doubles the interval', () => {
    const rec = new TrajectoryRecorder(8, 5);
    for (let step = 0; step <= 200; step++)
      if (rec.wants(step)) rec.keep(step, Float32Array.of(step));
    const steps = rec.snapshots.map((s) => s.step);
    expect(steps[0]).toBe(0);
    expect(steps.length).toBeLessThanOrEqual(8);
    expect(steps.length).toBeGreaterThanOrEqual(4);
    const gaps = steps.slice(1).map((s, i) => s - steps[i]);
    // Evenly spaced after thinning: every gap is the current interval.
    for (const g of gaps) expect(g).toBe(rec.every);
    expect(rec.every).toBeGreaterThan(5);
    expect(steps.at(-1)).toBeGreaterThan(200 - rec.every);
  });

  it('ignores a step that is not after the last one', () => {
    const rec = new TrajectoryRecorder(8, 1);
    rec.keep(3, Float32Array.of(1));
    rec.keep(3, Float32Array.of(2));
    rec.keep(2, Float32Array.of(3));
    expect(rec.snapshots.map((s) => s.weights[0])).toEqual([1]);
  });

  it('flattens parameter lists and cuts them back to the same shapes', () => {
    const like = [Float32Array.of(1, 2), Float32Array.of(3), Float32Array.of(4, 5, 6)];
    const flat = flatten(like);
    expect(Array.from(flat)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(unflatten(flat, like).map((a) => Array.from(a))).toEqual([[1, 2], [3], [4, 5, 6]]);
  });
});
