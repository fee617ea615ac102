// A WebGPU "device buffer": one GPUBuffer holding a flat tensor. Bytes (u8) are packed four to
// a 32-bit word, because WGSL storage buffers have no 8-bit type; kernels that read them
// unpack with a shift. Every buffer is a whole number of words and at least one word long.
import type { DeviceBuffer, DType } from '../engine/backend/backend';

let nextId = 1;

export function bytesPerElement(dtype: DType): number {
  return dtype === 'u8' ? 1 : 4;
}

/** Bytes a buffer of `size` elements takes on the device: rounded up to whole words. */
export function deviceBytes(size: number, dtype: DType): number {
  return Math.max(4, Math.ceil((size * bytesPerElement(dtype)) / 4) * 4);
}

export class GpuBuffer implements DeviceBuffer {
  /** Distinct per buffer, for cache keys. */
  readonly id = nextId++;
  readonly byteLength: number;
  constructor(
    readonly size: number,
    readonly dtype: DType,
    readonly label: string,
    readonly buffer: GPUBuffer,
  ) {
    this.byteLength = buffer.size;
  }
}

export function asGpuBuffer(buf: DeviceBuffer): GpuBuffer {
  if (!(buf instanceof GpuBuffer)) {
    throw new Error(`WebGPU backend: buffer "${buf.label}" was not made by this backend`);
  }
  return buf;
}
