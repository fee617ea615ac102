// What a loaded dataset is, for the trainer: two splits of samples and labels, held as the
// compact arrays they arrive in (bytes for images), uploaded to the device once.

export interface DataSplit {
  /** count × rowSize values: raw bytes (images) or floats (toy 2-D points). */
  inputs: Uint8Array | Float32Array;
  /** count class indices (zeros for a regression set, whose targets are in `targets`). */
  labels: Int32Array;
  /** count × Dataset.targetSize real-valued targets, for regression sets only. */
  targets?: Float32Array;
  count: number;
}

export interface Dataset {
  /** "mnist", "toy:spiral", ... */
  name: string;
  /** One sample's shape: [1, 28, 28] for MNIST, [2] for a toy set. */
  sampleShape: number[];
  /** Class count (0 for a regression set). */
  classes: number;
  classNames: string[];
  /** Values per sample of a regression target; absent where samples carry class labels. */
  targetSize?: number;
  /** Colour image sets: each channel's mean and standard deviation over the training split, in byte units (0–255). */
  channelStats?: { mean: number[]; std: number[] };
  train: DataSplit;
  test: DataSplit;
}

/** The first `n` samples of a split (views of its arrays, nothing copied). */
function firstSamples(split: DataSplit, n: number, size: number, targetSize: number): DataSplit {
  return {
    inputs: split.inputs.subarray(0, n * size),
    labels: split.labels.subarray(0, n),
    ...(split.targets ? { targets: split.targets.subarray(0, n * targetSize) } : {}),
    count: n,
  };
}

/** `d` tested on its first `limit` test samples (all of them for null or a larger limit). */
export function withTestLimit(d: Dataset, limit: number | null): Dataset {
  if (limit === null || limit >= d.test.count) return d;
  return { ...d, test: firstSamples(d.test, limit, rowSize(d), d.targetSize ?? 0) };
}

/** Values per sample. */
export function rowSize(d: Dataset): number {
  return d.sampleShape.reduce((a, b) => a * b, 1);
}

/** A dataset problem a person can act on: what is wrong, and with which file and byte. */
export class DatasetError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly byteOffset?: number,
  ) {
    super(message);
    this.name = 'DatasetError';
  }
}
