// The extreme eigenvalues of a symmetric operator known only through its products H·v (a
// Hessian-vector product on a real network, a matrix in the tests), by power iteration:
//   v ← H·v/‖H·v‖  converges to the eigenvector of the largest |λ|; λ = vᵀHv (Rayleigh quotient).
// λmin comes from a second run on the shifted operator H − λmax·I, whose largest-|·| eigenvalue
// is λmin − λmax (all its eigenvalues are ≤ 0): no second-order code beyond the product.
// The iteration is written once, as a generator that yields each vector it needs multiplied,
// so the same steps drive a synchronous product (a matrix) and an asynchronous one (a network
// on a device, two gradient passes per product).
import { SeededRandom } from '../rng';

export type MatVec = (v: Float64Array, out: Float64Array) => void;
export type AsyncMatVec = (v: Float64Array, out: Float64Array) => Promise<void>;

export interface PowerResult {
  value: number;
  vector: Float64Array;
  iterations: number;
  /** |λₖ − λₖ₋₁|/|λₖ| at the last iteration. */
  change: number;
}

export interface PowerOptions {
  maxIterations?: number;
  /** Stop when the Rayleigh quotient changes by less than this, relatively. */
  tolerance?: number;
  seed?: number;
  /** Eigenvalues of H − shift·I are found (the result adds the shift back). */
  shift?: number;
}

export interface ExtremeEigenvalues {
  max: PowerResult;
  min: PowerResult;
}

/** Yields v and expects H·v written into the array it yielded with; returns the estimate. */
function* powerSteps(
  n: number,
  options: PowerOptions,
): Generator<[Float64Array, Float64Array], PowerResult> {
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-6;
  const shift = options.shift ?? 0;
  const rng = new SeededRandom(options.seed ?? 1, 11);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = rng.normal();
  normalise(v);
  const hv = new Float64Array(n);
  let value = 0;
  let change = Infinity;
  let k = 0;
  while (k < maxIterations) {
    yield [v, hv];
    for (let i = 0; i < n; i++) hv[i] -= shift * v[i];
    k++;
    const next = dot(v, hv);
    change = Math.abs(next - value) / Math.max(Math.abs(next), 1e-30);
    value = next;
    const norm = Math.sqrt(dot(hv, hv));
    if (norm === 0) break; // v is in the null space: λ = 0 is the answer
    for (let i = 0; i < n; i++) v[i] = hv[i] / norm;
    if (change < tolerance) break;
  }
  return { value: value + shift, vector: v, iterations: k, change };
}

/** Eigenvalue of the largest magnitude (of H − shift·I, plus the shift). */
export function powerIteration(matVec: MatVec, n: number, options: PowerOptions = {}): PowerResult {
  const steps = powerSteps(n, options);
  for (let s = steps.next(); ; s = steps.next()) {
    if (s.done) return s.value;
    matVec(s.value[0], s.value[1]);
  }
}

export async function powerIterationAsync(
  matVec: AsyncMatVec,
  n: number,
  options: PowerOptions = {},
): Promise<PowerResult> {
  const steps = powerSteps(n, options);
  for (let s = steps.next(); ; s = steps.next()) {
    if (s.done) return s.value;
    await matVec(s.value[0], s.value[1]);
  }
}

/** Orders a largest-magnitude run and its shifted companion into λmax and λmin. */
function ordered(first: PowerResult, other: PowerResult): ExtremeEigenvalues {
  return first.value >= other.value ? { max: first, min: other } : { max: other, min: first };
}

/**
 * λmax and λmin of a symmetric operator. Power iteration finds the largest |λ|; when that is
 * negative it is λmin, and the shifted run finds λmax instead.
 */
export function extremeEigenvalues(
  matVec: MatVec,
  n: number,
  options: PowerOptions = {},
): ExtremeEigenvalues {
  const first = powerIteration(matVec, n, options);
  const seed = (options.seed ?? 1) + 1;
  return ordered(first, powerIteration(matVec, n, { ...options, seed, shift: first.value }));
}

export async function extremeEigenvaluesAsync(
  matVec: AsyncMatVec,
  n: number,
  options: PowerOptions = {},
): Promise<ExtremeEigenvalues> {
  const first = await powerIterationAsync(matVec, n, options);
  const seed = (options.seed ?? 1) + 1;
  return ordered(
    first,
    await powerIterationAsync(matVec, n, { ...options, seed, shift: first.value }),
  );
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function normalise(v: Float64Array): void {
  const norm = Math.sqrt(dot(v, v));
  for (let i = 0; i < v.length; i++) v[i] /= norm;
}
