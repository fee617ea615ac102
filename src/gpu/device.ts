// Getting a GPU: an adapter, a device with the adapter's own buffer limits (the defaults
// would cap a storage binding at 128 MiB, less than CIFAR-10's training split), and a
// description of what it is for the status line.
export interface GpuDevice {
  adapter: GPUAdapter;
  device: GPUDevice;
  /** "SwiftShader (Google, CPU fallback adapter)", "NVIDIA ampere", ... */
  description: string;
  /** Stable across runs on the same machine and browser: the key of cached tuning choices. */
  adapterKey: string;
  isFallback: boolean;
  /** Whether the device has WGSL subgroup operations (a matmul variant uses them). */
  subgroups: boolean;
}

export class NoGpuError extends Error {}

function describe(adapter: GPUAdapter): { description: string; key: string; fallback: boolean } {
  const info = adapter.info;
  const legacy = adapter as GPUAdapter & { isFallbackAdapter?: boolean };
  const fallback = Boolean(
    (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter ??
    legacy.isFallbackAdapter,
  );
  const parts = [info.vendor, info.architecture, info.device, info.description].filter(
    (s) => typeof s === 'string' && s.length > 0,
  );
  const name =
    info.architecture === 'swiftshader'
      ? 'SwiftShader'
      : parts.length > 0
        ? parts.join(' ')
        : 'unknown adapter';
  const note = fallback ? ' (software fallback adapter, runs on the CPU)' : '';
  return { description: `${name}${note}`, key: parts.join('|') || 'unknown', fallback };
}

/** A device on the best adapter, or a NoGpuError saying why there is none. */
export async function requestGpuDevice(gpu: GPU | undefined): Promise<GpuDevice> {
  if (gpu === undefined)
    throw new NoGpuError('this browser has no WebGPU (navigator.gpu is missing)');
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (adapter === null) throw new NoGpuError('WebGPU is present but offered no adapter');
  const l = adapter.limits;
  const subgroups = adapter.features.has('subgroups');
  const device = await adapter.requestDevice({
    requiredFeatures: subgroups ? ['subgroups'] : [],
    requiredLimits: {
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
      maxStorageBuffersPerShaderStage: l.maxStorageBuffersPerShaderStage,
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
      maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
    },
  });
  const { description, key, fallback } = describe(adapter);
  return { adapter, device, description, adapterKey: key, isFallback: fallback, subgroups };
}
