// The WebGPU backend: the same kernels as the CPU reference, as WGSL compute shaders on device
// buffers. A kernel call records a dispatch into the current command encoder (see GpuContext);
// submit() sends the whole recording, normally one training step, in one command buffer; read()
// is the only way back and is asynchronous. Each family of kernels lives in kernels/, its WGSL
// beside the few lines of TypeScript that bind it.
import type {
  Backend,
  BackendLimits,
  DeviceBuffer,
  DType,
  PrepareReport,
} from '../engine/backend/backend';
import type { GpuDevice } from './device';
import { asGpuBuffer, deviceBytes, GpuBuffer } from './gpuBuffer';
import { GpuContext } from './gpuContext';
import { Readback } from './readback';
import { add, combine, copyBlocks, fill, unary, unaryBackward } from './kernels/elementwise';
import { dropout, dropoutBackward, randomFill } from './kernels/random';
import { gather } from './kernels/gather';
import { gatherImages } from './kernels/gatherImages';
import { matmul, sumRows } from './kernels/matmul';
import { conv2d, conv2dBackwardData, conv2dBackwardFilter } from './kernels/conv';
import { avgPool, avgPoolBackward, maxPool, maxPoolBackward } from './kernels/pool';
import { softmax, softmaxBackward } from './kernels/softmax';
import { loss } from './kernels/loss';
import { batchNorm, batchNormBackward } from './kernels/batchnorm';
import { clipGradients, optimizerUpdate } from './kernels/optimizer';
import * as embedding from './kernels/embedding';
import { tsneGradient, tsneUpdate } from './kernels/tsne';
import { DEFAULT_TUNING, type Tuning } from './tuning';

/** What we are prepared to allocate in all: WebGPU does not say how much memory a GPU has. */
const DEFAULT_MEMORY_BUDGET = 2 * 1024 ** 3;

export class WebGpuBackend implements Backend {
  readonly name = 'webgpu' as const;
  readonly description: string;
  readonly limits: BackendLimits;
  readonly gpu: GpuContext;
  /** Resolves when the device is lost (destroyed, reset by the driver, or the tab suspended). */
  readonly lost: Promise<GPUDeviceLostInfo>;
  tuning: Tuning = DEFAULT_TUNING;
  private readonly readback: Readback;
  private error: string | null = null;
  private isLost = false;
  private live = 0;

  constructor(
    readonly source: GpuDevice,
    options: { memoryBudget?: number } = {},
  ) {
    const device = source.device;
    this.description = `WebGPU on ${source.description}`;
    this.limits = {
      maxBufferBytes: Math.min(
        device.limits.maxBufferSize,
        device.limits.maxStorageBufferBindingSize,
      ),
      maxTotalBytes: options.memoryBudget ?? DEFAULT_MEMORY_BUDGET,
    };
    this.gpu = new GpuContext(device);
    this.readback = new Readback(this.gpu);
    this.lost = device.lost.then((info) => {
      this.isLost = true;
      return info;
    });
    device.addEventListener('uncapturederror', (event) => {
      const e = (event as GPUUncapturedErrorEvent).error;
      this.error ??= e.message;
    });
  }

  get deviceLost(): boolean {
    return this.isLost;
  }

  /** Bytes allocated and not freed. */
  get liveBytes(): number {
    return this.live;
  }

  alloc(size: number, dtype: DType, label: string): DeviceBuffer {
    if (!Number.isInteger(size) || size < 0) throw new Error(`alloc "${label}": bad size ${size}`);
    const bytes = deviceBytes(size, dtype);
    if (bytes > this.limits.maxBufferBytes) {
      throw new Error(
        `"${label}" needs ${bytes.toLocaleString('en')} bytes in one buffer; this GPU allows ${this.limits.maxBufferBytes.toLocaleString('en')}`,
      );
    }
    const buffer = this.gpu.device.createBuffer({
      label,
      size: bytes,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    });
    this.live += bytes;
    return new GpuBuffer(size, dtype, label, buffer);
  }

  free(buf: DeviceBuffer): void {
    const g = asGpuBuffer(buf);
    // Work recorded but not submitted may use it; submitted work keeps it alive until done.
    if (!this.gpu.idle) this.gpu.flush();
    this.live -= g.byteLength;
    g.buffer.destroy();
  }

  write(buf: DeviceBuffer, data: Float32Array | Int32Array | Uint8Array, offset = 0): void {
    const g = asGpuBuffer(buf);
    const elementBytes = g.dtype === 'u8' ? 1 : 4;
    if (offset < 0 || offset + data.length > g.size) {
      throw new Error(
        `write "${g.label}": ${data.length} values at ${offset} do not fit its ${g.size}`,
      );
    }
    const byteOffset = offset * elementBytes;
    let bytes = new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
    if (byteOffset % 4 !== 0) {
      throw new Error(`write "${g.label}": byte offset ${byteOffset} is not a multiple of 4`);
    }
    if (bytes.byteLength % 4 !== 0) {
      // writeBuffer moves whole words; pad the tail with zeros (within the buffer's own padding
      // when the write ends at the buffer's end).
      const padded = new Uint8Array(new ArrayBuffer(Math.ceil(bytes.byteLength / 4) * 4));
      padded.set(bytes);
      bytes = padded;
    }
    // Writes take effect in program order: flush what was recorded before this one.
    if (!this.gpu.idle) this.gpu.flush();
    this.gpu.device.queue.writeBuffer(g.buffer, byteOffset, bytes);
  }

  async read(buf: DeviceBuffer): Promise<Float32Array | Int32Array | Uint8Array> {
    this.throwIfFailed();
    const result = await this.readback.read(asGpuBuffer(buf));
    this.throwIfFailed();
    return result;
  }

  submit(): void {
    this.throwIfFailed();
    this.gpu.flush();
  }

  async sync(): Promise<void> {
    this.submit();
    await this.gpu.device.queue.onSubmittedWorkDone();
    this.throwIfFailed();
  }

  async prepare(
    record: () => void,
    onProgress?: (compiled: number, total: number) => void,
  ): Promise<PrepareReport> {
    const t0 = performance.now();
    const pipelines = await this.gpu.collectPipelines(record, onProgress);
    return { pipelines, ms: performance.now() - t0 };
  }

  /** Releases the device; the backend is unusable afterwards. */
  destroy(): void {
    this.readback.destroy();
    this.gpu.device.destroy();
  }

  private throwIfFailed(): void {
    if (this.isLost) throw new Error('the GPU device was lost');
    if (this.error !== null) {
      const message = this.error;
      this.error = null;
      throw new Error(`WebGPU: ${message}`);
    }
  }

  fill(buf: DeviceBuffer, value: number, n?: number): void {
    fill(this.gpu, buf, value, n);
  }
  randomFill: Backend['randomFill'] = (p) => randomFill(this.gpu, p);
  matmul: Backend['matmul'] = (p) => matmul(this.gpu, p, this.tuning);
  sumRows: Backend['sumRows'] = (p) => sumRows(this.gpu, p);
  conv2d: Backend['conv2d'] = (p) => conv2d(this.gpu, p, this.tuning);
  conv2dBackwardData: Backend['conv2dBackwardData'] = (p) =>
    conv2dBackwardData(this.gpu, p, this.tuning);
  conv2dBackwardFilter: Backend['conv2dBackwardFilter'] = (p) =>
    conv2dBackwardFilter(this.gpu, p, this.tuning);
  maxPool: Backend['maxPool'] = (p) => maxPool(this.gpu, p);
  maxPoolBackward: Backend['maxPoolBackward'] = (p) => maxPoolBackward(this.gpu, p);
  avgPool: Backend['avgPool'] = (p) => avgPool(this.gpu, p);
  avgPoolBackward: Backend['avgPoolBackward'] = (p) => avgPoolBackward(this.gpu, p);
  unary: Backend['unary'] = (p) => unary(this.gpu, p);
  unaryBackward: Backend['unaryBackward'] = (p) => unaryBackward(this.gpu, p);
  softmax: Backend['softmax'] = (p) => softmax(this.gpu, p);
  softmaxBackward: Backend['softmaxBackward'] = (p) => softmaxBackward(this.gpu, p);
  add: Backend['add'] = (p) => add(this.gpu, p);
  combine: Backend['combine'] = (p) => combine(this.gpu, p);
  copyBlocks: Backend['copyBlocks'] = (p) => copyBlocks(this.gpu, p);
  dropout: Backend['dropout'] = (p) => dropout(this.gpu, p);
  dropoutBackward: Backend['dropoutBackward'] = (p) => dropoutBackward(this.gpu, p);
  batchNorm: Backend['batchNorm'] = (p) => batchNorm(this.gpu, p);
  batchNormBackward: Backend['batchNormBackward'] = (p) => batchNormBackward(this.gpu, p);
  loss: Backend['loss'] = (p) => loss(this.gpu, p);
  clipGradients: Backend['clipGradients'] = (p) => clipGradients(this.gpu, p);
  optimizerUpdate: Backend['optimizerUpdate'] = (p) => optimizerUpdate(this.gpu, p);
  gather: Backend['gather'] = (p) => gather(this.gpu, p);
  gatherImages: Backend['gatherImages'] = (p) => gatherImages(this.gpu, p);
  embeddingBag: Backend['embeddingBag'] = (p) => embedding.embeddingBag(this.gpu, p);
  embeddingScatterAdd: Backend['embeddingScatterAdd'] = (p) =>
    embedding.embeddingScatterAdd(this.gpu, p);
  batchedDot: Backend['batchedDot'] = (p) => embedding.batchedDot(this.gpu, p);
  batchedDotBackward: Backend['batchedDotBackward'] = (p) =>
    embedding.batchedDotBackward(this.gpu, p);
  logisticLoss: Backend['logisticLoss'] = (p) => embedding.logisticLoss(this.gpu, p);
  tsneGradient: Backend['tsneGradient'] = (p) => tsneGradient(this.gpu, p);
  tsneUpdate: Backend['tsneUpdate'] = (p) => tsneUpdate(this.gpu, p);
}
