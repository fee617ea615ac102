// Principal components of n points in d dimensions: the top k eigenvectors of the covariance
// C = (X − x̄)ᵀ(X − x̄)/n, found by subspace iteration (Q ← orth(C·Q), a few extra columns to
// speed convergence) finished by Rayleigh–Ritz (the small matrix QᵀCQ diagonalised by Jacobi
// rotations), so the components come out ordered and orthonormal even when eigenvalues are close.
// Used as the fast alternative to t-SNE, as its initial layout, and to bring inputs down to 50
// dimensions before t-SNE's distances, as the reference implementations do.
import { SeededRandom } from '../../rng';
import { symmetricEigen } from '../symmetricEigen';

export interface PcaResult {
  /** n × k projections of the centred points onto the components. */
  projection: Float32Array;
  /** k × d unit components, the largest variance first. */
  components: Float64Array;
  /** The variance along each component (its eigenvalue of C). */
  variances: Float64Array;
  /** The total variance (trace of C), so a share can be stated. */
  totalVariance: number;
  k: number;
}

/** A random source for initial bases: its own stream of the shared counter-based generator. */
const PCA_STREAM = 61;
/** Subspace iterations: as many as a budget of ~5·10⁸ multiply-adds allows, 10 to 100. */
function iterationsFor(d: number, m: number): number {
  return Math.max(10, Math.min(100, Math.floor(5e8 / (d * d * m))));
}

/** The d × d covariance of the rows of `x` (n × d), and their mean. */
export function covariance(x: ArrayLike<number>, n: number, d: number) {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) mean[a] += x[i * d + a];
  for (let a = 0; a < d; a++) mean[a] /= n;
  const c = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) row[a] = x[i * d + a] - mean[a];
    for (let a = 0; a < d; a++) {
      const ra = row[a];
      if (ra === 0) continue; // sparse inputs (pixels) skip most of the work
      const base = a * d;
      for (let b = a; b < d; b++) c[base + b] += ra * row[b];
    }
  }
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const v = c[a * d + b] / n;
      c[a * d + b] = v;
      c[b * d + a] = v;
    }
  }
  return { mean, c };
}

/** Orthonormalises the m columns of q (d × m, column j at q[j·d…]) in place, by Gram–Schmidt twice. */
function orthonormalise(q: Float64Array, d: number, m: number, rng: SeededRandom): void {
  for (let j = 0; j < m; j++) {
    const cj = j * d;
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < j; i++) {
        let dot = 0;
        for (let a = 0; a < d; a++) dot += q[i * d + a] * q[cj + a];
        for (let a = 0; a < d; a++) q[cj + a] -= dot * q[i * d + a];
      }
    }
    let norm = 0;
    for (let a = 0; a < d; a++) norm += q[cj + a] ** 2;
    norm = Math.sqrt(norm);
    if (norm < 1e-12) {
      // A column fell into the span of the others (rank-deficient data): start it afresh.
      for (let a = 0; a < d; a++) q[cj + a] = rng.normal();
      j--;
      continue;
    }
    for (let a = 0; a < d; a++) q[cj + a] /= norm;
  }
}

/** The top `k` principal components of the rows of `x` (n × d) and the points projected on them. */
export function pca(x: ArrayLike<number>, n: number, d: number, k: number, seed = 1): PcaResult {
  if (n < 1 || d < 1) throw new Error(`PCA of ${n} points in ${d} dimensions`);
  k = Math.min(k, d);
  const { mean, c } = covariance(x, n, d);
  let totalVariance = 0;
  for (let a = 0; a < d; a++) totalVariance += c[a * d + a];
  const m = Math.min(d, k + Math.max(4, Math.ceil(k / 2)));
  const rng = new SeededRandom(seed, PCA_STREAM);
  let q = new Float64Array(d * m);
  for (let i = 0; i < q.length; i++) q[i] = rng.normal();
  orthonormalise(q, d, m, rng);
  let next = new Float64Array(d * m);
  const iterations = iterationsFor(d, m);
  for (let it = 0; it < iterations; it++) {
    next.fill(0);
    for (let a = 0; a < d; a++) {
      const ca = a * d;
      for (let j = 0; j < m; j++) {
        let s = 0;
        const qj = j * d;
        for (let b = 0; b < d; b++) s += c[ca + b] * q[qj + b];
        next[j * d + a] = s;
      }
    }
    [q, next] = [next, q];
    orthonormalise(q, d, m, rng);
  }
  // Rayleigh–Ritz: T = QᵀCQ, T = VΛVᵀ, components = QV.
  const cq = new Float64Array(d * m);
  for (let j = 0; j < m; j++)
    for (let a = 0; a < d; a++) {
      let s = 0;
      for (let b = 0; b < d; b++) s += c[a * d + b] * q[j * d + b];
      cq[j * d + a] = s;
    }
  const t = new Float64Array(m * m);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let a = 0; a < d; a++) s += q[i * d + a] * cq[j * d + a];
      t[i * m + j] = s;
    }
  // Ascending: the largest variance is the last column.
  const { values, vectors } = symmetricEigen(t, m);
  const order = Array.from({ length: m }, (_, i) => m - 1 - i);
  const components = new Float64Array(k * d);
  const variances = new Float64Array(k);
  for (let r = 0; r < k; r++) {
    const col = order[r];
    variances[r] = Math.max(0, values[col]);
    for (let j = 0; j < m; j++) {
      const w = vectors[j * m + col];
      for (let a = 0; a < d; a++) components[r * d + a] += w * q[j * d + a];
    }
    // A deterministic sign: the largest-magnitude entry is positive.
    let big = 0;
    for (let a = 0; a < d; a++)
      if (Math.abs(components[r * d + a]) > Math.abs(components[r * d + big])) big = a;
    if (components[r * d + big] < 0) for (let a = 0; a < d; a++) components[r * d + a] *= -1;
  }
  const projection = new Float32Array(n * k);
  for (let i = 0; i < n; i++)
    for (let r = 0; r < k; r++) {
      let s = 0;
      for (let a = 0; a < d; a++) s += (x[i * d + a] - mean[a]) * components[r * d + a];
      projection[i * k + r] = s;
    }
  return { projection, components, variances, totalVariance, k };
}
