// The extreme eigenvalues of a symmetric operator known only through products H·v, by the
// Lanczos method: k products build an orthonormal basis V of the Krylov space
// span{v, Hv, …, Hᵏ⁻¹v} in which H is the tridiagonal T = VᵀHV; T's extreme eigenvalues
// (Ritz values) approach H's from inside its spectrum, both ends at once, far faster than
// power iteration (which needs a second, shifted run for λmin and stalls when |λmin| and
// λmax are close). On a network each product is two gradient passes, so products are what
// count. Every new vector is re-orthogonalised against all earlier ones: k is small (tens)
// and rounding (and the noise of finite-difference products) would otherwise bring back
// copies of converged eigenvalues.
import { SeededRandom } from '../rng';
import type { AsyncMatVec, ExtremeEigenvalues, PowerResult } from './powerIteration';
import { symmetricEigen } from './symmetricEigen';

export interface LanczosOptions {
  /** At most this many products. */
  maxProducts?: number;
  /** Stop when both ends' residual ‖Hx − θx‖ is below this, relative to max |θ|. */
  tolerance?: number;
  seed?: number;
}

export async function lanczosExtremes(
  matVec: AsyncMatVec,
  n: number,
  options: LanczosOptions = {},
): Promise<ExtremeEigenvalues & { products: number }> {
  const maxProducts = Math.max(2, options.maxProducts ?? 30);
  const tolerance = options.tolerance ?? 1e-3;
  const rng = new SeededRandom(options.seed ?? 1, 13);
  const basis: Float64Array[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  let v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = rng.normal();
  scale(v, 1 / norm(v));
  const w = new Float64Array(n);
  let ritz = ritzOf(alpha, beta);
  while (basis.length < maxProducts) {
    basis.push(v);
    await matVec(v, w);
    const j = basis.length - 1;
    alpha.push(dot(w, v));
    // Full re-orthogonalisation, twice ("twice is enough", Kahan–Parlett).
    for (let pass = 0; pass < 2; pass++) for (const u of basis) axpy(w, -dot(w, u), u);
    const b = norm(w);
    ritz = ritzOf(alpha, beta);
    const scaleOfH = Math.max(Math.abs(ritz.values[0]), Math.abs(ritz.values[j]), 1e-30);
    // ‖H·x − θ·x‖ = b·|last component of θ's eigenvector of T|.
    const residual = (k: number) => Math.abs(b * ritz.vectors[j * (j + 1) + k]) / scaleOfH;
    if (b <= 1e-12 * scaleOfH) break; // an invariant subspace: T's eigenvalues are exact
    if (j >= 1 && residual(0) < tolerance && residual(j) < tolerance) {
      beta.push(b);
      break;
    }
    beta.push(b);
    v = Float64Array.from(w, (x) => x / b);
  }
  const k = alpha.length;
  const result = (col: number): PowerResult => {
    const x = new Float64Array(n);
    for (let i = 0; i < k; i++) axpy(x, ritz.vectors[i * k + col], basis[i]);
    scale(x, 1 / norm(x));
    const last = Math.abs((beta[k - 1] ?? 0) * ritz.vectors[(k - 1) * k + col]);
    return {
      value: ritz.values[col],
      vector: x,
      iterations: k,
      change: last / Math.max(Math.abs(ritz.values[col]), 1e-30),
    };
  };
  return { max: result(k - 1), min: result(0), products: k };
}

/** Eigenvalues (ascending) and eigenvectors (row-major, column per value) of the tridiagonal T. */
function ritzOf(alpha: readonly number[], beta: readonly number[]) {
  const k = alpha.length;
  const t = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    t[i * k + i] = alpha[i];
    if (i + 1 < k) {
      t[i * k + i + 1] = beta[i];
      t[(i + 1) * k + i] = beta[i];
    }
  }
  return symmetricEigen(t, k);
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function norm(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}

function scale(a: Float64Array, s: number): void {
  for (let i = 0; i < a.length; i++) a[i] *= s;
}

/** y += a·x */
function axpy(y: Float64Array, a: number, x: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += a * x[i];
}
