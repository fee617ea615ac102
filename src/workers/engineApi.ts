// The training worker's API as the page sees it through comlink. The page calls these
// methods; everything the run produces comes back through the one `subscribe` callback, in
// batches, so the page receives at most tens of messages per second however fast it trains.
import type { BoundaryFrame } from '../engine/analysis/decisionBoundary';
import type { CellExamples, ProbeRequest } from '../engine/analysis/insightFrames';
import type {
  CurvatureFrame,
  LandscapeAnswer,
  LossLineFrame,
  LossSliceFrame,
  TrajectoryFrame,
} from '../engine/analysis/landscapeFrames';
import type { DataSpec, ImageSetSpec } from '../engine/spec/schema';
import type { EngineEvent, ErrorKind } from '../engine/train/events';
import type { OnnxExport } from './onnxExport';
import type { LayerActivations } from './representations';

/** What `load` made ready, or why it could not. Failures are also sent as 'error' events. */
export type LoadResult =
  | {
      ok: true;
      stepsPerEpoch: number;
      totalSteps: number;
      /** What runs the kernels, in words ("WebGPU", "CPU (JavaScript)"). */
      backend: string;
      /** The GPU adapter's name; null on the CPU. */
      adapter: string | null;
      /** Why the CPU runs it where a GPU was wanted; null otherwise. */
      backendNote: string | null;
      dataset: string;
      trainSamples: number;
      testSamples: number;
    }
  | { ok: false; kind: ErrorKind; errors: { message: string; nodeId?: string }[] };

export interface EvaluationResult {
  loss: number;
  accuracy: number;
  samples: number;
}

/** A few samples of a data set, to show a person what it holds (see previewSamples). */
export type DataPreview =
  | {
      kind: 'images';
      name: string;
      width: number;
      height: number;
      /** 1 (grey) or 3 (red, green and blue planes). */
      channels: number;
      /** count × channels × height × width levels, 0 (black) to 255, in the order of `labels`. */
      pixels: Uint8Array;
      labels: Int32Array;
      classNames: string[];
    }
  | {
      kind: 'points';
      name: string;
      /** x, y pairs of every training point, then of every test point, in [−1, 1]. */
      train: Float32Array;
      trainLabels: Int32Array;
      test: Float32Array;
      testLabels: Int32Array;
      classNames: string[];
      /** A regression set's target of every point, in [−1, 1]; null for class labels. */
      trainTargets: Float32Array | null;
      testTargets: Float32Array | null;
    }
  /** An image folder this browser does not hold: the data panel's folder fields say which. */
  | { kind: 'missingImageSet' }
  | { kind: 'error'; message: string };

/** One kernel conformance case as the browser's WebGPU ran it (see selfTest). */
export interface SelfTestResult {
  kernel: string;
  name: string;
  /** The matmul or convolution variant it ran with; null for kernels with one. */
  tiling: string | null;
  worst: number;
  tolerance: number;
  detail: string;
  passed: boolean;
}

export type SelfTestReport =
  | { ok: true; adapter: string; ms: number; results: SelfTestResult[] }
  | { ok: false; reason: string };

/** A model's weights as an LCWT file (src/engine/train/weightsFile.ts), or why there are none. */
export type WeightsExport =
  { ok: true; bytes: Uint8Array; step: number; tensors: number } | { ok: false; message: string };

/** What loading a weights file into the current model did, or why it did not fit. */
export type WeightsImport =
  | { ok: true; tensors: number; trainedSteps: number; experiment: string; engineVersion: string }
  | { ok: false; message: string };

export type CifarArchiveResult =
  | {
      ok: true;
      name: string;
      trainSamples: number;
      testSamples: number;
      /** Why the archive could not be kept for the next visit; null when it was. */
      note: string | null;
    }
  | { ok: false; message: string };

/** One file of a folder a person gave, with its path below (and including) the folder. */
export interface FolderFile {
  path: string;
  file: File;
}

export type ImageFolderResult =
  | {
      ok: true;
      /** What the data spec names: the fingerprint, the folder's name, its classes and counts. */
      set: ImageSetSpec;
      givenSplit: boolean;
      /** Files that are not images, or lie outside the class folders; a few of their paths. */
      skipped: number;
      skippedExamples: string[];
      /** Image files the browser could not decode; a few of their paths. */
      undecodable: number;
      undecodableExamples: string[];
      /** Why the set could not be kept for the next visit; null when it was. */
      note: string | null;
    }
  | { ok: false; message: string };

/** An image set this browser holds. */
export interface KeptImageSet {
  set: ImageSetSpec;
  images: number;
  /** The image files' size. */
  bytes: number;
  keptAt: number;
}

/** Receives events in arrival order; one call carries every event since the previous call. */
export type EngineListener = (events: EngineEvent[]) => void;

export interface EngineApi {
  /** Replaces the previous listener. Pass it wrapped in `Comlink.proxy`. */
  subscribe(listener: EngineListener): void;
  /** Validates a spec, loads its dataset (reusing the previous one when unchanged) and compiles it. */
  load(spec: unknown): Promise<LoadResult>;
  /** Trains until paused or finished; resolves once the run loop has begun. */
  start(): Promise<void>;
  /** Stops after the chunk of steps in flight; resolves when the worker is idle. */
  pause(): Promise<void>;
  /** Trains exactly n more steps (fewer at the end of the run), then stays paused. */
  step(n: number): Promise<void>;
  /** Starts the same experiment over from its initial weights. */
  reset(): Promise<void>;
  /** Loss and accuracy on the whole test split with the current weights; null if nothing is loaded. */
  evaluate(): Promise<EvaluationResult | null>;
  /**
   * What the current weights predict over a toy set's input plane, on a resolution ×
   * resolution grid (4 to 256), without disturbing the run; null when nothing is loaded or the
   * data has no plane. While training, the same arrives unasked as 'boundary' events.
   */
  predictGrid(resolution: number): Promise<BoundaryFrame | null>;
  /**
   * What to look inside the network at: an input (a test sample or a drawing) and what to
   * compute for it; null when no panel wants it. Answered at once when idle, and while training
   * as 'probe' events, at most a few a second, on the current weights, without touching the run.
   */
  setProbe(request: ProbeRequest | null): Promise<void>;
  /**
   * The test samples of true class `label` predicted as `predicted` in the latest evaluation,
   * most confident first, at most `limit`; null before the first evaluation.
   */
  cellExamples(label: number, predicted: number, limit: number): Promise<CellExamples | null>;
  /**
   * Samples of the data `data` names, for the data panel, without touching the run: the first
   * `count` MNIST test digits (its test files alone are read when the run holds no MNIST), or
   * every point of a toy set as `seed` draws it.
   */
  previewSamples(data: DataSpec, seed: number, count: number): Promise<DataPreview>;
  /**
   * Runs the kernel conformance suite on a WebGPU device of its own, inside this worker, and
   * returns every case's result (for the browser test, and for anyone who doubts a GPU).
   */
  selfTest(): Promise<SelfTestReport>;
  /** The current model's weights (parameters and running statistics) as a file's bytes. */
  exportWeights(): Promise<WeightsExport>;
  /**
   * The current model as an .onnx file (opset 17) whose output is the logits, the loss's input;
   * with `referenceCount` > 0, also that many test samples and our logits for them, from the
   * same weights, for checking the file in ONNX Runtime.
   */
  exportOnnx(referenceCount?: number): Promise<OnnxExport>;
  /**
   * Loads a weights file into the current model when every tensor matches by name and size,
   * then evaluates it (an 'eval' event follows). The run's optimizer state and step stay.
   */
  importWeights(bytes: Uint8Array): Promise<WeightsImport>;
  /** Test hook: destroys the GPU device, as a driver reset would. False when not on WebGPU. */
  debugLoseDevice(): Promise<boolean>;
  /**
   * Reads a CIFAR-10 binary archive a person gave (tar or tar.gz, any subset of its batches),
   * streaming it; when it is sound, keeps it (IndexedDB) as the CIFAR-10 every later load reads.
   */
  useCifarArchive(file: File): Promise<CifarArchiveResult>;
  /**
   * Reads a folder of images in per-class subfolders (root/<class>/…, or root/train/<class>
   * and root/test/<class>), decoding and resizing every image here in the worker, and keeps it
   * (IndexedDB). `onProgress` (pass it wrapped in `Comlink.proxy`) hears the decoding.
   */
  readImageFolder(
    files: FolderFile[],
    settings: { size: number; channels: 1 | 3; resize: 'crop' | 'squash' },
    onProgress?: (done: number, total: number, message: string) => void,
  ): Promise<ImageFolderResult>;
  /** The image folders this browser holds, newest first. */
  keptImageSets(): Promise<KeptImageSet[]>;
  /** Forgets a kept image folder. */
  removeImageSet(fingerprint: string): Promise<void>;
  /**
   * The loss on a fixed batch over a resolution × resolution grid (21 to 61, made odd) around
   * the current weights, along two random filter-normalised directions, a, b ∈ [−span, span].
   * Runs between chunks of training, a row at a time, without touching the run; `onRow` (pass
   * it wrapped in `Comlink.proxy`) hears each row done.
   */
  lossSlice(
    resolution: number,
    span: number,
    onRow?: (done: number, of: number) => void,
  ): Promise<LandscapeAnswer<LossSliceFrame>>;
  /** The loss on the same batch along the line from the initial to the current weights. */
  lossLine(): Promise<LandscapeAnswer<LossLineFrame>>;
  /** λmax and λmin of the Hessian on the same batch, by Lanczos on at most `products` Hessian-vector products. */
  curvature(products: number): Promise<LandscapeAnswer<CurvatureFrame>>;
  /**
   * The training path so far (weights kept every few steps from θ₀, thinned as the run grows)
   * on the plane of its first two principal components, with the loss on that plane over a
   * resolution × resolution grid around it, on the same fixed batch.
   */
  trajectory(
    resolution: number,
    onRow?: (done: number, of: number) => void,
  ): Promise<LandscapeAnswer<TrajectoryFrame>>;
  /**
   * While training, measures λmax and λmin every `steps` steps (ten Hessian-vector products each,
   * between chunks) and sends them as 'curvature' events; null stops it.
   */
  trackCurvature(steps: number | null): Promise<void>;
  /**
   * Node `nodeId`'s output ('input': the raw samples) on the first `count` test samples (at most
   * 5,000), with their labels, on the current weights, without touching the run: what the
   * representations map feeds t-SNE. Null when nothing is loaded.
   */
  layerActivations(nodeId: string, count: number): Promise<LayerActivations | null>;
}
