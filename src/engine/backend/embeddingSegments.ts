// The host's half of the deterministic scatter-add (see EmbeddingScatterParams): group the
// positions of a batch's indices by the row they name. Linear time, no sort: rows are listed in
// the order they first appear and each row's positions ascending, so the same batch always gives
// the same grouping. Allocation-free after construction: a batch builder keeps one per lookup.

export class EmbeddingSegments {
  /** Positions into the indices, grouped by row, ascending within a row. */
  readonly order: Int32Array;
  /** The distinct rows, in order of first appearance. */
  readonly unique: Int32Array;
  /** Segment u is order[starts[u] .. starts[u + 1]). */
  readonly starts: Int32Array;
  uniqueCount = 0;
  /** Per table row: the build it was last seen in, and its count, then its write cursor. */
  private readonly seen: Int32Array;
  private readonly cursor: Int32Array;
  private builds = 0;

  constructor(
    readonly capacity: number,
    /** Rows of the table the indices point into. */
    readonly tableRows: number,
  ) {
    this.order = new Int32Array(capacity);
    this.unique = new Int32Array(capacity);
    this.starts = new Int32Array(capacity + 1);
    this.seen = new Int32Array(tableRows);
    this.cursor = new Int32Array(tableRows);
  }

  /**
   * Groups positions 0..n−1 of `indices` by row. With `weights`, positions of weight 0 (a
   * CBOW window's padding) are left out: they add nothing.
   */
  build(indices: Int32Array, n: number, weights?: Float32Array): this {
    if (n > this.capacity) {
      throw new Error(`EmbeddingSegments: ${n} positions, capacity ${this.capacity}`);
    }
    const stamp = ++this.builds;
    const { seen, cursor, unique, starts, order } = this;
    let u = 0;
    for (let pos = 0; pos < n; pos++) {
      if (weights && weights[pos] === 0) continue;
      const row = indices[pos];
      if (row < 0 || row >= this.tableRows) {
        throw new Error(
          `EmbeddingSegments: index ${row} at ${pos} is outside ${this.tableRows} rows`,
        );
      }
      if (seen[row] !== stamp) {
        seen[row] = stamp;
        cursor[row] = 0;
        unique[u++] = row;
      }
      cursor[row]++;
    }
    let at = 0;
    for (let k = 0; k < u; k++) {
      const row = unique[k];
      starts[k] = at;
      const count = cursor[row];
      cursor[row] = at;
      at += count;
    }
    starts[u] = at;
    for (let pos = 0; pos < n; pos++) {
      if (weights && weights[pos] === 0) continue;
      order[cursor[indices[pos]]++] = pos;
    }
    this.uniqueCount = u;
    return this;
  }
}
