// t-SNE's input similarities. For each point i, a Gaussian over its neighbours' squared
// distances, p_j|i ∝ exp(−β_i·‖x_i − x_j‖²), with β_i found by binary search so that the
// distribution's entropy is log₂(perplexity) bits — its "effective number of neighbours" is
// the perplexity (van der Maaten & Hinton 2008, §2). Then the joint p_ij = (p_j|i + p_i|j)/2n.
// Dense (every pair) for exact t-SNE; sparse over the 3·perplexity nearest neighbours for
// Barnes-Hut (van der Maaten 2014, §4.1).
import { nearestNeighbours } from './neighbours';

/** Binary search tolerance on the entropy (bits) and its iteration cap, as in the reference. */
const ENTROPY_TOLERANCE = 1e-5;
const MAX_SEARCH = 200;

export interface Calibration {
  beta: number;
  /** The entropy reached, in bits. */
  entropy: number;
}

/**
 * Calibrates one point: writes p_j|i into `out` (same length as `d2`, squared distances to its
 * candidate neighbours, the point itself excluded) and returns β and the entropy reached.
 */
export function calibrateRow(
  d2: ArrayLike<number>,
  perplexity: number,
  out: Float64Array | Float32Array,
): Calibration {
  const m = d2.length;
  const target = Math.log2(perplexity);
  // Distances relative to the nearest: the normalised distribution is the same, and exp never
  // underflows to an all-zero row however far the points are.
  let dmin = Infinity;
  for (let j = 0; j < m; j++) dmin = Math.min(dmin, d2[j]);
  let beta = 1;
  let lo = -Infinity;
  let hi = Infinity;
  let entropy = 0;
  // Start β at the scale of the distances, so the search takes tens of steps, not hundreds.
  let spread = 0;
  for (let j = 0; j < m; j++) spread += d2[j] - dmin;
  if (spread > 0) beta = m / spread;
  for (let it = 0; it < MAX_SEARCH; it++) {
    let sum = 0;
    let weighted = 0;
    for (let j = 0; j < m; j++) {
      const dj = d2[j] - dmin;
      const v = Math.exp(-beta * dj);
      out[j] = v;
      sum += v;
      weighted += dj * v;
    }
    // H (nats) = log Σ + β·Σ d·p / Σ
    entropy = (Math.log(sum) + (beta * weighted) / sum) / Math.LN2;
    for (let j = 0; j < m; j++) out[j] /= sum;
    const diff = entropy - target;
    if (Math.abs(diff) < ENTROPY_TOLERANCE) break;
    if (diff > 0) {
      lo = beta;
      beta = hi === Infinity ? beta * 2 : (beta + hi) / 2;
    } else {
      hi = beta;
      beta = lo === -Infinity ? beta / 2 : (beta + lo) / 2;
    }
  }
  return { beta, entropy };
}

/** Squared Euclidean distances between all rows of x (n × d), as an n × n matrix. */
export function squaredDistances(x: ArrayLike<number>, n: number, d: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let a = 0; a < d; a++) {
        const t = x[i * d + a] - x[j * d + a];
        s += t * t;
      }
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return out;
}

export interface DenseAffinities {
  /** n × n joint probabilities: symmetric, zero diagonal, summing to 1. */
  p: Float32Array;
  /** Each point's calibration. */
  rows: Calibration[];
  /** Σ p log p over p > 0, the constant part of KL(P‖Q). */
  plogp: number;
}

export function denseAffinities(
  x: ArrayLike<number>,
  n: number,
  d: number,
  perplexity: number,
): DenseAffinities {
  checkPerplexity(n, perplexity);
  const d2 = squaredDistances(x, n, d);
  const cond = new Float64Array(n * n);
  const row = new Float64Array(n - 1);
  const pr = new Float64Array(n - 1);
  const rows: Calibration[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0, k = 0; j < n; j++) if (j !== i) row[k++] = d2[i * n + j];
    rows.push(calibrateRow(row, perplexity, pr));
    for (let j = 0, k = 0; j < n; j++) if (j !== i) cond[i * n + j] = pr[k++];
  }
  const p = new Float32Array(n * n);
  let plogp = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = (cond[i * n + j] + cond[j * n + i]) / (2 * n);
      p[i * n + j] = v;
      p[j * n + i] = v;
      if (v > 0) plogp += 2 * v * Math.log(v);
    }
  }
  return { p, rows, plogp };
}

/** Joint probabilities in compressed sparse rows: row i's entries are cols[rowStart[i]…rowStart[i+1]). */
export interface SparseAffinities {
  rowStart: Int32Array;
  cols: Int32Array;
  values: Float64Array;
  rows: Calibration[];
  plogp: number;
}

export function sparseAffinities(
  x: ArrayLike<number>,
  n: number,
  d: number,
  perplexity: number,
  neighbours = Math.min(n - 1, Math.floor(3 * perplexity)),
): SparseAffinities {
  checkPerplexity(n, perplexity);
  const k = Math.max(1, Math.min(n - 1, neighbours));
  const knn = nearestNeighbours(x, n, d, k);
  const pr = new Float64Array(k);
  const rows: Calibration[] = [];
  // p_j|i for each point's k neighbours, then symmetrised: (i, j) and (j, i) both get p_j|i/2n.
  const maps: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (let i = 0; i < n; i++) {
    rows.push(calibrateRow(knn.distances.subarray(i * k, (i + 1) * k), perplexity, pr));
    for (let t = 0; t < k; t++) {
      const j = knn.indices[i * k + t];
      const v = pr[t] / (2 * n);
      maps[i].set(j, (maps[i].get(j) ?? 0) + v);
      maps[j].set(i, (maps[j].get(i) ?? 0) + v);
    }
  }
  const rowStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rowStart[i + 1] = rowStart[i] + maps[i].size;
  const cols = new Int32Array(rowStart[n]);
  const values = new Float64Array(rowStart[n]);
  let plogp = 0;
  for (let i = 0; i < n; i++) {
    let at = rowStart[i];
    for (const [j, v] of [...maps[i]].sort((a, b) => a[0] - b[0])) {
      cols[at] = j;
      values[at++] = v;
      if (v > 0) plogp += v * Math.log(v);
    }
  }
  return { rowStart, cols, values, rows, plogp };
}

function checkPerplexity(n: number, perplexity: number): void {
  if (n < 2) throw new Error(`t-SNE needs at least 2 points, got ${n}`);
  if (!(perplexity > 1)) throw new Error(`perplexity must be above 1, got ${perplexity}`);
  // With fewer than ~3·perplexity points every point is everyone's neighbour; the search still
  // converges (towards the uniform distribution), so this is allowed, only less meaningful.
}
