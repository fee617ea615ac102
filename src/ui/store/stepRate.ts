// How fast the run goes on the wall clock, for the dashboard's ETA: steps per millisecond
// between successive metrics batches while training, evaluation time included, pauses not.
// A time-weighted moving average, so a slow moment (an evaluation) nudges it rather than
// swinging it, and a lasting change (another tab, a thermal limit) shows within seconds.

/** The average forgets with this time constant, in milliseconds. */
const TIME_CONSTANT_MS = 5000;

export class StepRate {
  private lastStep = -1;
  private lastTime = 0;
  /** Steps per millisecond; null until two observations a step apart. */
  private rate: number | null = null;

  /** The run reached `step` at `timeMs` (performance.now()). */
  observe(step: number, timeMs: number): void {
    if (this.lastStep >= 0 && step > this.lastStep && timeMs > this.lastTime) {
      const dt = timeMs - this.lastTime;
      const observed = (step - this.lastStep) / dt;
      const keep = Math.exp(-dt / TIME_CONSTANT_MS);
      this.rate = this.rate === null ? observed : keep * this.rate + (1 - keep) * observed;
    }
    if (step >= this.lastStep) {
      this.lastStep = step;
      this.lastTime = timeMs;
    }
  }

  /** Training stopped (paused, finished): the next interval must not count the idle time. */
  interrupt(): void {
    this.lastStep = -1;
  }

  /** Forget everything: a new run. */
  reset(): void {
    this.lastStep = -1;
    this.rate = null;
  }

  /** Milliseconds to reach `totalSteps` from `step` at the current rate; null if unknown. */
  remainingMs(step: number, totalSteps: number): number | null {
    if (this.rate === null || this.rate <= 0 || totalSteps <= 0) return null;
    return Math.max(0, totalSteps - step) / this.rate;
  }
}
