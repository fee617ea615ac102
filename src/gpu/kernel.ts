// A kernel is a WGSL compute shader plus what the host must know to run it: the storage
// buffers it binds (in binding order; its `Params` uniform follows them) and how a small
// integer "variant" maps to override constants. Variants are how one WGSL file serves
// several specialisations (transposes, tilings, op kinds) without branches in hot loops;
// the wrapper computes the variant from its flags, so looking a pipeline up allocates nothing.
import prelude from './kernels/prelude.wgsl?raw';

/** A storage binding the kernel only reads, or also writes. */
export type BindingAccess = 'read' | 'write';

export interface KernelDef {
  readonly name: string;
  readonly source: string;
  readonly bindings: readonly BindingAccess[];
  /** The override constants of a variant; absent when the kernel has one variant. */
  readonly constants?: (variant: number) => Record<string, number>;
}

export interface Pipeline {
  readonly def: KernelDef;
  readonly variant: number;
  readonly layout: GPUBindGroupLayout;
  /** Null until compiled. */
  pipeline: GPUComputePipeline | null;
  compiling: Promise<void> | null;
}

export function defineKernel(def: KernelDef): KernelDef {
  if (def.bindings.length > 8) {
    // Chromium on SwiftShader allows 10 storage buffers per stage; keep a margin for later ones.
    throw new Error(`kernel ${def.name}: ${def.bindings.length} storage bindings, at most 8`);
  }
  return def;
}

/**
 * The same kernel on four neighbouring elements per invocation: its WGSL declares its element
 * type as `alias V = f32;` (or `alias U = u32;`) and this makes them vec4s. On SwiftShader an
 * invocation's fixed cost dwarfs one element's work, so four per invocation runs about 3× faster;
 * on GPUs the vector loads are the wide ones memory likes. The caller counts in vec4s and uses
 * it only when every size and offset is a multiple of 4.
 */
export function vectorized(def: KernelDef): KernelDef {
  const source = def.source
    .replace('alias V = f32;', 'alias V = vec4<f32>;')
    .replace('alias U = u32;', 'alias U = vec4<u32>;');
  if (source === def.source) throw new Error(`kernel ${def.name} declares no element alias`);
  return { ...def, name: `${def.name}Vec4`, source };
}

/** Whether every count is a positive multiple of 4, so a vectorized kernel can take it. */
export function fitsVec4(...counts: number[]): boolean {
  for (const c of counts) if (c % 4 !== 0) return false;
  return true;
}

/** The kernel's source after the shared prelude; its `enable` directives must come first of all. */
function withPrelude(source: string): string {
  const lines = source.split('\n');
  const enables = lines.filter((l) => l.startsWith('enable '));
  const rest = lines.filter((l) => !l.startsWith('enable '));
  return [...enables, prelude, ...rest].join('\n');
}

/** Compiles each (kernel, variant) once; bind group layouts are shared by binding signature. */
export class PipelineCache {
  private readonly layouts = new Map<string, GPUBindGroupLayout>();
  private readonly pipelineLayouts = new Map<GPUBindGroupLayout, GPUPipelineLayout>();
  private readonly modules = new Map<KernelDef, GPUShaderModule>();
  private readonly byDef = new Map<KernelDef, Map<number, Pipeline>>();
  /** Milliseconds spent creating pipelines, synchronously or not. */
  compileMs = 0;
  compiled = 0;

  constructor(
    private readonly device: GPUDevice,
    private readonly uniformBytes: number,
  ) {}

  /** The pipeline of a kernel variant, created on first use (not compiled yet). */
  get(def: KernelDef, variant = 0): Pipeline {
    let variants = this.byDef.get(def);
    if (variants === undefined) {
      variants = new Map();
      this.byDef.set(def, variants);
    }
    let entry = variants.get(variant);
    if (entry === undefined) {
      entry = { def, variant, layout: this.layout(def.bindings), pipeline: null, compiling: null };
      variants.set(variant, entry);
    }
    return entry;
  }

  /** Compiles now, blocking: for a pipeline first needed in the middle of recording. */
  compileNow(p: Pipeline): GPUComputePipeline {
    if (p.pipeline !== null) return p.pipeline;
    const t0 = performance.now();
    p.pipeline = this.device.createComputePipeline(this.descriptor(p));
    this.compileMs += performance.now() - t0;
    this.compiled++;
    return p.pipeline;
  }

  /** Starts an asynchronous compile (off the thread that records) unless one exists. */
  compileAsync(p: Pipeline): Promise<void> {
    if (p.pipeline !== null) return Promise.resolve();
    if (p.compiling === null) {
      const t0 = performance.now();
      p.compiling = this.device.createComputePipelineAsync(this.descriptor(p)).then((pipeline) => {
        p.pipeline = pipeline;
        p.compiling = null;
        this.compileMs += performance.now() - t0;
        this.compiled++;
      });
    }
    return p.compiling;
  }

  layout(bindings: readonly BindingAccess[]): GPUBindGroupLayout {
    const key = bindings.join(',');
    let layout = this.layouts.get(key);
    if (layout === undefined) {
      const entries: GPUBindGroupLayoutEntry[] = bindings.map((access, binding) => ({
        binding,
        visibility: GPUShaderStage.COMPUTE,
        buffer: { type: access === 'read' ? 'read-only-storage' : 'storage' },
      }));
      entries.push({
        binding: bindings.length,
        visibility: GPUShaderStage.COMPUTE,
        buffer: { type: 'uniform', hasDynamicOffset: true, minBindingSize: this.uniformBytes },
      });
      layout = this.device.createBindGroupLayout({ label: `layout(${key})`, entries });
      this.layouts.set(key, layout);
    }
    return layout;
  }

  private descriptor(p: Pipeline): GPUComputePipelineDescriptor {
    let module = this.modules.get(p.def);
    if (module === undefined) {
      module = this.device.createShaderModule({
        label: p.def.name,
        code: withPrelude(p.def.source),
      });
      this.modules.set(p.def, module);
    }
    let layout = this.pipelineLayouts.get(p.layout);
    if (layout === undefined) {
      layout = this.device.createPipelineLayout({ bindGroupLayouts: [p.layout] });
      this.pipelineLayouts.set(p.layout, layout);
    }
    return {
      label: `${p.def.name}#${p.variant}`,
      layout,
      compute: { module, entryPoint: 'main', constants: p.def.constants?.(p.variant) ?? {} },
    };
  }
}
