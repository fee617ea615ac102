// WebGPU in Node for the kernel tests: Dawn through the npm package `webgpu`, on SwiftShader's
// Vulkan driver from Debian's chromium package (vitest.config.ts points the loader at it).
import { create, globals } from 'webgpu';
import { requestGpuDevice, type GpuDevice } from '../device';
import { WebGpuBackend } from '../webgpuBackend';

// Dawn's instance lives as long as this object: if the garbage collector takes it while a
// device is in use, the next event poll touches freed memory and the process crashes.
const instances: GPU[] = [];

export async function nodeGpuDevice(): Promise<GpuDevice> {
  Object.assign(globalThis, globals);
  const gpu = create([]);
  instances.push(gpu);
  return requestGpuDevice(gpu);
}

export async function nodeWebGpuBackend(): Promise<WebGpuBackend> {
  return new WebGpuBackend(await nodeGpuDevice());
}
