// The class scores of every test sample from an evaluation pass, kept on the device as each
// batch goes through (one copy per batch, from the scores the loss reads into one buffer) and
// read back once at the end: what the confusion matrix and the mistakes gallery are made of,
// at no cost of an extra pass over the test split.
import type { Backend, CopyBlocksParams, DeviceBuffer } from '../backend/backend';

export class TestScores {
  private readonly buffer: DeviceBuffer;
  private readonly copies: CopyBlocksParams[];

  constructor(
    private readonly backend: Backend,
    /** batch × classes: the scores node's output. */
    scores: DeviceBuffer,
    batch: number,
    readonly classes: number,
    testBatches: number,
    private readonly count: number,
  ) {
    const perBatch = batch * classes;
    this.buffer = backend.alloc(testBatches * perBatch, 'f32', 'testScores');
    this.copies = Array.from({ length: testBatches }, (_, b) => ({
      src: scores,
      dst: this.buffer,
      blocks: 1,
      blockSize: perBatch,
      srcOffset: 0,
      srcStride: perBatch,
      dstOffset: b * perBatch,
      dstStride: perBatch,
      accumulate: false,
    }));
  }

  /** Records the copy of test batch `b`'s scores, after its forward pass. */
  capture(b: number): void {
    this.backend.copyBlocks(this.copies[b]);
  }

  /** count × classes scores, test sample by test sample (the padding left out). */
  async read(): Promise<Float32Array> {
    const all = (await this.backend.read(this.buffer)) as Float32Array;
    return all.slice(0, this.count * this.classes);
  }

  get ownedBuffer(): DeviceBuffer {
    return this.buffer;
  }
}
