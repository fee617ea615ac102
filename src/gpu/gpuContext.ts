// Records kernels into the current command encoder. Kernel wrappers describe one dispatch at a
// time, allocation-free:
//
//   gpu.begin(pipeline, p);          // p: the Backend's parameter object, the bind-group cache key
//   gpu.buffer(p.x); gpu.buffer(p.y) // storage buffers, in binding order
//   gpu.u32(p.n); gpu.f32(p.alpha)   // the Params uniform, field by field
//   gpu.run1d(p.n)                   // or gpu.run(x, y, z)
//
// Everything recorded goes out in one submit when the Backend's submit() is called (once per
// training step). Bind groups are cached per parameter object, because the Backend contract
// builds those once at compile time; uniforms live in a shared arena with dynamic offsets.
import type { DeviceBuffer } from '../engine/backend/backend';
import { asGpuBuffer, GpuBuffer } from './gpuBuffer';
import { PipelineCache, type KernelDef, type Pipeline } from './kernel';
import { SLOT_BYTES, UniformArena } from './uniformArena';

interface CachedBindGroup {
  layout: GPUBindGroupLayout;
  buffers: GpuBuffer[];
  group: GPUBindGroup;
}

const MAX_BINDINGS = 8;
/** Uniform slots per submit; a longer recording (a whole evaluation pass) flushes midway. */
const ARENA_SLOTS = 4096;

export class GpuContext {
  readonly pipelines: PipelineCache;
  readonly maxWorkgroups: number;
  private readonly arena: UniformArena;
  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private readonly bindCache = new WeakMap<object, CachedBindGroup[]>();
  private readonly offsets = new Uint32Array(1);
  private readonly pending: GpuBuffer[] = new Array<GpuBuffer>(MAX_BINDINGS);
  private pendingCount = 0;
  private current: Pipeline | null = null;
  private currentKey: object | null = null;
  private currentOffset = 0;
  /** While set, dispatches only collect the pipelines they need (see collectPipelines). */
  private collected: Set<Pipeline> | null = null;
  private readonly placeholders: Record<'read' | 'write', GpuBuffer[]> = { read: [], write: [] };
  private readonly scratchBuffers = new WeakMap<object, GpuBuffer>();
  /** Dispatches recorded since the context was made, for tests and the bench. */
  dispatches = 0;
  submits = 0;

  /** Whether kernels may use WGSL subgroup operations. */
  readonly subgroups: boolean;

  constructor(readonly device: GPUDevice) {
    this.subgroups = device.features.has('subgroups');
    this.maxWorkgroups = device.limits.maxComputeWorkgroupsPerDimension;
    this.pipelines = new PipelineCache(device, SLOT_BYTES);
    this.arena = new UniformArena(
      device,
      ARENA_SLOTS,
      device.limits.minUniformBufferOffsetAlignment,
    );
  }

  /**
   * Device memory a kernel needs between its own dispatches (split reductions), made the
   * first time a parameter object is recorded, during the compile-time pipeline pass.
   */
  scratch(key: object, floats: number, label: string): GpuBuffer {
    const existing = this.scratchBuffers.get(key);
    if (existing !== undefined && existing.size >= floats) return existing;
    existing?.buffer.destroy();
    const bytes = Math.max(4, floats * 4);
    const buf = new GpuBuffer(
      floats,
      'f32',
      label,
      this.device.createBuffer({ label, size: bytes, usage: GPUBufferUsage.STORAGE }),
    );
    this.scratchBuffers.set(key, buf);
    return buf;
  }

  /**
   * A tiny buffer to bind where a kernel's optional input or output is absent. Distinct
   * `slot`s give distinct buffers, for kernels with two absent outputs (WebGPU forbids
   * binding one writable buffer twice).
   */
  placeholder(access: 'read' | 'write', slot = 0): GpuBuffer {
    const list = this.placeholders[access];
    let buf = list[slot];
    if (buf === undefined) {
      const label = `placeholder (${access} ${slot})`;
      buf = new GpuBuffer(
        1,
        'f32',
        label,
        this.device.createBuffer({ label, size: 16, usage: GPUBufferUsage.STORAGE }),
      );
      list[slot] = buf;
    }
    return buf;
  }

  pipeline(def: KernelDef, variant = 0): Pipeline {
    return this.pipelines.get(def, variant);
  }

  begin(pipeline: Pipeline, key: object): void {
    if (this.arena.full) {
      if (this.collected !== null) this.arena.discard();
      else this.flush();
    }
    this.current = pipeline;
    this.currentKey = key;
    this.pendingCount = 0;
    this.currentOffset = this.arena.open();
  }

  buffer(buf: DeviceBuffer): void {
    this.pending[this.pendingCount++] = asGpuBuffer(buf);
  }

  u32(v: number): void {
    this.arena.u32v(v);
  }

  i32(v: number): void {
    this.arena.i32v(v);
  }

  f32(v: number): void {
    this.arena.f32v(v);
  }

  /** Dispatches ceil(n / 256) workgroups of a 1-D kernel (see flatIndex in prelude.wgsl). */
  run1d(n: number): void {
    this.run1dGroups(Math.ceil(n / 256));
  }

  /** Dispatches `groups` workgroups numbered (wid.y · nwg.x + wid.x), over two dimensions if needed. */
  run1dGroups(groups: number): void {
    const count = Math.max(1, groups);
    const x = Math.min(count, this.maxWorkgroups);
    this.run(x, Math.ceil(count / x), 1);
  }

  run(x: number, y: number, z: number): void {
    const pipeline = this.current!;
    if (pipeline.def.bindings.length !== this.pendingCount) {
      throw new Error(
        `kernel ${pipeline.def.name}: bound ${this.pendingCount} buffers, expects ${pipeline.def.bindings.length}`,
      );
    }
    const max = this.maxWorkgroups;
    if (x > max || y > max || z > max) {
      throw new Error(
        `kernel ${pipeline.def.name}: a grid of ${x}×${y}×${z} workgroups exceeds this GPU's ${max} per dimension`,
      );
    }
    this.checkAliasing(pipeline);
    if (this.collected !== null) {
      this.collected.add(pipeline);
      return;
    }
    const group = this.bindGroup(pipeline.layout, this.currentKey!);
    const compute = pipeline.pipeline ?? this.pipelines.compileNow(pipeline);
    if (this.pass === null) {
      this.encoder = this.device.createCommandEncoder();
      this.pass = this.encoder.beginComputePass();
    }
    this.offsets[0] = this.currentOffset;
    this.pass.setPipeline(compute);
    this.pass.setBindGroup(0, group, this.offsets, 0, 1);
    this.pass.dispatchWorkgroups(x, y, z);
    this.dispatches++;
    this.current = null;
    this.currentKey = null;
  }

  /** The encoder, with no compute pass open, for copies; created if needed. */
  copyEncoder(): GPUCommandEncoder {
    if (this.pass !== null) {
      this.pass.end();
      this.pass = null;
    }
    if (this.encoder === null) this.encoder = this.device.createCommandEncoder();
    return this.encoder;
  }

  get idle(): boolean {
    return this.encoder === null && this.arena.empty;
  }

  /** Submits everything recorded so far (one command buffer) with its uniforms. */
  flush(): void {
    if (this.pass !== null) {
      this.pass.end();
      this.pass = null;
    }
    this.arena.upload();
    if (this.encoder !== null) {
      this.device.queue.submit([this.encoder.finish()]);
      this.encoder = null;
      this.submits++;
    }
  }

  /**
   * Runs `record` without executing anything, collecting the pipelines its kernel calls
   * need, then compiles them all asynchronously and in parallel. Returns how many.
   */
  async collectPipelines(
    record: () => void,
    onProgress?: (compiled: number, total: number) => void,
  ): Promise<number> {
    this.flush();
    const collected = new Set<Pipeline>();
    this.collected = collected;
    try {
      record();
    } finally {
      this.collected = null;
      this.arena.discard();
    }
    let compiled = 0;
    onProgress?.(0, collected.size);
    await Promise.all(
      [...collected].map((p) =>
        this.pipelines.compileAsync(p).then(() => onProgress?.(++compiled, collected.size)),
      ),
    );
    return collected.size;
  }

  /** WebGPU forbids a buffer bound writable twice, or writable and read-only, in one dispatch. */
  private checkAliasing(pipeline: Pipeline): void {
    const access = pipeline.def.bindings;
    for (let i = 0; i < this.pendingCount; i++) {
      if (access[i] !== 'write') continue;
      for (let j = 0; j < this.pendingCount; j++) {
        if (j !== i && this.pending[j] === this.pending[i]) {
          throw new Error(
            `kernel ${pipeline.def.name}: buffer "${this.pending[i].label}" is both an output and another binding`,
          );
        }
      }
    }
  }

  private bindGroup(layout: GPUBindGroupLayout, key: object): GPUBindGroup {
    const n = this.pendingCount;
    let list = this.bindCache.get(key);
    if (list !== undefined) {
      for (let i = 0; i < list.length; i++) {
        const e = list[i];
        if (e.layout !== layout) continue;
        let same = true;
        for (let b = 0; b < n; b++) {
          if (e.buffers[b] !== this.pending[b]) {
            same = false;
            break;
          }
        }
        if (same) return e.group;
      }
    } else {
      list = [];
      this.bindCache.set(key, list);
    }
    const buffers = this.pending.slice(0, n);
    const entries: GPUBindGroupEntry[] = buffers.map((b, binding) => ({
      binding,
      resource: { buffer: b.buffer },
    }));
    entries.push({
      binding: n,
      resource: { buffer: this.arena.buffer, offset: 0, size: SLOT_BYTES },
    });
    const group = this.device.createBindGroup({ layout, entries });
    // A key reused with ever-new buffers (a test, or a caller building parameters per call)
    // must not grow without bound.
    if (list.length >= 32) list.shift();
    list.push({ layout, buffers, group });
    return group;
  }
}
