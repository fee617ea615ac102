// A CPU "device buffer" is just a typed array; the wrapper keeps the Backend interface honest.
import type { DeviceBuffer, DType } from '../backend';

export type CpuArray = Float32Array | Int32Array | Uint8Array;

export class CpuBuffer implements DeviceBuffer {
  readonly data: CpuArray;
  constructor(
    readonly size: number,
    readonly dtype: DType,
    readonly label: string,
  ) {
    this.data =
      dtype === 'f32'
        ? new Float32Array(size)
        : dtype === 'i32'
          ? new Int32Array(size)
          : new Uint8Array(size);
  }
}

/** The f32 data of a buffer made by the CPU backend (a programming error otherwise). */
export function f32(buf: DeviceBuffer): Float32Array {
  if (!(buf instanceof CpuBuffer) || !(buf.data instanceof Float32Array)) {
    throw new Error(`CPU backend: buffer "${buf.label}" is not an f32 CPU buffer`);
  }
  return buf.data;
}

export function i32(buf: DeviceBuffer): Int32Array {
  if (!(buf instanceof CpuBuffer) || !(buf.data instanceof Int32Array)) {
    throw new Error(`CPU backend: buffer "${buf.label}" is not an i32 CPU buffer`);
  }
  return buf.data;
}

export function u8(buf: DeviceBuffer): Uint8Array {
  if (!(buf instanceof CpuBuffer) || !(buf.data instanceof Uint8Array)) {
    throw new Error(`CPU backend: buffer "${buf.label}" is not a u8 CPU buffer`);
  }
  return buf.data;
}
