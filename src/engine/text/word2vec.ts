// word2vec with negative sampling (Mikolov et al. 2013), skip-gram or CBOW, as a fixed list of
// backend kernels on buffers allocated once, so it trains on the CPU and WebGPU backends alike:
//
//   h   = bag(W_in, inputs)                 the centre word (skip-gram) or its window's mean (CBOW)
//   u   = W_out[targets]                    the positive word and K negatives of each row
//   s   = h · u                             one score per target              (batchedDot)
//   L   = Σ softplus(∓s)                    −log σ(s⁺) − Σ log σ(−s⁻)         (logisticLoss)
//   dS  = σ(s) − label;  dh = Σ_j dS·u;  du = dS·h                           (batchedDotBackward)
//   W_in[rows]  −= lr · Σ dh (weighted), W_out[rows] −= lr · Σ du              (embeddingScatterAdd)
//
// (a row named by more than ROW_UPDATE_CAP positions of a batch gets its sum scaled down: see
// batches.ts).
// The update is word2vec's plain SGD on the rows a batch touches (sparse), summed over the
// batch's rows and applied once per batch; its learning rate decays linearly to lr·1e-4 over the
// planned words, as in word2vec. W_in starts uniform in ±0.5/dim and W_out at zero, as there.
import type { Backend, DeviceBuffer } from '../backend/backend';
import type {
  BatchedDotBackwardParams,
  BatchedDotParams,
  EmbeddingBagParams,
  EmbeddingScatterParams,
  LogisticLossParams,
} from '../backend/embeddingKernels';
import { SeededRandom } from '../rng';
import type { BatchShape, TrainingBatch } from './batches';
import { TextStream } from './streams';

export interface Word2VecShape extends BatchShape {
  vocabSize: number;
  dim: number;
}

export class Word2VecModel {
  readonly inTable: DeviceBuffer;
  readonly outTable: DeviceBuffer;
  /** Device accumulators: Σ loss and Σ scores on the right side, since the last readLoss. */
  readonly metrics: DeviceBuffer;
  private readonly inputs: DeviceBuffer;
  private readonly inputWeights: DeviceBuffer | null;
  private readonly targets: DeviceBuffer;
  private readonly inputScatterWeights: DeviceBuffer;
  private readonly targetScatterWeights: DeviceBuffer;
  private readonly seg: Record<'in' | 'out', Record<'order' | 'unique' | 'starts', DeviceBuffer>>;
  private readonly bagIn: EmbeddingBagParams;
  private readonly bagOut: EmbeddingBagParams;
  private readonly dot: BatchedDotBackwardParams;
  private readonly loss: LogisticLossParams;
  private readonly scatterIn: EmbeddingScatterParams;
  private readonly scatterOut: EmbeddingScatterParams;
  private readonly buffers: DeviceBuffer[] = [];
  /** Rows trained since the last readLoss. */
  private rowsSinceRead = 0;

  constructor(
    readonly backend: Backend,
    readonly shape: Word2VecShape,
    seed: number,
  ) {
    const { vocabSize: V, dim: D, rows: B } = shape;
    const bagSize = shape.mode === 'cbow' ? 2 * shape.window : 1;
    const J = 1 + shape.negatives;
    const a = (n: number, dtype: 'f32' | 'i32', label: string) => {
      const buf = backend.alloc(n, dtype, `word2vec.${label}`);
      this.buffers.push(buf);
      return buf;
    };
    this.inTable = a(V * D, 'f32', 'inTable');
    this.outTable = a(V * D, 'f32', 'outTable');
    this.metrics = a(2, 'f32', 'metrics');
    this.inputs = a(B * bagSize, 'i32', 'inputs');
    this.inputWeights = bagSize > 1 ? a(B * bagSize, 'f32', 'inputWeights') : null;
    this.targets = a(B * J, 'i32', 'targets');
    this.inputScatterWeights = a(B * bagSize, 'f32', 'inputScatterWeights');
    this.targetScatterWeights = a(B * J, 'f32', 'targetScatterWeights');
    const segs = (n: number, which: string) => ({
      order: a(n, 'i32', `${which}.order`),
      unique: a(n, 'i32', `${which}.unique`),
      starts: a(n + 1, 'i32', `${which}.starts`),
    });
    this.seg = { in: segs(B * bagSize, 'in'), out: segs(B * J, 'out') };
    const labels = a(B * J, 'f32', 'labels');
    backend.write(
      labels,
      Float32Array.from({ length: B * J }, (_, i) => (i % J === 0 ? 1 : 0)),
    );
    const h = a(B * D, 'f32', 'h');
    const u = a(B * J * D, 'f32', 'u');
    const s = a(B * J, 'f32', 's');
    const dS = a(B * J, 'f32', 'dS');
    const dh = a(B * D, 'f32', 'dh');
    const du = a(B * J * D, 'f32', 'du');

    this.bagIn = {
      table: this.inTable,
      indices: this.inputs,
      weights: this.inputWeights,
      out: h,
      bags: B,
      bagSize,
      dim: D,
    };
    this.bagOut = {
      table: this.outTable,
      indices: this.targets,
      weights: null,
      out: u,
      bags: B * J,
      bagSize: 1,
      dim: D,
    };
    const dot: BatchedDotParams = { h, u, s, rows: B, perRow: J, dim: D };
    this.dot = { ...dot, dS, dh, du };
    this.loss = { scores: s, labels, n: B * J, dS, metrics: this.metrics, gradScale: 1 };
    this.scatterIn = {
      dst: this.inTable,
      src: dh,
      weights: this.inputScatterWeights,
      ...this.seg.in,
      uniqueCount: 0,
      bagSize,
      dim: D,
      scale: 0,
    };
    this.scatterOut = {
      dst: this.outTable,
      src: du,
      weights: this.targetScatterWeights,
      ...this.seg.out,
      uniqueCount: 0,
      bagSize: 1,
      dim: D,
      scale: 0,
    };

    const rng = new SeededRandom(seed, TextStream.init);
    const init = new Float32Array(V * D);
    for (let i = 0; i < init.length; i++) init[i] = (rng.uniform() - 0.5) / D;
    backend.write(this.inTable, init);
    backend.fill(this.outTable, 0);
    backend.fill(this.metrics, 0);
  }

  /** One SGD step on a filled batch (recorded and submitted; nothing is read back). */
  step(batch: TrainingBatch, lr: number): void {
    const b = this.backend;
    b.write(this.inputs, batch.inputs);
    if (this.inputWeights && batch.inputWeights) b.write(this.inputWeights, batch.inputWeights);
    b.write(this.targets, batch.targets);
    b.write(this.inputScatterWeights, batch.inputScatterWeights);
    b.write(this.targetScatterWeights, batch.targetScatterWeights);
    for (const [which, seg, p] of [
      ['in', batch.inputSegments, this.scatterIn],
      ['out', batch.targetSegments, this.scatterOut],
    ] as const) {
      const dev = this.seg[which];
      const n = seg.uniqueCount;
      b.write(dev.unique, seg.unique.subarray(0, n));
      b.write(dev.starts, seg.starts.subarray(0, n + 1));
      b.write(dev.order, seg.order.subarray(0, seg.starts[n]));
      p.uniqueCount = n;
      p.scale = -lr;
    }
    this.record();
    b.submit();
    this.rowsSinceRead += this.shape.rows;
  }

  /** The kernels of one step, in order (also what `prepare` compiles). */
  record(): void {
    const b = this.backend;
    b.embeddingBag(this.bagIn);
    b.embeddingBag(this.bagOut);
    b.batchedDot(this.dot);
    b.logisticLoss(this.loss);
    b.batchedDotBackward(this.dot);
    b.embeddingScatterAdd(this.scatterIn);
    b.embeddingScatterAdd(this.scatterOut);
  }

  /** Compiles the step's kernels (WebGPU) before the first step. */
  prepare(): Promise<unknown> {
    return this.backend.prepare(() => this.record());
  }

  /**
   * The mean loss per row (−log σ(s⁺) − Σ_k log σ(−s⁻_k)) and the fraction of scores on the
   * right side of 0, over the steps since the last call; resets the accumulators.
   */
  async readLoss(): Promise<{ loss: number; accuracy: number; rows: number } | null> {
    const rows = this.rowsSinceRead;
    if (rows === 0) return null;
    this.rowsSinceRead = 0;
    const m = await this.backend.read(this.metrics);
    this.backend.fill(this.metrics, 0);
    this.backend.submit();
    return { loss: m[0] / rows, accuracy: m[1] / (rows * (1 + this.shape.negatives)), rows };
  }

  /** A copy of the input vectors (vocabSize × dim), the embedding word2vec reports. */
  async vectors(): Promise<Float32Array> {
    return (await this.backend.read(this.inTable)) as Float32Array;
  }

  free(): void {
    for (const buf of this.buffers) this.backend.free(buf);
    this.buffers.length = 0;
  }
}

/** word2vec's schedule: linear decay from lr0 to lr0·1e-4 over the planned training words. */
export function decayedRate(lr0: number, wordsDone: number, wordsPlanned: number): number {
  return lr0 * Math.max(1e-4, 1 - wordsDone / Math.max(1, wordsPlanned));
}
