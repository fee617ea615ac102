import { describe, expect, it } from 'vitest';
import { calibrateRow, denseAffinities, sparseAffinities } from './affinities';
import { gaussianClusters } from './testClusters';

function entropyBits(p: ArrayLike<number>): number {
  let h = 0;
  for (let j = 0; j < p.length; j++) if (p[j] > 0) h -= p[j] * Math.log2(p[j]);
  return h;
}

describe('perplexity calibration', () => {
  it('hits the target entropy log2(perplexity) on every row', () => {
    const { x, n } = gaussianClusters(3, 30, 10, 4, 7);
    for (const perplexity of [5, 30]) {
      const { rows } = denseAffinities(x, n, 10, perplexity);
      for (const r of rows) expect(Math.abs(r.entropy - Math.log2(perplexity))).toBeLessThan(1e-4);
    }
  });

  it('the returned conditional distribution itself has that entropy and sums to 1', () => {
    const d2 = Float64Array.from({ length: 50 }, (_, j) => 1e4 + (j * j) / 10); // far away: no underflow
    const out = new Float64Array(50);
    const { entropy } = calibrateRow(d2, 10, out);
    expect(entropyBits(out)).toBeCloseTo(Math.log2(10), 4);
    expect(entropy).toBeCloseTo(Math.log2(10), 4);
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    // Nearer candidates weigh more.
    for (let j = 1; j < 50; j++) expect(out[j]).toBeLessThanOrEqual(out[j - 1]);
  });

  it('dense P is symmetric, zero on the diagonal, and sums to 1', () => {
    const { x, n } = gaussianClusters(2, 20, 5, 3, 3);
    const { p } = denseAffinities(x, n, 5, 8);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      expect(p[i * n + i]).toBe(0);
      for (let j = 0; j < n; j++) {
        sum += p[i * n + j];
        expect(p[i * n + j]).toBe(p[j * n + i]);
      }
    }
    expect(sum).toBeCloseTo(1, 5);
  });

  it('sparse P keeps 3·perplexity neighbours, is symmetric and sums to 1', () => {
    const { x, n } = gaussianClusters(3, 40, 6, 4, 5);
    const sp = sparseAffinities(x, n, 6, 5);
    let sum = 0;
    const at = new Map<string, number>();
    for (let i = 0; i < n; i++)
      for (let e = sp.rowStart[i]; e < sp.rowStart[i + 1]; e++) {
        sum += sp.values[e];
        at.set(`${i},${sp.cols[e]}`, sp.values[e]);
        expect(sp.cols[e]).not.toBe(i);
      }
    expect(sum).toBeCloseTo(1, 10);
    for (const [key, v] of at) {
      const [i, j] = key.split(',');
      expect(at.get(`${j},${i}`)).toBeCloseTo(v, 15);
    }
    // Each row has at least its own 15 neighbours.
    for (let i = 0; i < n; i++)
      expect(sp.rowStart[i + 1] - sp.rowStart[i]).toBeGreaterThanOrEqual(15);
    for (const r of sp.rows) expect(Math.abs(r.entropy - Math.log2(5))).toBeLessThan(1e-4);
  });
});
