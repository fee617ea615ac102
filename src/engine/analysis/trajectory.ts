// The weights a run passed through, kept as it trains, for the trajectory on the PCA plane
// (trajectoryPca.ts). A run's length is not known to the recorder in advance (a person may
// train 50 steps or 50,000), so it keeps every `interval` steps and, when `capacity` is
// reached, drops every other snapshot and doubles the interval: the kept ones stay evenly
// spaced over the whole run and memory stays bounded (capacity × parameters × 4 bytes).

export interface Snapshot {
  step: number;
  /** All parameters end to end, in program order. */
  weights: Float32Array;
}

export class TrajectoryRecorder {
  private kept: Snapshot[] = [];
  private interval: number;

  constructor(
    readonly capacity = 40,
    firstInterval = 5,
  ) {
    if (capacity < 4) throw new Error('a trajectory needs room for at least 4 snapshots');
    this.interval = Math.max(1, Math.round(firstInterval));
  }

  get snapshots(): readonly Snapshot[] {
    return this.kept;
  }

  /** Steps between kept snapshots now. */
  get every(): number {
    return this.interval;
  }

  /** Whether the weights at `step` should be kept (read them only then: it costs a readback). */
  wants(step: number): boolean {
    const last = this.kept.at(-1);
    return last === undefined || step >= last.step + this.interval;
  }

  /** Keeps the weights at `step` (flattened by the caller); earlier steps than the last are ignored. */
  keep(step: number, weights: Float32Array): void {
    const last = this.kept.at(-1);
    if (last !== undefined && step <= last.step) return;
    this.kept.push({ step, weights });
    if (this.kept.length > this.capacity) {
      // Keep the first (θ₀) and every other one after it.
      this.kept = this.kept.filter((_, i) => i % 2 === 0);
      this.interval *= 2;
    }
  }

  clear(): void {
    this.kept = [];
  }
}

/** Parameter arrays end to end. */
export function flatten(weights: readonly Float32Array[]): Float32Array {
  const n = weights.reduce((s, w) => s + w.length, 0);
  const out = new Float32Array(n);
  let o = 0;
  for (const w of weights) {
    out.set(w, o);
    o += w.length;
  }
  return out;
}

/** A flattened direction cut back into arrays shaped like `like`. */
export function unflatten(flat: ArrayLike<number>, like: readonly Float32Array[]): Float32Array[] {
  let o = 0;
  return like.map((w) => {
    const part = new Float32Array(w.length);
    for (let k = 0; k < w.length; k++) part[k] = flat[o + k];
    o += w.length;
    return part;
  });
}
