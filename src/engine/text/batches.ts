// Training batches for word2vec with negative sampling, seeded and deterministic.
//
// Skip-gram: each centre word predicts each word of its window: one row per (centre, context)
// pair, input = the centre, targets = [context, K negatives].
// CBOW: each centre word is predicted from its whole window: one row per centre, input = a bag of
// up to 2·window context words averaged (weights 1/count, 0 on unused slots), targets =
// [centre, K negatives].
//
// As in word2vec, the window of each centre is shrunk at random to 1..window words each side
// (nearer words count more), and a negative equal to the row's positive word is drawn again.
// The builder streams across epochs (asking for each epoch's subsampled sequence), so every
// batch is full; it also groups each batch's rows by word for the deterministic scatter-add.
import { EmbeddingSegments } from '../backend/embeddingSegments';
import { TextRandom, TextStream } from './streams';

export type Word2VecMode = 'skipgram' | 'cbow';

export interface BatchShape {
  mode: Word2VecMode;
  /** Rows per batch. */
  rows: number;
  window: number;
  negatives: number;
}

export class TrainingBatch {
  /** Input words per row: 1 (skip-gram) or 2·window (CBOW). */
  readonly bagSize: number;
  /** Targets per row: the positive word, then the negatives. */
  readonly perRow: number;
  readonly inputs: Int32Array;
  /** CBOW only: 1/count on a row's context slots, 0 on unused ones. */
  readonly inputWeights: Float32Array | null;
  readonly targets: Int32Array;
  readonly inputSegments: EmbeddingSegments;
  readonly targetSegments: EmbeddingSegments;
  /** Per position: the weight its row gradient is added with (see capRowUpdates). */
  readonly inputScatterWeights: Float32Array;
  readonly targetScatterWeights: Float32Array;
  /** Centre words whose rows this batch holds (completed or begun). */
  words = 0;

  constructor(
    readonly shape: BatchShape,
    /** Words in the vocabulary (rows of the tables the batch indexes). */
    vocabSize: number,
  ) {
    this.bagSize = shape.mode === 'cbow' ? 2 * shape.window : 1;
    this.perRow = 1 + shape.negatives;
    this.inputs = new Int32Array(shape.rows * this.bagSize);
    this.inputWeights = shape.mode === 'cbow' ? new Float32Array(shape.rows * this.bagSize) : null;
    this.targets = new Int32Array(shape.rows * this.perRow);
    this.inputSegments = new EmbeddingSegments(this.inputs.length, vocabSize);
    this.targetSegments = new EmbeddingSegments(this.targets.length, vocabSize);
    this.inputScatterWeights = new Float32Array(this.inputs.length);
    this.targetScatterWeights = new Float32Array(this.targets.length);
  }
}

/**
 * The most positions whose gradients one row adds in full in one batch. word2vec applies each
 * pair's update before the next, so a word met many times moves step by step and its sigmoid
 * saturates; a batch sums all of them computed on the same old vectors, which on a small
 * vocabulary (a word in every other row) overshoots and diverges. So a row named by m > cap
 * positions gets its summed gradient scaled by cap/m. On the State of the Union corpus with
 * 1,024 rows this touches only the most frequent negatives.
 */
export const ROW_UPDATE_CAP = 32;

function capRowUpdates(
  seg: EmbeddingSegments,
  weights: Float32Array | null,
  out: Float32Array,
): void {
  for (let u = 0; u < seg.uniqueCount; u++) {
    const m = seg.starts[u + 1] - seg.starts[u];
    const f = m > ROW_UPDATE_CAP ? ROW_UPDATE_CAP / m : 1;
    for (let q = seg.starts[u]; q < seg.starts[u + 1]; q++) {
      const pos = seg.order[q];
      out[pos] = (weights ? weights[pos] : 1) * f;
    }
  }
}

export class BatchBuilder {
  private sequence: Int32Array = new Int32Array(0);
  private epoch = -1;
  private pos = 0;
  /** Skip-gram: the current centre's window half-width and next offset in it. */
  private span = 0;
  private offset = 0;
  private readonly windowRng: TextRandom;
  private readonly negativeRng: TextRandom;

  constructor(
    private readonly shape: BatchShape,
    private readonly table: Int32Array,
    seed: number,
    /** The training sequence of epoch e (0, 1, ...), subsampled afresh each epoch. */
    private readonly sequenceOf: (epoch: number) => Int32Array,
  ) {
    this.windowRng = new TextRandom(seed, TextStream.window);
    this.negativeRng = new TextRandom(seed, TextStream.negatives);
  }

  /** Epochs begun so far, and the fraction of the current one done. */
  get progress(): { epoch: number; fraction: number } {
    return {
      epoch: Math.max(0, this.epoch),
      fraction: this.sequence.length ? this.pos / this.sequence.length : 0,
    };
  }

  /** Fills every row of `b` and groups it by word. */
  fill(b: TrainingBatch): void {
    b.words = 0;
    if (this.shape.mode === 'cbow') this.fillCbow(b);
    else this.fillSkipGram(b);
    const n = b.shape.rows;
    b.inputSegments.build(b.inputs, n * b.bagSize, b.inputWeights ?? undefined);
    b.targetSegments.build(b.targets, n * b.perRow);
    capRowUpdates(b.inputSegments, b.inputWeights, b.inputScatterWeights);
    capRowUpdates(b.targetSegments, null, b.targetScatterWeights);
  }

  private nextCentre(): number {
    while (this.pos >= this.sequence.length) {
      this.epoch++;
      this.sequence = this.sequenceOf(this.epoch);
      this.pos = 0;
      if (this.sequence.length < 2) {
        throw new Error(
          `epoch ${this.epoch + 1} has ${this.sequence.length} words to train on; at least 2 are needed`,
        );
      }
    }
    return this.pos;
  }

  private negatives(b: TrainingBatch, row: number, positive: number): void {
    const K = this.shape.negatives;
    const base = row * b.perRow;
    b.targets[base] = positive;
    for (let k = 1; k <= K; k++) {
      let w = this.table[this.negativeRng.int(this.table.length)];
      for (let tries = 0; w === positive && tries < 10; tries++) {
        w = this.table[this.negativeRng.int(this.table.length)];
      }
      b.targets[base + k] = w;
    }
  }

  private fillSkipGram(b: TrainingBatch): void {
    const W = this.shape.window;
    for (let row = 0; row < b.shape.rows;) {
      if (this.span === 0) {
        this.nextCentre();
        this.span = W - this.windowRng.int(W);
        this.offset = -this.span;
        b.words++;
      }
      const seq = this.sequence;
      const i = this.pos;
      for (; this.offset <= this.span && row < b.shape.rows; this.offset++) {
        const j = i + this.offset;
        if (this.offset === 0 || j < 0 || j >= seq.length) continue;
        b.inputs[row] = seq[i];
        this.negatives(b, row, seq[j]);
        row++;
      }
      if (this.offset > this.span) {
        this.span = 0;
        this.pos++;
      }
    }
  }

  private fillCbow(b: TrainingBatch): void {
    const W = this.shape.window;
    const bag = b.bagSize;
    const weights = b.inputWeights!;
    for (let row = 0; row < b.shape.rows;) {
      this.nextCentre();
      const seq = this.sequence;
      const i = this.pos++;
      const span = W - this.windowRng.int(W);
      const base = row * bag;
      let count = 0;
      for (let o = -span; o <= span; o++) {
        const j = i + o;
        if (o === 0 || j < 0 || j >= seq.length) continue;
        b.inputs[base + count++] = seq[j];
      }
      b.words++;
      if (count === 0) continue;
      for (let s = 0; s < bag; s++) {
        if (s >= count) b.inputs[base + s] = 0;
        weights[base + s] = s < count ? 1 / count : 0;
      }
      this.negatives(b, row, seq[i]);
      row++;
    }
  }
}
