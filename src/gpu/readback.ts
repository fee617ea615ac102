// Reading device memory back: a pool of mappable staging buffers, reused by size, so the
// metrics ring read every few steps costs a copy and a map, not a new buffer. A read waits
// for the GPU to finish what was submitted before it, so the trainer does it rarely.
import type { GpuBuffer } from './gpuBuffer';
import type { GpuContext } from './gpuContext';

export class Readback {
  private readonly free = new Map<number, GPUBuffer[]>();

  constructor(private readonly gpu: GpuContext) {}

  async read(buf: GpuBuffer): Promise<Float32Array | Int32Array | Uint8Array> {
    const bytes = buf.byteLength;
    const staging = this.take(bytes);
    this.gpu.copyEncoder().copyBufferToBuffer(buf.buffer, 0, staging, 0, bytes);
    this.gpu.flush();
    try {
      await staging.mapAsync(GPUMapMode.READ, 0, bytes);
      const copy = staging.getMappedRange(0, bytes).slice(0);
      staging.unmap();
      this.give(bytes, staging);
      if (buf.dtype === 'f32') return new Float32Array(copy, 0, buf.size);
      if (buf.dtype === 'i32') return new Int32Array(copy, 0, buf.size);
      return new Uint8Array(copy, 0, buf.size);
    } catch (error) {
      // A lost device rejects the map; the staging buffer goes with it.
      staging.destroy();
      throw error;
    }
  }

  private take(bytes: number): GPUBuffer {
    const list = this.free.get(bytes);
    const reused = list?.pop();
    if (reused !== undefined) return reused;
    return this.gpu.device.createBuffer({
      label: `staging ${bytes} B`,
      size: bytes,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
  }

  private give(bytes: number, staging: GPUBuffer): void {
    let list = this.free.get(bytes);
    if (list === undefined) {
      list = [];
      this.free.set(bytes, list);
    }
    list.push(staging);
  }

  destroy(): void {
    for (const list of this.free.values()) for (const b of list) b.destroy();
    this.free.clear();
  }
}
