// Per-step metrics kept on the device: after each step the loss pass's accumulators are copied
// into a ring slot and cleared, and the ring is read back every few steps, asynchronously,
// so the step loop never waits for the device to report a number.
import type { Backend, CopyBlocksParams, DeviceBuffer } from '../backend/backend';

export interface StepMetrics {
  step: number;
  lossSum: number;
  correct: number;
}

export class MetricsRing {
  private readonly ring: DeviceBuffer;
  private readonly copy: CopyBlocksParams;
  /** First step whose metrics have not been read yet. */
  private unread = 0;

  constructor(
    private readonly backend: Backend,
    private readonly metrics: DeviceBuffer,
    private readonly slots = 256,
  ) {
    this.ring = backend.alloc(2 * slots, 'f32', 'metrics.ring');
    this.copy = {
      src: metrics,
      dst: this.ring,
      blocks: 1,
      blockSize: 2,
      srcOffset: 0,
      srcStride: 2,
      dstOffset: 0,
      dstStride: 2,
      accumulate: false,
    };
  }

  /** The ring's device buffer (the trainer frees it on dispose). */
  get buffer(): DeviceBuffer {
    return this.ring;
  }

  /** Steps recorded but not read yet. */
  pending(stepsDone: number): number {
    return stepsDone - this.unread;
  }

  /** Record the just-finished step (0-based index `step`) and clear the accumulators. */
  record(step: number): void {
    this.copy.dstOffset = 2 * (step % this.slots);
    this.backend.copyBlocks(this.copy);
    this.backend.fill(this.metrics, 0);
  }

  /** Read the metrics of every step in [unread, stepsDone). */
  async read(stepsDone: number): Promise<StepMetrics[]> {
    const count = stepsDone - this.unread;
    if (count <= 0) return [];
    if (count > this.slots)
      throw new Error(`metrics ring overrun: ${count} steps unread, ${this.slots} slots`);
    const data = await this.backend.read(this.ring);
    const out: StepMetrics[] = [];
    for (let s = this.unread; s < stepsDone; s++) {
      const slot = 2 * (s % this.slots);
      out.push({ step: s, lossSum: data[slot], correct: data[slot + 1] });
    }
    this.unread = stepsDone;
    return out;
  }

  /** A run resumed at `stepsDone`: the steps before it were read by the trainer it came from. */
  resumeAt(stepsDone: number): void {
    this.unread = stepsDone;
    this.backend.fill(this.metrics, 0);
  }

  reset(): void {
    this.unread = 0;
    this.backend.fill(this.metrics, 0);
  }
}
