// Queries on word vectors: cosine nearest neighbours, analogies a − b + c (Mikolov et al. 2013:
// "king − man + woman ≈ queen"; the answer is the word nearest the sum, the three inputs
// excluded, as in word2vec's compute-accuracy), and the cosine similarity matrix of chosen words.

export interface Neighbour {
  id: number;
  similarity: number;
}

/** Rows scaled to unit length (zero rows stay zero). */
export function normalizeRows(vectors: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(vectors.length);
  for (let r = 0; r < vectors.length / dim; r++) {
    let ss = 0;
    for (let d = 0; d < dim; d++) ss += vectors[r * dim + d] ** 2;
    const inv = ss > 0 ? 1 / Math.sqrt(ss) : 0;
    for (let d = 0; d < dim; d++) out[r * dim + d] = vectors[r * dim + d] * inv;
  }
  return out;
}

/** The k rows of unit vectors most cosine-similar to `query` (any length), `exclude` left out. */
export function nearestTo(
  unit: Float32Array,
  dim: number,
  query: Float32Array,
  k: number,
  exclude: ReadonlySet<number> = new Set(),
): Neighbour[] {
  let qq = 0;
  for (let d = 0; d < dim; d++) qq += query[d] * query[d];
  const qn = qq > 0 ? 1 / Math.sqrt(qq) : 0;
  const best: Neighbour[] = [];
  const rows = unit.length / dim;
  for (let r = 0; r < rows; r++) {
    if (exclude.has(r)) continue;
    let dot = 0;
    for (let d = 0; d < dim; d++) dot += unit[r * dim + d] * query[d];
    const sim = dot * qn;
    if (best.length < k || sim > best[best.length - 1].similarity) {
      let at = best.length < k ? best.length : k - 1;
      best[at] = { id: r, similarity: sim };
      // Insertion into the short sorted list (k is small).
      while (at > 0 && best[at - 1].similarity < best[at].similarity) {
        [best[at - 1], best[at]] = [best[at], best[at - 1]];
        at--;
      }
    }
  }
  return best;
}

export function neighbours(unit: Float32Array, dim: number, id: number, k: number): Neighbour[] {
  return nearestTo(unit, dim, unit.subarray(id * dim, (id + 1) * dim), k, new Set([id]));
}

/** Words nearest unit(a) − unit(b) + unit(c), the inputs excluded. */
export function analogy(
  unit: Float32Array,
  dim: number,
  a: number,
  b: number,
  c: number,
  k: number,
): Neighbour[] {
  const q = new Float32Array(dim);
  for (let d = 0; d < dim; d++) q[d] = unit[a * dim + d] - unit[b * dim + d] + unit[c * dim + d];
  return nearestTo(unit, dim, q, k, new Set([a, b, c]));
}

/** Cosine similarities of the chosen rows, row-major n × n. */
export function similarityMatrix(
  unit: Float32Array,
  dim: number,
  ids: readonly number[],
): Float32Array {
  const n = ids.length;
  const out = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let d = 0; d < dim; d++) dot += unit[ids[i] * dim + d] * unit[ids[j] * dim + d];
      out[i * n + j] = dot;
    }
  }
  return out;
}
