// The plane of a training trajectory: the first two principal components of the weight
// snapshots θ₀…θₙ taken about the last one (Li et al. 2018, §7), and every snapshot's
// coordinates in it. Snapshots are few (tens) and weights many, so the components come from
// the small Gram matrix G = MMᵀ of the rows θᵢ − θₙ: if Gu = σ²u then Mᵀu/σ is a principal
// direction. G's top two eigenvectors are found by power iteration with deflation.
import { powerIteration } from './powerIteration';

export interface TrajectoryPlane {
  /** Unit directions in weight space (flattened, all parameters end to end). */
  directions: [Float64Array, Float64Array];
  /** (x, y) of every snapshot in the plane, relative to the last one, interleaved. */
  coordinates: Float64Array;
  /** Fraction of the trajectory's variance each direction explains. */
  explained: [number, number];
}

export function trajectoryPlane(snapshots: readonly Float32Array[]): TrajectoryPlane {
  const m = snapshots.length;
  if (m < 2) throw new Error('trajectory PCA needs at least two snapshots');
  const n = snapshots[0].length;
  const last = snapshots[m - 1];
  const rows = snapshots.map((s) => {
    const r = new Float64Array(n);
    for (let k = 0; k < n; k++) r[k] = s[k] - last[k];
    return r;
  });
  const gram = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += rows[i][k] * rows[j][k];
      gram[i * m + j] = s;
      gram[j * m + i] = s;
    }
  }
  let total = 0;
  for (let i = 0; i < m; i++) total += gram[i * m + i];
  const matVec =
    (deflate: { value: number; vector: Float64Array } | null) =>
    (v: Float64Array, out: Float64Array) => {
      for (let i = 0; i < m; i++) {
        let s = 0;
        for (let j = 0; j < m; j++) s += gram[i * m + j] * v[j];
        out[i] = s;
      }
      if (deflate !== null) {
        let dot = 0;
        for (let i = 0; i < m; i++) dot += deflate.vector[i] * v[i];
        for (let i = 0; i < m; i++) out[i] -= deflate.value * dot * deflate.vector[i];
      }
    };
  const options = { maxIterations: 500, tolerance: 1e-12 };
  const first = powerIteration(matVec(null), m, options);
  const second = powerIteration(matVec(first), m, { ...options, seed: 2 });
  const directions = [first, second].map((e) => {
    const d = new Float64Array(n);
    for (let i = 0; i < m; i++) for (let k = 0; k < n; k++) d[k] += e.vector[i] * rows[i][k];
    return d;
  }) as [Float64Array, Float64Array];
  normalise(directions[0]);
  // Deflation leaves rounding noise along the first component, which dominates the second
  // when the path is (nearly) straight: Gram–Schmidt keeps the two orthogonal, and a second
  // component with no variance of its own becomes any direction orthogonal to the first.
  const [d1, d2] = directions;
  if (!(second.value > 1e-9 * first.value)) for (let k = 0; k < n; k++) d2[k] = k % 2 ? 1 : -1;
  let along = 0;
  for (let k = 0; k < n; k++) along += d1[k] * d2[k];
  for (let k = 0; k < n; k++) d2[k] -= along * d1[k];
  normalise(d2);
  const coordinates = new Float64Array(2 * m);
  for (let i = 0; i < m; i++) {
    for (let c = 0; c < 2; c++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += rows[i][k] * directions[c][k];
      coordinates[2 * i + c] = s;
    }
  }
  const share = (v: number) => (total > 0 ? Math.max(v, 0) / total : 0);
  return { directions, coordinates, explained: [share(first.value), share(second.value)] };
}

function normalise(d: Float64Array): void {
  let norm = 0;
  for (let k = 0; k < d.length; k++) norm += d[k] * d[k];
  norm = Math.sqrt(norm);
  if (norm > 0) for (let k = 0; k < d.length; k++) d[k] /= norm;
}
