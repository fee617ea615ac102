import { describe, expect, it } from 'vitest';
import {
  fitView,
  fromScreen,
  pan,
  placeLabels,
  pointAt,
  searchLabels,
  toScreen,
  zoomAt,
} from './mapView';

describe('embedding map geometry', () => {
  const layout = Float32Array.from([-1, -2, 3, 2, 0, 0, 1, 1]);

  it('fits every point inside the canvas, y up', () => {
    const v = fitView(layout, 400, 300, 20);
    for (let i = 0; i < 4; i++) {
      const [sx, sy] = toScreen(v, layout[2 * i], layout[2 * i + 1]);
      expect(sx).toBeGreaterThanOrEqual(19.99);
      expect(sx).toBeLessThanOrEqual(380.01);
      expect(sy).toBeGreaterThanOrEqual(19.99);
      expect(sy).toBeLessThanOrEqual(280.01);
    }
    expect(toScreen(v, 3, 2)[1]).toBeLessThan(toScreen(v, -1, -2)[1]);
  });

  it('zooms about the cursor and pans; fromScreen inverts toScreen', () => {
    const v = fitView(layout, 400, 300);
    const before = fromScreen(v, 123, 77);
    const z = zoomAt(v, 123, 77, 2.5);
    const after = fromScreen(z, 123, 77);
    expect(after[0]).toBeCloseTo(before[0], 10);
    expect(after[1]).toBeCloseTo(before[1], 10);
    const p = pan(z, 10, -5);
    const [sx, sy] = toScreen(p, 1, 1);
    const [qx, qy] = toScreen(z, 1, 1);
    expect([sx - qx, sy - qy]).toEqual([10, -5]);
  });

  it('finds the point under the cursor within a radius', () => {
    const v = fitView(layout, 400, 300);
    const [sx, sy] = toScreen(v, 1, 1);
    expect(pointAt(layout, v, sx + 3, sy - 2, 8)).toBe(3);
    expect(pointAt(layout, v, sx + 30, sy, 8)).toBe(-1);
  });

  it('searches labels case-insensitively', () => {
    expect([...searchLabels(['War', 'peace', 'warfare', 'x'], 'war')]).toEqual([0, 2]);
    expect(searchLabels(['a'], '  ').size).toBe(0);
  });

  it('keeps labels from overlapping, in priority order', () => {
    // 200 points on a tight grid: most labels must be dropped, and no two kept ones overlap.
    const n = 200;
    const pts = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      pts[2 * i] = i % 20;
      pts[2 * i + 1] = Math.floor(i / 20);
    }
    const v = fitView(pts, 300, 200);
    const order = Array.from({ length: n }, (_, i) => n - 1 - i);
    const boxes = placeLabels(order, pts, v, () => 40, 12, 300, 200, 1000);
    expect(boxes.length).toBeGreaterThan(5);
    expect(boxes.length).toBeLessThan(n);
    for (let a = 0; a < boxes.length; a++)
      for (let b = a + 1; b < boxes.length; b++) {
        const p = boxes[a];
        const q = boxes[b];
        const overlap = p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h;
        expect(overlap).toBe(false);
      }
    // The highest priority label that fits on screen is kept.
    const first = order.find((i) => {
      const [sx, sy] = toScreen(v, pts[2 * i], pts[2 * i + 1]);
      return sx + 44 <= 300 && sy - 6 >= 0 && sy + 6 <= 200;
    });
    expect(boxes[0].index).toBe(first);
    expect(placeLabels(order, pts, v, () => 40, 12, 300, 200, 3)).toHaveLength(3);
  });
});
