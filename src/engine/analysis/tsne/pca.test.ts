import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../rng';
import { pca } from './pca';

describe('PCA', () => {
  it('finds known directions and variances of data with standard deviations 5, 2, 0.5 along rotated axes', () => {
    const d = 6;
    const n = 4000;
    const rng = new SeededRandom(3, 11);
    // An orthonormal basis: three unit vectors, the data's axes.
    const axes = [
      [1, 1, 0, 0, 0, 0].map((v) => v / Math.SQRT2),
      [1, -1, 0, 0, 1, 0].map((v) => v / Math.sqrt(3)),
      [0, 0, 1, 0, 0, 1].map((v) => v / Math.SQRT2),
    ];
    const sds = [5, 2, 0.5];
    const x = new Float32Array(n * d);
    for (let i = 0; i < n; i++)
      for (let k = 0; k < 3; k++) {
        const t = sds[k] * rng.normal();
        for (let a = 0; a < d; a++) x[i * d + a] += t * axes[k][a] + (a === 0 ? 10 : 0) / 3;
      }
    const r = pca(x, n, d, 3);
    for (let k = 0; k < 3; k++) {
      let dot = 0;
      for (let a = 0; a < d; a++) dot += r.components[k * d + a] * axes[k][a];
      expect(Math.abs(dot)).toBeGreaterThan(0.999);
      // The sample variance of 4,000 draws is within a few percent of the true one.
      expect(r.variances[k] / sds[k] ** 2).toBeGreaterThan(0.93);
      expect(r.variances[k] / sds[k] ** 2).toBeLessThan(1.07);
    }
    expect(r.totalVariance).toBeCloseTo(r.variances[0] + r.variances[1] + r.variances[2], 3);
    // Projections are centred and have the components' variances.
    let m0 = 0;
    let v0 = 0;
    for (let i = 0; i < n; i++) m0 += r.projection[3 * i];
    m0 /= n;
    for (let i = 0; i < n; i++) v0 += (r.projection[3 * i] - m0) ** 2;
    expect(Math.abs(m0)).toBeLessThan(1e-3);
    expect(v0 / n / r.variances[0]).toBeCloseTo(1, 3);
  });

  it('components are orthonormal and the same from the same seed', () => {
    const rng = new SeededRandom(5, 11);
    const n = 300;
    const d = 40;
    const x = Float32Array.from({ length: n * d }, (_, k) => rng.normal() * (1 + (k % d) / 10));
    const a = pca(x, n, d, 5, 9);
    const b = pca(x, n, d, 5, 9);
    expect(a.components).toEqual(b.components);
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < 5; j++) {
        let dot = 0;
        for (let t = 0; t < d; t++) dot += a.components[i * d + t] * a.components[j * d + t];
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 6);
      }
    for (let i = 1; i < 5; i++) expect(a.variances[i]).toBeLessThanOrEqual(a.variances[i - 1]);
  });
});
