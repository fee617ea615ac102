/**
 * What a backend is, and what it is not.
 *
 * A Backend owns device memory and the kernels that run on it: dense and convolutional
 * linear algebra, element-wise maps, reductions, the fused loss and optimizer passes, and
 * the seeded random draws. Nothing more. It never knows what a module, a layer, a graph or
 * a user interface is: modules call kernels on buffers; the backend runs them.
 *
 * Kernel calls are *recorded*, not awaited. On the CPU backend a call runs at once; on the
 * WebGPU backend a call appends a dispatch to the current command encoder and `submit()`
 * sends the whole training step to the GPU in one go. So a kernel call never returns data:
 * the only way to see numbers is `read()`, which is asynchronous and meant to be rare.
 *
 * Every parameter object passed to a kernel is built once, at compile time, and reused at
 * every step; fields documented as "per step" (learning rate, step counter, valid rows) may
 * be mutated between steps. This is what keeps the step loop free of allocation.
 *
 * Layouts: every tensor is a flat buffer in row-major order. Activations of image-like
 * values are NCHW (batch, channels, height, width); dense activations are (batch, features).
 */

import type { EmbeddingKernels } from './embeddingKernels';
import type { TsneKernels } from './tsneKernels';

export type DType = 'f32' | 'i32' | 'u8';

/** A buffer living in a backend's memory. Opaque outside the backend that made it. */
export interface DeviceBuffer {
  readonly size: number;
  readonly dtype: DType;
  readonly label: string;
}

export type Activation = 'none' | 'relu';

export type UnaryOp = 'relu' | 'leakyRelu' | 'tanh' | 'sigmoid' | 'abs';

/** C[m×n] = op(A)[m×k] · op(B)[k×n] (+ C if accumulate) (+ bias[n]), then activation. */
export interface MatmulParams {
  a: DeviceBuffer;
  b: DeviceBuffer;
  c: DeviceBuffer;
  m: number;
  n: number;
  k: number;
  /** A is stored k×m and used transposed. */
  transA: boolean;
  /** B is stored n×k and used transposed. */
  transB: boolean;
  accumulate: boolean;
  bias?: DeviceBuffer;
  activation?: Activation;
}

/** Geometry of a 2-D convolution or pooling window over NCHW tensors. */
export interface WindowGeometry {
  batch: number;
  inC: number;
  inH: number;
  inW: number;
  outC: number;
  outH: number;
  outW: number;
  kH: number;
  kW: number;
  stride: number;
  pad: number;
}

/** y = act(conv(x, w) + b); w is outC×inC×kH×kW, b is outC; the activation is fused (none by default). */
export interface Conv2dParams {
  geom: WindowGeometry;
  x: DeviceBuffer;
  w: DeviceBuffer;
  b: DeviceBuffer | null;
  y: DeviceBuffer;
  activation?: Activation;
}

/** dx (+)= convᵀ(dy, w). */
export interface Conv2dBackwardDataParams {
  geom: WindowGeometry;
  dy: DeviceBuffer;
  w: DeviceBuffer;
  dx: DeviceBuffer;
  accumulate: boolean;
}

/** dw (+)= dy ⋆ x,  db (+)= Σ dy over batch and space. */
export interface Conv2dBackwardFilterParams {
  geom: WindowGeometry;
  x: DeviceBuffer;
  dy: DeviceBuffer;
  dw: DeviceBuffer;
  db: DeviceBuffer | null;
  accumulate: boolean;
}

/** Pooling keeps channels: geom.outC === geom.inC. `argmax` (i32, size of y) is for max pooling. */
export interface PoolParams {
  geom: WindowGeometry;
  x: DeviceBuffer;
  y: DeviceBuffer;
  argmax: DeviceBuffer | null;
}

export interface PoolBackwardParams {
  geom: WindowGeometry;
  dy: DeviceBuffer;
  dx: DeviceBuffer;
  argmax: DeviceBuffer | null;
  accumulate: boolean;
}

export interface UnaryParams {
  op: UnaryOp;
  x: DeviceBuffer;
  y: DeviceBuffer;
  n: number;
  /** Negative slope for leakyRelu. */
  alpha: number;
}

/** dx (+)= dy · f'(x), using x or y = f(x), whichever the op needs. */
export interface UnaryBackwardParams extends UnaryParams {
  dy: DeviceBuffer;
  dx: DeviceBuffer;
  accumulate: boolean;
}

/** Row-wise softmax or log-softmax over a rows×cols matrix. */
export interface SoftmaxParams {
  x: DeviceBuffer;
  y: DeviceBuffer;
  rows: number;
  cols: number;
  log: boolean;
}

/** dx (+)= J(y)ᵀ dy, for y = softmax(x) or log-softmax(x). */
export interface SoftmaxBackwardParams extends SoftmaxParams {
  dy: DeviceBuffer;
  dx: DeviceBuffer;
  accumulate: boolean;
}

/**
 * The fused loss pass. Only the first `validRows` rows (per step) count; the rest of the
 * batch is padding. Adds Σ loss over valid rows into metrics[0] and the number of correct
 * predictions into metrics[1] (so metrics accumulate on the device across steps), and writes
 * dPred = ∂(mean loss over valid rows)/∂pred, zero on padding rows.
 */
export interface LossParams {
  kind: 'softmaxCrossEntropy' | 'meanSquaredError' | 'hinge';
  pred: DeviceBuffer;
  /** i32 class indices (cross-entropy, hinge) or f32 values shaped like pred (MSE). */
  target: DeviceBuffer;
  rows: number;
  cols: number;
  validRows: number;
  dPred: DeviceBuffer | null;
  metrics: DeviceBuffer;
  /** Hinge only: Δ in Σ_{j≠y} max(0, s_j − s_y + Δ); 1 when absent. */
  margin?: number;
}

/** out[i] = a[i] + b[i mod b.size] — b broadcast over leading dimensions. */
export interface AddParams {
  a: DeviceBuffer;
  b: DeviceBuffer;
  out: DeviceBuffer;
  n: number;
  bSize: number;
}

/** out[i] = x[i] + a·y[i] + b·z[i], i < n: a point θ + a·d₁ + b·d₂ of a plane in weight space. */
export interface CombineParams {
  x: DeviceBuffer;
  y: DeviceBuffer;
  z: DeviceBuffer;
  out: DeviceBuffer;
  a: number;
  b: number;
  n: number;
}

/**
 * Copy `blocks` contiguous runs of `blockSize` elements from src to dst with independent
 * strides and offsets: the building block of concat, split and their gradients.
 */
export interface CopyBlocksParams {
  src: DeviceBuffer;
  dst: DeviceBuffer;
  blocks: number;
  blockSize: number;
  srcOffset: number;
  srcStride: number;
  dstOffset: number;
  dstStride: number;
  accumulate: boolean;
}

/** Inverted dropout: keep with probability 1−p, scale kept values by 1/(1−p). */
export interface DropoutParams {
  x: DeviceBuffer;
  y: DeviceBuffer;
  /** f32 mask of 0 or 1/(1−p), reused by the backward pass. */
  mask: DeviceBuffer;
  n: number;
  p: number;
  seed: number;
  /** Per step: the RNG counter base, so every step draws fresh bits. */
  counter: number;
}

/**
 * Batch normalisation over N×C×S (S = spatial size, 1 for dense inputs), per channel.
 * Training: normalise with batch statistics, save mean and 1/σ for backward, and update the
 * running statistics with `momentum` (running = (1−m)·running + m·batch, unbiased variance).
 * Evaluation: normalise with the running statistics.
 */
export interface BatchNormParams {
  x: DeviceBuffer;
  y: DeviceBuffer;
  gamma: DeviceBuffer;
  beta: DeviceBuffer;
  runningMean: DeviceBuffer;
  runningVar: DeviceBuffer;
  savedMean: DeviceBuffer;
  savedInvStd: DeviceBuffer;
  batch: number;
  channels: number;
  spatial: number;
  eps: number;
  momentum: number;
  training: boolean;
}

export interface BatchNormBackwardParams {
  x: DeviceBuffer;
  dy: DeviceBuffer;
  dx: DeviceBuffer;
  gamma: DeviceBuffer;
  dGamma: DeviceBuffer;
  dBeta: DeviceBuffer;
  savedMean: DeviceBuffer;
  savedInvStd: DeviceBuffer;
  batch: number;
  channels: number;
  spatial: number;
  accumulate: boolean;
  /**
   * The forward pass used the running statistics (evaluation): they are constants, so
   * dx (+)= γσ⁻¹·dy alone (a probe's saliency through a trained net). Default false.
   */
  frozen?: boolean;
}

/** dst (+)= Σ over rows of src (rows×cols): the bias gradient of a dense layer. */
export interface SumRowsParams {
  src: DeviceBuffer;
  dst: DeviceBuffer;
  rows: number;
  cols: number;
  accumulate: boolean;
}

/** Per step fields: lr, step (1-based), and whether decay is active this epoch. */
export interface OptimizerHyper {
  lr: number;
  step: number;
  /** L2 coefficient (added to the gradient as l2·w). */
  l2: number;
  /** L1 coefficient (added to the gradient as l1·sign(w)). */
  l1: number;
  /** Optional device scalar that multiplies every gradient (set by clipping). */
  gradScale: DeviceBuffer | null;
}

export type OptimizerKind = 'sgd' | 'adam' | 'rmsprop' | 'adagrad';

/** One fused pass over a parameter buffer: decay, scaling, state update and the step. */
export interface OptimizerUpdateParams {
  kind: OptimizerKind;
  param: DeviceBuffer;
  grad: DeviceBuffer;
  /** Optimizer state: velocity (sgd), first moment (adam), square average (rmsprop, adagrad). */
  state1: DeviceBuffer | null;
  /** Second moment (adam). */
  state2: DeviceBuffer | null;
  n: number;
  hyper: OptimizerHyper;
  momentum: number;
  nesterov: boolean;
  beta1: number;
  beta2: number;
  /** rmsprop decay rate. */
  rho: number;
  eps: number;
}

/**
 * Global gradient-norm clipping, on the device: scale = min(1, maxNorm / ‖g‖) where ‖g‖² is the
 * sum of squares over every gradient buffer. Written to `scale` (1 element) for the updates.
 */
export interface ClipParams {
  grads: DeviceBuffer[];
  sizes: number[];
  maxNorm: number;
  /** f32 scratch of at least 1 element. */
  sumSquares: DeviceBuffer;
  scale: DeviceBuffer;
}

/**
 * Minibatch assembly from a dataset resident on the device: for b < batch,
 * out[b, j] = src[indices[offset + b] · rowSize + j] · scale + shift, and
 * labelsOut[b] = labels[indices[offset + b]].
 */
export interface GatherParams {
  src: DeviceBuffer;
  labels: DeviceBuffer | null;
  indices: DeviceBuffer;
  /** Per step: position of this batch in the index buffer. */
  offset: number;
  batch: number;
  rowSize: number;
  out: DeviceBuffer;
  labelsOut: DeviceBuffer | null;
  scale: number;
  shift: number;
}

/**
 * Minibatch gather of images (channels × height × width bytes per row) with per-channel
 * normalisation and, for training, augmentation:
 *   out[b, c, y, x] = img[c, y + dy, x' + dx]·scale[c] + shift[c],  x' = flip ? width−1−x : x
 * where pixels outside the image read as 0 (black padding), and (dx, dy, flip) are drawn for
 * each row from randomBits(seed, RandomStream.augment, draw·batch + b) — see augmentDraw.
 */
export interface ImageGatherParams {
  src: DeviceBuffer;
  labels: DeviceBuffer;
  indices: DeviceBuffer;
  offset: number;
  batch: number;
  channels: number;
  height: number;
  width: number;
  out: DeviceBuffer;
  labelsOut: DeviceBuffer;
  /** One per channel (at most 4). */
  scale: number[];
  shift: number[];
  /** Random-crop padding in pixels (0: no crop) and mirroring; both off for evaluation. */
  pad: number;
  flip: boolean;
  seed: number;
  /** Per step: which draw of augmentations this is (the training step). */
  draw: number;
}

/** Fill with draws from rng.ts: uniform on [a, b) or normal with mean a and std b. */
export interface RandomFillParams {
  buf: DeviceBuffer;
  n: number;
  distribution: 'uniform' | 'normal';
  a: number;
  b: number;
  seed: number;
  counter: number;
}

export interface BackendLimits {
  maxBufferBytes: number;
  /** Total memory this backend is prepared to allocate. */
  maxTotalBytes: number;
}

/** What `prepare` did: how many kernel pipelines it compiled, and how long that took. */
export interface PrepareReport {
  pipelines: number;
  ms: number;
}

export interface Backend extends EmbeddingKernels, TsneKernels {
  readonly name: 'cpu' | 'webgpu';
  /** What runs it, in words ("JavaScript, main thread", "SwiftShader (fallback adapter)"). */
  readonly description: string;
  readonly limits: BackendLimits;

  alloc(size: number, dtype: DType, label: string): DeviceBuffer;
  free(buf: DeviceBuffer): void;
  write(buf: DeviceBuffer, data: Float32Array | Int32Array | Uint8Array, offset?: number): void;
  read(buf: DeviceBuffer): Promise<Float32Array | Int32Array | Uint8Array>;
  /** Send everything recorded so far for execution. A no-op where kernels run at once. */
  submit(): void;
  /** Resolves when everything submitted has run. */
  sync(): Promise<void>;
  /**
   * Gets every kernel that `record` would launch ready to run (on WebGPU: compiles their
   * pipelines, in parallel and off the recording thread's critical path) WITHOUT running any
   * of them: `record` is called in a dry mode where kernel calls only declare themselves.
   * Backends with nothing to compile resolve at once and need not call `record`.
   * `onProgress` hears of each kernel compiled, out of how many.
   */
  prepare(
    record: () => void,
    onProgress?: (compiled: number, total: number) => void,
  ): Promise<PrepareReport>;

  fill(buf: DeviceBuffer, value: number, n?: number): void;
  randomFill(p: RandomFillParams): void;
  matmul(p: MatmulParams): void;
  sumRows(p: SumRowsParams): void;
  conv2d(p: Conv2dParams): void;
  conv2dBackwardData(p: Conv2dBackwardDataParams): void;
  conv2dBackwardFilter(p: Conv2dBackwardFilterParams): void;
  maxPool(p: PoolParams): void;
  maxPoolBackward(p: PoolBackwardParams): void;
  avgPool(p: PoolParams): void;
  avgPoolBackward(p: PoolBackwardParams): void;
  unary(p: UnaryParams): void;
  unaryBackward(p: UnaryBackwardParams): void;
  softmax(p: SoftmaxParams): void;
  softmaxBackward(p: SoftmaxBackwardParams): void;
  add(p: AddParams): void;
  combine(p: CombineParams): void;
  copyBlocks(p: CopyBlocksParams): void;
  dropout(p: DropoutParams): void;
  /** dx (+)= dy · mask */
  dropoutBackward(p: {
    dy: DeviceBuffer;
    mask: DeviceBuffer;
    dx: DeviceBuffer;
    n: number;
    accumulate: boolean;
  }): void;
  batchNorm(p: BatchNormParams): void;
  batchNormBackward(p: BatchNormBackwardParams): void;
  loss(p: LossParams): void;
  clipGradients(p: ClipParams): void;
  optimizerUpdate(p: OptimizerUpdateParams): void;
  gather(p: GatherParams): void;
  gatherImages(p: ImageGatherParams): void;
}
