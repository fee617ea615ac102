import { describe, expect, it } from 'vitest';
import { filterNormalisedDirection } from './directions';
import { trajectoryPlane } from './trajectoryPca';

describe('filter-normalised directions', () => {
  it('each filter of the direction has the norm of the same filter of the weights', () => {
    // A conv weight [4 filters, 2 channels, 3, 3], a dense weight [5 units, 7 inputs], a bias.
    const shapes = [[4, 2, 3, 3], [5, 7], [5]];
    const weights = shapes.map((s, i) =>
      Float32Array.from(
        { length: s.reduce((a, b) => a * b, 1) },
        (_, k) => Math.sin(k * (i + 1.3)) * (1 + (k % 5)),
      ),
    );
    const d = filterNormalisedDirection(weights, shapes, 9, 21);
    for (let p = 0; p < 2; p++) {
      const filters = shapes[p][0];
      const size = weights[p].length / filters;
      for (let f = 0; f < filters; f++) {
        const norm = (a: Float32Array) => Math.hypot(...a.subarray(f * size, (f + 1) * size));
        expect(norm(d[p])).toBeCloseTo(norm(weights[p]), 4);
      }
    }
    // Biases are left out, as in Li et al.
    expect(Array.from(d[2])).toEqual([0, 0, 0, 0, 0]);
    // And the direction is not the weights themselves.
    expect(Array.from(d[1])).not.toEqual(Array.from(weights[1]));
  });
});

describe('trajectory PCA', () => {
  it('a straight-line trajectory projects onto a straight line', () => {
    const n = 50;
    const start = Float32Array.from({ length: n }, (_, k) => Math.cos(k));
    const dir = Float32Array.from({ length: n }, (_, k) => Math.sin(3 * k + 1));
    const ts = [0, 0.1, 0.35, 0.5, 0.8, 1.2, 1.5];
    const snapshots = ts.map((t) => Float32Array.from(start, (v, k) => v + t * dir[k]));
    const plane = trajectoryPlane(snapshots);
    // All the variance is along the first component; every point's second coordinate is ~0,
    // and the first is proportional to t − t_last.
    expect(plane.explained[0]).toBeGreaterThan(0.999999);
    const scale = plane.coordinates[0] / (ts[0] - ts[ts.length - 1]);
    ts.forEach((t, i) => {
      expect(Math.abs(plane.coordinates[2 * i + 1])).toBeLessThan(1e-4);
      expect(plane.coordinates[2 * i]).toBeCloseTo(scale * (t - ts[ts.length - 1]), 4);
    });
  });

  it('a bent trajectory needs both components', () => {
    const n = 20;
    const snapshots = [0, 1, 2, 3, 4].map((t) =>
      Float32Array.from({ length: n }, (_, k) => (k === 0 ? t : k === 1 ? t * t : 0.5)),
    );
    const plane = trajectoryPlane(snapshots);
    expect(plane.explained[0] + plane.explained[1]).toBeCloseTo(1, 6);
    expect(plane.explained[1]).toBeGreaterThan(0.001);
  });
});
