// The curves of the current run, kept outside React state: a chart hears that they changed,
// redraws on the next animation frame, and a new point never re-renders a component. Arrays
// grow by doubling and are never shrunk while a run lasts.

/** One curve: (step, value) pairs in step order. */
export class Series {
  steps = new Float64Array(1024);
  values = new Float32Array(1024);
  length = 0;
  /** Bumped when points are removed (cleared, truncated): whoever extends a copy starts over. */
  revision = 0;

  push(step: number, value: number): void {
    if (this.length === this.steps.length) this.grow();
    this.steps[this.length] = step;
    this.values[this.length] = value;
    this.length++;
  }

  /** Appends many points at once (a metrics event's arrays). */
  pushAll(steps: ArrayLike<number>, values: ArrayLike<number>): void {
    for (let i = 0; i < steps.length; i++) this.push(steps[i], values[i]);
  }

  clear(): void {
    this.length = 0;
    this.revision++;
  }

  /** Drops every point after `step` (a run that resumed from an earlier checkpoint redraws them). */
  truncateAfter(step: number): void {
    while (this.length > 0 && this.steps[this.length - 1] > step) this.length--;
    this.revision++;
  }

  lastStep(): number {
    return this.length === 0 ? 0 : this.steps[this.length - 1];
  }

  private grow(): void {
    const steps = new Float64Array(this.steps.length * 2);
    const values = new Float32Array(this.values.length * 2);
    steps.set(this.steps);
    values.set(this.values);
    this.steps = steps;
    this.values = values;
  }
}

export const runSeries = {
  trainLoss: new Series(),
  trainAccuracy: new Series(),
  testLoss: new Series(),
  testAccuracy: new Series(),
  /** Bumped whenever any series changes. */
  version: 0,
};

const listeners = new Set<() => void>();

/** Calls `listener` after every change to the run's curves; returns the unsubscribe. */
export function onRunSeriesChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Says that the curves changed (bumps the version, tells the listeners). */
export function runSeriesChanged(): void {
  runSeries.version++;
  for (const listener of listeners) listener();
}

export function clearRunSeries(): void {
  runSeries.trainLoss.clear();
  runSeries.trainAccuracy.clear();
  runSeries.testLoss.clear();
  runSeries.testAccuracy.clear();
  runSeriesChanged();
}

/** Forgets every point after `step`, on every curve. */
export function truncateRunSeries(step: number): void {
  runSeries.trainLoss.truncateAfter(step);
  runSeries.trainAccuracy.truncateAfter(step);
  runSeries.testLoss.truncateAfter(step);
  runSeries.testAccuracy.truncateAfter(step);
  runSeriesChanged();
}

/**
 * Exponential moving average with TensorBoard's debiasing, so the first points are not
 * dragged towards zero. Writes into `out` (grown by the caller) and returns the last value.
 */
export function smoothInto(
  values: Float32Array,
  length: number,
  weight: number,
  out: Float32Array,
): number {
  const smoother = new Smoother();
  smoother.update({ values, length }, weight);
  out.set(smoother.values.subarray(0, length));
  return length > 0 ? smoother.values[length - 1] : NaN;
}

/**
 * The smoothed copy of one growing series, extended by the new points only: a chart redraws
 * at tens of frames a second, and a long run holds hundreds of thousands of points. It starts
 * over when the weight changes or the series was cut short (cleared, or truncated on resume).
 */
export class Smoother {
  values = new Float32Array(1024);
  private done = 0;
  private weight = NaN;
  private avg = 0;
  private debias = 1;
  private last = NaN;
  private revision = -1;

  /** Brings `values` up to date with `series` and returns how many are valid. */
  update(
    series: { values: Float32Array; length: number; revision?: number },
    weight: number,
  ): number {
    const { length } = series;
    const revision = series.revision ?? 0;
    if (weight !== this.weight || length < this.done || revision !== this.revision) {
      this.weight = weight;
      this.done = 0;
      this.avg = 0;
      this.debias = 1;
      this.last = NaN;
    }
    this.revision = revision;
    if (this.values.length < length) {
      const grown = new Float32Array(Math.max(length, this.values.length * 2));
      grown.set(this.values.subarray(0, this.done));
      this.values = grown;
    }
    for (let i = this.done; i < length; i++) {
      const v = series.values[i];
      if (Number.isFinite(v)) {
        this.avg = this.avg * weight + (1 - weight) * v;
        this.debias *= weight;
        this.last = weight === 0 ? v : this.avg / (1 - this.debias);
      }
      this.values[i] = this.last;
    }
    this.done = length;
    return length;
  }

  /** Forget everything (a new run that may reuse the same buffers). */
  reset(): void {
    this.done = 0;
    this.weight = NaN;
  }
}
