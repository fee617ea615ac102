import { describe, expect, it } from 'vitest';
import { Series, Smoother, smoothInto } from './runSeries';

describe('Series', () => {
  it('grows past its first capacity and keeps every point in order', () => {
    const s = new Series();
    for (let i = 1; i <= 3000; i++) s.push(i, i / 2);
    expect(s.length).toBe(3000);
    expect(s.steps[2999]).toBe(3000);
    expect(s.values[1500]).toBe(750.5);
    expect(s.lastStep()).toBe(3000);
  });
});

describe('smoothInto', () => {
  it('debiased: a constant curve stays exactly constant from its first point', () => {
    const values = Float32Array.from([2, 2, 2, 2]);
    const out = new Float32Array(4);
    smoothInto(values, 4, 0.9, out);
    expect(Array.from(out)).toEqual([2, 2, 2, 2]);
  });

  it('weight 0 returns the values themselves', () => {
    const values = Float32Array.from([3, 1, 4]);
    const out = new Float32Array(3);
    expect(smoothInto(values, 3, 0, out)).toBe(4);
    expect(Array.from(out)).toEqual([3, 1, 4]);
  });

  it('skips non-finite values, holding the previous smoothed value', () => {
    const values = Float32Array.from([1, NaN, 1]);
    const out = new Float32Array(3);
    smoothInto(values, 3, 0.5, out);
    expect(Array.from(out)).toEqual([1, 1, 1]);
  });
});

describe('Smoother', () => {
  it('extends with new points only, and matches smoothing from scratch', () => {
    const s = new Series();
    const smoother = new Smoother();
    for (let i = 0; i < 50; i++) s.push(i + 1, Math.sin(i));
    smoother.update(s, 0.8);
    for (let i = 50; i < 120; i++) s.push(i + 1, Math.sin(i));
    smoother.update(s, 0.8);
    const fresh = new Float32Array(120);
    smoothInto(s.values, 120, 0.8, fresh);
    expect(Array.from(smoother.values.subarray(0, 120))).toEqual(Array.from(fresh));
  });

  it('starts over when the series is cleared and refilled, or the weight changes', () => {
    const s = new Series();
    const smoother = new Smoother();
    for (let i = 0; i < 10; i++) s.push(i + 1, 5);
    smoother.update(s, 0.9);
    s.clear();
    for (let i = 0; i < 20; i++) s.push(i + 1, 1);
    smoother.update(s, 0.9);
    expect(smoother.values[0]).toBe(1);
    expect(smoother.values[19]).toBeCloseTo(1, 6);
    s.push(21, 3);
    smoother.update(s, 0);
    expect(smoother.values[20]).toBe(3);
  });
});
