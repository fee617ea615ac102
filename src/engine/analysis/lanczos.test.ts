import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../rng';
import { lanczosExtremes } from './lanczos';
import { symmetricEigen } from './symmetricEigen';

/** A random orthogonal Q (Gram–Schmidt of Gaussian columns) and H = Q·diag(λ)·Qᵀ. */
function operatorWith(lambdas: number[], seed = 3) {
  const n = lambdas.length;
  const rng = new SeededRandom(seed, 1);
  const q: Float64Array[] = [];
  for (let c = 0; c < n; c++) {
    const v = Float64Array.from({ length: n }, () => rng.normal());
    for (const u of q) {
      let d = 0;
      for (let i = 0; i < n; i++) d += v[i] * u[i];
      for (let i = 0; i < n; i++) v[i] -= d * u[i];
    }
    const norm = Math.hypot(...v);
    q.push(v.map((x) => x / norm));
  }
  const h = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += q[k][i] * lambdas[k] * q[k][j];
      h[i * n + j] = s;
    }
  let products = 0;
  const matVec = async (v: Float64Array, out: Float64Array) => {
    products++;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += h[i * n + j] * v[j];
      out[i] = s;
    }
  };
  return { h, matVec, count: () => products };
}

describe('symmetric eigen (Jacobi)', () => {
  it('finds every eigenpair of a random symmetric matrix', () => {
    const lambdas = [4, -1.5, 0.25, 2, 7, -3];
    const { h } = operatorWith(lambdas);
    const n = lambdas.length;
    const { values, vectors } = symmetricEigen(h, n);
    const sorted = [...lambdas].sort((a, b) => a - b);
    values.forEach((v, i) => expect(v).toBeCloseTo(sorted[i], 10));
    for (let c = 0; c < n; c++) {
      for (let i = 0; i < n; i++) {
        let hv = 0;
        for (let j = 0; j < n; j++) hv += h[i * n + j] * vectors[j * n + c];
        expect(hv).toBeCloseTo(values[c] * vectors[i * n + c], 10);
      }
    }
  });
});

describe('Lanczos', () => {
  it('finds both ends of an indefinite spectrum (a saddle) in far fewer products than its size', async () => {
    const n = 120;
    // λmax = 10 and λmin = −4, the rest spread in between.
    const lambdas = Array.from({ length: n }, (_, i) => -3 + (9 * i) / (n - 1));
    lambdas[0] = -4;
    lambdas[n - 1] = 10;
    const op = operatorWith(lambdas, 5);
    const r = await lanczosExtremes(op.matVec, n, { maxProducts: 40, tolerance: 1e-6 });
    expect(r.max.value).toBeCloseTo(10, 3);
    expect(r.min.value).toBeCloseTo(-4, 3);
    expect(r.products).toBeLessThanOrEqual(40);
    expect(op.count()).toBe(r.products);
    // The Ritz vector is an eigenvector: vᵀHv = λ and ‖Hv − λv‖ small.
    const hv = new Float64Array(n);
    await op.matVec(r.max.vector, hv);
    let residual = 0;
    for (let i = 0; i < n; i++) residual += (hv[i] - 10 * r.max.vector[i]) ** 2;
    expect(Math.sqrt(residual)).toBeLessThan(1e-2);
  });

  it('is exact once the Krylov space is the whole space', async () => {
    const op = operatorWith([3, 1, -0.5, -2]);
    const r = await lanczosExtremes(op.matVec, 4, { maxProducts: 10 });
    expect(r.max.value).toBeCloseTo(3, 8);
    expect(r.min.value).toBeCloseTo(-2, 8);
    expect(r.products).toBeLessThanOrEqual(4);
  });
});
