// Exact k nearest neighbours by squared Euclidean distance (brute force, n² · d, with a bounded
// max-heap per point), and the neighbourhood-preservation score used to judge a 2-D map. At the
// sizes t-SNE runs here (≤ 10⁴ points after PCA to 50 dimensions) brute force takes seconds; a
// vantage-point tree would win at larger n.

export interface Neighbours {
  k: number;
  /** n × k neighbour indices, nearest first. */
  indices: Int32Array;
  /** n × k squared distances, ascending. */
  distances: Float64Array;
}

export function nearestNeighbours(
  x: ArrayLike<number>,
  n: number,
  d: number,
  k: number,
): Neighbours {
  k = Math.min(k, n - 1);
  const indices = new Int32Array(n * k);
  const distances = new Float64Array(n * k);
  const heapD = new Float64Array(k);
  const heapI = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    let size = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let a = 0; a < d; a++) {
        const t = x[i * d + a] - x[j * d + a];
        s += t * t;
      }
      if (size < k) {
        // Sift up into the max-heap.
        let c = size++;
        while (c > 0) {
          const parent = (c - 1) >> 1;
          if (heapD[parent] >= s) break;
          heapD[c] = heapD[parent];
          heapI[c] = heapI[parent];
          c = parent;
        }
        heapD[c] = s;
        heapI[c] = j;
      } else if (s < heapD[0]) {
        // Replace the farthest and sift down.
        let c = 0;
        for (;;) {
          const l = 2 * c + 1;
          if (l >= k) break;
          const r = l + 1;
          const big = r < k && heapD[r] > heapD[l] ? r : l;
          if (heapD[big] <= s) break;
          heapD[c] = heapD[big];
          heapI[c] = heapI[big];
          c = big;
        }
        heapD[c] = s;
        heapI[c] = j;
      }
    }
    const order = Array.from({ length: size }, (_, t) => t).sort((a, b) => heapD[a] - heapD[b]);
    for (let t = 0; t < size; t++) {
      indices[i * k + t] = heapI[order[t]];
      distances[i * k + t] = heapD[order[t]];
    }
  }
  return { k, indices, distances };
}

/**
 * The mean, over points, of the fraction of each point's k nearest neighbours in the original
 * space that are also among its k nearest in the map. A random map scores about k/(n−1).
 */
export function neighbourhoodPreservation(
  x: ArrayLike<number>,
  d: number,
  layout: ArrayLike<number>,
  n: number,
  k: number,
): number {
  const high = nearestNeighbours(x, n, d, k);
  const low = nearestNeighbours(layout, n, 2, k);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const set = new Set(low.indices.subarray(i * k, (i + 1) * k));
    for (let t = 0; t < k; t++) if (set.has(high.indices[i * k + t])) kept++;
  }
  return kept / (n * k);
}

/** The mean fraction of each point's k nearest neighbours in the map that share its group. */
export function groupPurity(
  layout: ArrayLike<number>,
  groups: ArrayLike<number>,
  n: number,
  k: number,
): number {
  const low = nearestNeighbours(layout, n, 2, k);
  let same = 0;
  for (let i = 0; i < n; i++)
    for (let t = 0; t < k; t++) if (groups[low.indices[i * k + t]] === groups[i]) same++;
  return same / (n * k);
}
