// The dataset on the device: both splits uploaded once, and minibatches gathered on the
// device by index, so nothing but a shuffled index buffer (once an epoch) and an offset
// (every step) crosses from JavaScript while training.
import type { Backend, DeviceBuffer, GatherParams, ImageGatherParams } from '../backend/backend';
import type { Dataset, DataSplit } from '../data/dataset';
import { rowSize } from '../data/dataset';
import type { ImageGather } from '../data/registry';
import { RandomStream, SeededRandom } from '../rng';

export interface Normalization {
  scale: number;
  shift: number;
  /** Colour images: one scale and shift per channel (plane), used instead of the pair above. */
  channels?: { scale: number[]; shift: number[] };
}

/** Channel `c` of value `i` in a sample of `size` values laid out channel by channel. */
export function channelOf(n: Normalization, i: number, size: number): number {
  const count = n.channels?.scale.length ?? 1;
  return Math.floor((i * count) / size);
}

/** x·scale + shift for value `i` of a sample of `size` values, per channel when it has them. */
export function normalizeValue(n: Normalization, x: number, i: number, size: number): number {
  if (!n.channels) return x * n.scale + n.shift;
  const c = channelOf(n, i, size);
  return x * n.channels.scale[c] + n.channels.shift[c];
}

/** How much the model's input moves per unit of raw value `i` (the scale of its channel). */
export function scaleOf(n: Normalization, i: number, size: number): number {
  return n.channels ? n.channels.scale[channelOf(n, i, size)] : n.scale;
}

interface DeviceSplit {
  inputs: DeviceBuffer;
  labels: DeviceBuffer;
  /** A regression set's real-valued targets; null for class labels. */
  targets: DeviceBuffer | null;
  indices: DeviceBuffer;
  count: number;
}

function upload(backend: Backend, split: DataSplit, name: string, indexCount: number): DeviceSplit {
  const inputs = backend.alloc(
    split.inputs.length,
    split.inputs instanceof Uint8Array ? 'u8' : 'f32',
    `${name}.inputs`,
  );
  backend.write(inputs, split.inputs);
  const labels = backend.alloc(split.count, 'i32', `${name}.labels`);
  backend.write(labels, split.labels);
  let targets: DeviceBuffer | null = null;
  if (split.targets !== undefined) {
    targets = backend.alloc(split.targets.length, 'f32', `${name}.targets`);
    backend.write(targets, split.targets);
  }
  const indices = backend.alloc(indexCount, 'i32', `${name}.indices`);
  return { inputs, labels, targets, indices, count: split.count };
}

export interface DataOrderState {
  /** Epochs whose order has been drawn (the current one included). */
  shuffles: number;
  /** Position of the shuffle stream before the latest shuffle. */
  lastShuffleAt: number;
}

export class DeviceDataset {
  readonly train: DeviceSplit;
  readonly test: DeviceSplit;
  readonly trainGather: GatherParams;
  readonly testGather: GatherParams;
  /** A regression set's targets, gathered by the same indices as the inputs; null for labels. */
  readonly trainTargetGather: GatherParams | null;
  readonly testTargetGather: GatherParams | null;
  /** Full batches per epoch; the incomplete last batch of a shuffle is left out. */
  readonly stepsPerEpoch: number;
  /** Batches to cover the test split, the last one padded. */
  readonly testBatches: number;
  /** Colour image sets: per-channel normalisation and training augmentation; else null. */
  private readonly trainImageGather: ImageGatherParams | null;
  private readonly testImageGather: ImageGatherParams | null;
  private readonly order: Int32Array;
  private readonly shuffler: SeededRandom;
  /** Shuffles so far (one per epoch begun), and where the stream stood before the latest. */
  private shuffles = 0;
  private lastShuffleAt = 0;

  constructor(
    private readonly backend: Backend,
    readonly dataset: Dataset,
    batch: number,
    normalization: Normalization,
    seed: number,
    target: { input: DeviceBuffer; labels: DeviceBuffer; targets: DeviceBuffer | null },
    images: ImageGather | null = null,
  ) {
    const rows = rowSize(dataset);
    this.stepsPerEpoch = Math.floor(dataset.train.count / batch);
    this.testBatches = Math.ceil(dataset.test.count / batch);
    this.train = upload(backend, dataset.train, 'train', dataset.train.count);
    this.test = upload(backend, dataset.test, 'test', this.testBatches * batch);
    // Test indices never change: 0..count−1, padded with 0s that the loss ignores.
    const testOrder = new Int32Array(this.testBatches * batch);
    for (let i = 0; i < dataset.test.count; i++) testOrder[i] = i;
    backend.write(this.test.indices, testOrder);

    this.order = new Int32Array(dataset.train.count);
    this.shuffler = new SeededRandom(seed, RandomStream.shuffle);
    const gather = (split: DeviceSplit): GatherParams => ({
      src: split.inputs,
      labels: split.labels,
      indices: split.indices,
      offset: 0,
      batch,
      rowSize: rows,
      out: target.input,
      labelsOut: target.labels,
      scale: normalization.scale,
      shift: normalization.shift,
    });
    this.trainGather = gather(this.train);
    this.testGather = gather(this.test);
    const targetGather = (split: DeviceSplit): GatherParams | null => {
      if (split.targets === null) return null;
      if (target.targets === null || dataset.targetSize === undefined) {
        throw new Error(
          `${dataset.name} has regression targets but the program has no buffer for them`,
        );
      }
      return {
        src: split.targets,
        labels: null,
        indices: split.indices,
        offset: 0,
        batch,
        rowSize: dataset.targetSize,
        out: target.targets,
        labelsOut: null,
        scale: 1,
        shift: 0,
      };
    };
    this.trainTargetGather = targetGather(this.train);
    this.testTargetGather = targetGather(this.test);
    const imageGather = (split: DeviceSplit, augment: boolean): ImageGatherParams | null =>
      images && {
        src: split.inputs,
        labels: split.labels,
        indices: split.indices,
        offset: 0,
        batch,
        channels: images.channels,
        height: images.height,
        width: images.width,
        out: target.input,
        labelsOut: target.labels,
        scale: images.scale,
        shift: images.shift,
        pad: augment ? images.pad : 0,
        flip: augment && images.flip,
        seed,
        draw: 0,
      };
    this.trainImageGather = imageGather(this.train, true);
    this.testImageGather = imageGather(this.test, false);
  }

  /** Every buffer the data set took on the device. */
  ownedBuffers(): DeviceBuffer[] {
    const split = (s: DeviceSplit) => [
      s.inputs,
      s.labels,
      s.indices,
      ...(s.targets ? [s.targets] : []),
    ];
    return [...split(this.train), ...split(this.test)];
  }

  /** Bytes the two splits take on the device. */
  static bytes(dataset: Dataset): number {
    const split = (s: DataSplit) =>
      s.inputs.byteLength + 4 * s.count * 2 + (s.targets?.byteLength ?? 0);
    return split(dataset.train) + split(dataset.test);
  }

  /** A new random order of the training samples for the coming epoch. */
  shuffle(): void {
    this.shuffles++;
    this.lastShuffleAt = this.shuffler.position;
    for (let i = 0; i < this.order.length; i++) this.order[i] = i;
    this.shuffler.shuffle(this.order);
    this.backend.write(this.train.indices, this.order);
  }

  /** Where the data order stands: enough for `restoreOrder` to rebuild it on another device. */
  get orderState(): DataOrderState {
    return { shuffles: this.shuffles, lastShuffleAt: this.lastShuffleAt };
  }

  /**
   * Puts the data order back where `state` was: the current epoch's permutation in the index
   * buffer (recomputed from the stream position that produced it, so nothing as large as the
   * order itself is stored) and the stream where the next epoch's shuffle will draw from.
   */
  restoreOrder(state: DataOrderState): void {
    if (state.shuffles === 0) {
      this.shuffles = 0;
      this.lastShuffleAt = 0;
      this.shuffler.seek(0);
      return;
    }
    this.shuffler.seek(state.lastShuffleAt);
    this.shuffle();
    this.shuffles = state.shuffles;
  }

  /** Gathers the batch of `step` of the epoch; `draw` (the run's step) picks its augmentations. */
  gatherTrainBatch(step: number, draw = 0): void {
    this.trainGather.offset = step * this.trainGather.batch;
    if (this.trainImageGather) {
      this.trainImageGather.offset = this.trainGather.offset;
      this.trainImageGather.draw = draw;
      this.backend.gatherImages(this.trainImageGather);
      return;
    }
    this.backend.gather(this.trainGather);
    if (this.trainTargetGather !== null) {
      this.trainTargetGather.offset = this.trainGather.offset;
      this.backend.gather(this.trainTargetGather);
    }
  }

  gatherTestBatch(index: number): number {
    this.testGather.offset = index * this.testGather.batch;
    if (this.testImageGather) {
      this.testImageGather.offset = this.testGather.offset;
      this.backend.gatherImages(this.testImageGather);
    } else {
      this.backend.gather(this.testGather);
    }
    if (this.testTargetGather !== null) {
      this.testTargetGather.offset = this.testGather.offset;
      this.backend.gather(this.testTargetGather);
    }
    return Math.min(this.testGather.batch, this.test.count - index * this.testGather.batch);
  }
}
