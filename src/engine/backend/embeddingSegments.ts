// The host's half of the deterministic scatter-add (see EmbeddingScatterParams): group the
// positions of a batch's indices by the row they name. Positions are sorted by (row, position)
// through one numeric key per position, so the order is the same on every run and backend.
// Allocation-free after construction: a batch builder keeps one per lookup and reuses it.

export class EmbeddingSegments {
  /** Positions into the indices, grouped by row, ascending within a row. */
  readonly order: Int32Array;
  /** The distinct rows, ascending. */
  readonly unique: Int32Array;
  /** Segment u is order[starts[u] .. starts[u + 1]). */
  readonly starts: Int32Array;
  uniqueCount = 0;
  private readonly keys: Float64Array;

  constructor(readonly capacity: number) {
    this.order = new Int32Array(capacity);
    this.unique = new Int32Array(capacity);
    this.starts = new Int32Array(capacity + 1);
    this.keys = new Float64Array(capacity);
  }

  /**
   * Groups positions 0..n−1 of `indices` by row. With `weights`, positions of weight 0 (a
   * CBOW window's padding) are left out: they add nothing.
   */
  build(indices: Int32Array, n: number, weights?: Float32Array): this {
    if (n > this.capacity)
      throw new Error(`EmbeddingSegments: ${n} positions, capacity ${this.capacity}`);
    let m = 0;
    for (let pos = 0; pos < n; pos++) {
      if (weights && weights[pos] === 0) continue;
      // row·n + pos is an exact integer in a double for any vocabulary and batch we allocate.
      this.keys[m++] = indices[pos] * n + pos;
    }
    const keys = this.keys.subarray(0, m).sort();
    let u = 0;
    let prev = -1;
    for (let q = 0; q < m; q++) {
      const row = Math.floor(keys[q] / n);
      this.order[q] = keys[q] - row * n;
      if (row !== prev) {
        this.unique[u] = row;
        this.starts[u] = q;
        u++;
        prev = row;
      }
    }
    this.starts[u] = m;
    this.uniqueCount = u;
    return this;
  }
}
