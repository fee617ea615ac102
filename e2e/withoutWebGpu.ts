// Chromium without --enable-unsafe-webgpu: navigator.gpu exists but offers no adapter, so the
// app trains on its CPU backend. On CI's machines (no GPU) that backend trains the small nets
// faster than Chromium's software WebGPU (SwiftShader), so a spec whose subject is not the GPU
// runs there; src/gpu/*.test.ts and the WebGPU specs cover the same features on WebGPU.
import config from '../playwright.config';

export const withoutWebGpu = {
  launchOptions: {
    ...config.use?.launchOptions,
    args: (config.use?.launchOptions?.args ?? []).filter((a) => a !== '--enable-unsafe-webgpu'),
  },
};
