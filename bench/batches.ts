// Minibatches of MNIST for the tfjs runs, drawn the way our trainer draws them: a seeded
// shuffle of the training split per epoch, and (x/255 − 0.1307)/0.3081 per pixel.
import type { Dataset } from '../src/engine/data/dataset';
import { RandomStream, SeededRandom } from '../src/engine/rng';

export const MNIST_MEAN = 0.1307;
export const MNIST_STD = 0.3081;

/** Normalise `count` images starting at image `first` of `pixels` (bytes) into `out`. */
export function normalizeImages(
  pixels: Uint8Array | Float32Array,
  order: Int32Array | null,
  first: number,
  count: number,
  rowSize: number,
  out: Float32Array,
): void {
  const scale = 1 / (255 * MNIST_STD);
  const shift = MNIST_MEAN / MNIST_STD;
  for (let i = 0; i < count; i++) {
    const src = (order ? order[first + i] : first + i) * rowSize;
    const dst = i * rowSize;
    for (let j = 0; j < rowSize; j++) out[dst + j] = pixels[src + j] * scale - shift;
  }
}

export class BatchSampler {
  /** The current batch, normalised, and its labels; refilled in place by next(). */
  readonly x: Float32Array;
  readonly y: Int32Array;
  private readonly order: Int32Array;
  private readonly random: SeededRandom;
  private cursor: number;
  private readonly rowSize: number;

  constructor(
    private readonly data: Dataset,
    readonly batch: number,
    seed: number,
  ) {
    this.rowSize = data.sampleShape.reduce((a, b) => a * b, 1);
    this.x = new Float32Array(batch * this.rowSize);
    this.y = new Int32Array(batch);
    this.order = new Int32Array(data.train.count);
    this.random = new SeededRandom(seed, RandomStream.shuffle);
    this.cursor = this.order.length; // shuffle on the first call
  }

  /** Steps in one pass over the training split; the last, partial batch is dropped. */
  get stepsPerEpoch(): number {
    return Math.floor(this.data.train.count / this.batch);
  }

  next(): void {
    if (this.cursor + this.batch > this.order.length) {
      for (let i = 0; i < this.order.length; i++) this.order[i] = i;
      this.random.shuffle(this.order);
      this.cursor = 0;
    }
    normalizeImages(
      this.data.train.inputs,
      this.order,
      this.cursor,
      this.batch,
      this.rowSize,
      this.x,
    );
    for (let i = 0; i < this.batch; i++)
      this.y[i] = this.data.train.labels[this.order[this.cursor + i]];
    this.cursor += this.batch;
  }
}
