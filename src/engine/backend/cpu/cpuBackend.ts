// The CPU backend: the readable reference every other backend is tested against, and the
// fallback where WebGPU is missing. Kernels run at once on preallocated typed arrays; each
// family of kernels lives in its own file beside this one.
import type { Backend, BackendLimits, DeviceBuffer, DType, PrepareReport } from '../backend';
import { CpuBuffer } from './cpuBuffer';
import { randomFill } from './random';
import { matmul, sumRows } from './matmul';
import { add, combine, copyBlocks, fill, unary, unaryBackward } from './elementwise';
import { conv2d, conv2dBackwardData, conv2dBackwardFilter } from './conv';
import { avgPool, avgPoolBackward, maxPool, maxPoolBackward } from './pool';
import { softmax, softmaxBackward } from './softmax';
import { loss } from './loss';
import { batchNorm, batchNormBackward, dropout, dropoutBackward } from './regularize';
import { clipGradients, optimizerUpdate } from './optimizer';
import { gather } from './gather';
import { gatherImages } from './gatherImages';
import { tsneGradient, tsneUpdate } from './tsne';
import {
  batchedDot,
  batchedDotBackward,
  embeddingBag,
  embeddingScatterAdd,
  logisticLoss,
} from './embedding';

export class CpuBackend implements Backend {
  readonly name = 'cpu' as const;
  readonly description = 'JavaScript (CPU reference backend)';
  readonly limits: BackendLimits = { maxBufferBytes: 2 ** 31 - 1, maxTotalBytes: 2 ** 31 };

  alloc(size: number, dtype: DType, label: string): DeviceBuffer {
    if (!Number.isInteger(size) || size < 0) throw new Error(`alloc "${label}": bad size ${size}`);
    return new CpuBuffer(size, dtype, label);
  }

  free(_buf: DeviceBuffer): void {
    // The garbage collector reclaims typed arrays once the program drops them.
  }

  write(buf: DeviceBuffer, data: Float32Array | Int32Array | Uint8Array, offset = 0): void {
    (buf as CpuBuffer).data.set(data, offset);
  }

  async read(buf: DeviceBuffer): Promise<Float32Array | Int32Array | Uint8Array> {
    return (buf as CpuBuffer).data.slice();
  }

  submit(): void {}

  async sync(): Promise<void> {}

  /** Nothing to compile: JavaScript kernels are ready as they are. */
  async prepare(_record: () => void): Promise<PrepareReport> {
    return { pipelines: 0, ms: 0 };
  }

  fill = fill;
  randomFill = randomFill;
  matmul = matmul;
  sumRows = sumRows;
  conv2d = conv2d;
  conv2dBackwardData = conv2dBackwardData;
  conv2dBackwardFilter = conv2dBackwardFilter;
  maxPool = maxPool;
  maxPoolBackward = maxPoolBackward;
  avgPool = avgPool;
  avgPoolBackward = avgPoolBackward;
  unary = unary;
  unaryBackward = unaryBackward;
  softmax = softmax;
  softmaxBackward = softmaxBackward;
  add = add;
  combine = combine;
  copyBlocks = copyBlocks;
  dropout = dropout;
  dropoutBackward = dropoutBackward;
  batchNorm = batchNorm;
  batchNormBackward = batchNormBackward;
  loss = loss;
  clipGradients = clipGradients;
  optimizerUpdate = optimizerUpdate;
  gather = gather;
  gatherImages = gatherImages;
  embeddingBag = embeddingBag;
  embeddingScatterAdd = embeddingScatterAdd;
  batchedDot = batchedDot;
  batchedDotBackward = batchedDotBackward;
  logisticLoss = logisticLoss;
  tsneGradient = tsneGradient;
  tsneUpdate = tsneUpdate;
}
