import { describe, expect, it } from 'vitest';
import { eigen2 } from './eigen2';
import { extremeEigenvalues, powerIteration } from './powerIteration';

/** Q·diag(λ)·Qᵀ for a fixed rotation Q of R⁴ (two Givens turns), as a matrix-vector product. */
function quadraticWithEigenvalues(lambdas: number[]) {
  const n = lambdas.length;
  const q: number[][] = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  );
  const turn = (a: number, b: number, theta: number) => {
    const c = Math.cos(theta);
    const s = Math.sin(theta);
    for (const row of q) {
      const x = row[a];
      const y = row[b];
      row[a] = c * x - s * y;
      row[b] = s * x + c * y;
    }
  };
  turn(0, 1, 0.7);
  turn(1, 2, -0.4);
  turn(2, 3, 1.1);
  const m = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let k = 0; k < n; k++) s += q[i][k] * lambdas[k] * q[j][k];
      return s;
    }),
  );
  return (v: Float64Array, out: Float64Array) => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += m[i][j] * v[j];
      out[i] = s;
    }
  };
}

describe('power iteration', () => {
  it('finds the largest eigenvalue of a positive-definite quadratic', () => {
    const r = powerIteration(quadraticWithEigenvalues([5, 2, 1, 0.5]), 4, {
      maxIterations: 500,
      tolerance: 1e-12,
    });
    expect(r.value).toBeCloseTo(5, 6);
  });

  it('finds λmax and λmin of an indefinite quadratic (a saddle)', () => {
    const r = extremeEigenvalues(quadraticWithEigenvalues([3, 1, -0.5, -2]), 4, {
      maxIterations: 1000,
      tolerance: 1e-13,
    });
    expect(r.max.value).toBeCloseTo(3, 5);
    expect(r.min.value).toBeCloseTo(-2, 5);
  });

  it('finds λmin when the most negative eigenvalue is also the largest in magnitude', () => {
    const r = extremeEigenvalues(quadraticWithEigenvalues([1, 0.2, -1, -4]), 4, {
      maxIterations: 1000,
      tolerance: 1e-13,
    });
    expect(r.max.value).toBeCloseTo(1, 5);
    expect(r.min.value).toBeCloseTo(-4, 5);
  });

  it('agrees with the closed form for a 2 × 2 Hessian', () => {
    const h = { h11: 2, h12: 1.5, h22: -1 };
    const closed = eigen2(h);
    const r = extremeEigenvalues(
      (v, out) => {
        out[0] = h.h11 * v[0] + h.h12 * v[1];
        out[1] = h.h12 * v[0] + h.h22 * v[1];
      },
      2,
      { maxIterations: 500, tolerance: 1e-14 },
    );
    expect(r.max.value).toBeCloseTo(closed.values[0], 8);
    expect(r.min.value).toBeCloseTo(closed.values[1], 8);
    // The closed-form eigenvector is one: H·v = λ·v.
    const [v1, v2] = closed.vectors[0];
    expect(h.h11 * v1 + h.h12 * v2).toBeCloseTo(closed.values[0] * v1, 12);
  });
});
