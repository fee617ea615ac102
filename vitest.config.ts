import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// The WebGPU kernel tests run Dawn (npm `webgpu`) on SwiftShader's Vulkan driver, which
// Debian's chromium package installs. Set here, before any test process starts, so the forked
// test workers inherit it. Dawn also needs the Vulkan loader: the system's (libvulkan1) or,
// failing that, the copy chromium ships beside SwiftShader.
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
if (existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES ??= SWIFTSHADER_ICD;
const SYSTEM_LOADER = '/usr/lib/x86_64-linux-gnu/libvulkan.so.1';
if (!existsSync(SYSTEM_LOADER) && existsSync('/usr/lib/chromium/libvulkan.so.1')) {
  process.env.LD_LIBRARY_PATH = ['/usr/lib/chromium', process.env.LD_LIBRARY_PATH]
    .filter(Boolean)
    .join(':');
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
    // One test file per core. Vitest's default is one fewer than the cores, which on the CI
    // machines' two cores runs every file in turn while the other core waits.
    maxWorkers: availableParallelism(),
  },
});
