// WebGPU for the Node benchmarks: Dawn (npm `webgpu`) on SwiftShader's Vulkan driver from
// Debian's chromium, as the kernel tests use it (vitest.config.ts). The driver is chosen by
// VK_ICD_FILENAMES, which the Vulkan loader reads when Dawn creates its instance, so setting it
// here, before the first device, is enough. Null, with the reason, when there is no WebGPU.
import { existsSync } from 'node:fs';
import type { WebGpuBackend } from '../src/gpu/webgpuBackend';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

export async function benchWebGpuBackend(): Promise<
  { backend: WebGpuBackend; adapter: string } | { backend: null; reason: string }
> {
  if (existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES ??= SWIFTSHADER_ICD;
  try {
    const { nodeWebGpuBackend } = await import('../src/gpu/testing/nodeWebGpu');
    const backend = await nodeWebGpuBackend();
    return { backend, adapter: backend.source.description };
  } catch (error) {
    return { backend: null, reason: error instanceof Error ? error.message : String(error) };
  }
}
