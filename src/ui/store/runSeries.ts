// The curves of the current run, kept outside React state: charts read them from
// requestAnimationFrame and redraw when `version` moves, so a new point never re-renders a
// component. Arrays grow by doubling and are never shrunk while a run lasts.

/** One curve: (step, value) pairs in step order. */
export class Series {
  steps = new Float64Array(1024);
  values = new Float32Array(1024);
  length = 0;

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
  }

  /** Drops every point after `step` (a run that resumed from an earlier checkpoint redraws them). */
  truncateAfter(step: number): void {
    while (this.length > 0 && this.steps[this.length - 1] > step) this.length--;
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

export function clearRunSeries(): void {
  runSeries.trainLoss.clear();
  runSeries.trainAccuracy.clear();
  runSeries.testLoss.clear();
  runSeries.testAccuracy.clear();
  runSeries.version++;
}

/** Forgets every point after `step`, on every curve. */
export function truncateRunSeries(step: number): void {
  runSeries.trainLoss.truncateAfter(step);
  runSeries.trainAccuracy.truncateAfter(step);
  runSeries.testLoss.truncateAfter(step);
  runSeries.testAccuracy.truncateAfter(step);
  runSeries.version++;
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
  let avg = 0;
  let debias = 1;
  let last = NaN;
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      out[i] = last;
      continue;
    }
    avg = avg * weight + (1 - weight) * v;
    debias *= weight;
    last = weight === 0 ? v : avg / (1 - debias);
    out[i] = last;
  }
  return last;
}
