import { describe, expect, it } from 'vitest';
import { allPoints, columnExtents, columnMeans, Polyline } from './polyline';

const identity = (v: number) => v;

function vertices(line: Polyline): [number, number][] {
  return Array.from({ length: line.length }, (_, i) => [line.xs[i], line.ys[i]]);
}

describe('columnExtents', () => {
  it('points sharing a pixel column become one vertical min–max segment', () => {
    // x = step / 10: steps 0..9 fall in columns 0 and 1 (rounded).
    const steps = [0, 1, 2, 3, 4, 10, 11];
    const values = [5, 1, 9, 3, 4, 2, 2];
    const line = columnExtents(
      steps,
      values,
      steps.length,
      (s) => s / 10,
      identity,
      new Polyline(),
    );
    // Column 0 holds steps 0–4 (x 0–0.4), column 1 holds steps 10–11.
    expect(line.length).toBe(4);
    expect(vertices(line)).toEqual([
      [0, 5],
      [0, 1],
      [0, 9],
      [1, 2],
    ]);
  });

  it('10,000 points on a 100-pixel axis give at most 3 vertices a column', () => {
    const n = 10_000;
    const steps = Float64Array.from({ length: n }, (_, i) => i);
    const values = Float32Array.from({ length: n }, (_, i) => Math.sin(i));
    const line = columnExtents(steps, values, n, (s) => (s / n) * 100, identity, new Polyline());
    expect(line.length).toBeLessThanOrEqual(3 * 101);
    expect(line.length).toBeGreaterThan(100);
  });

  it('skips values the scale cannot place (NaN; zero on a log axis)', () => {
    const line = columnExtents([0, 1, 2], [1, NaN, 0], 3, identity, Math.log10, new Polyline());
    expect(vertices(line)).toEqual([[0, 0]]);
  });
});

describe('columnMeans', () => {
  it('one vertex per column, at the mean of its points', () => {
    const line = columnMeans(
      [0, 1, 2, 10],
      [1, 2, 3, 8],
      4,
      (s) => s / 10,
      identity,
      new Polyline(),
    );
    expect(line.length).toBe(2);
    expect(line.xs[0]).toBeCloseTo(0.1, 6);
    expect([line.ys[0], line.xs[1], line.ys[1]]).toEqual([2, 1, 8]);
  });

  it('reuses and grows its buffers', () => {
    const out = new Polyline();
    const n = 1000;
    const steps = Array.from({ length: n }, (_, i) => i);
    columnMeans(steps, steps, n, identity, identity, out);
    expect(out.length).toBe(n);
    columnMeans(steps, steps, 3, identity, identity, out);
    expect(out.length).toBe(3);
  });
});

describe('allPoints', () => {
  it('keeps every placeable point', () => {
    const line = allPoints([100, 200], [0.5, NaN], 2, identity, identity, new Polyline());
    expect(vertices(line)).toEqual([[100, 0.5]]);
  });
});
