// Every kernel of the WebGPU backend against the CPU reference, in real WebGPU (Dawn on
// SwiftShader), through the shared conformance suite; matmul and convolution cases run once
// per tiling, since the tuner may pick any of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceCases, runCase } from '../engine/backend/conformance';
import { nodeWebGpuBackend } from './testing/nodeWebGpu';
import type { WebGpuBackend } from './webgpuBackend';
import { CONV_TILINGS, DEFAULT_TUNING, MATMUL_TILINGS } from './tuning';

let backend: WebGpuBackend;

beforeAll(async () => {
  backend = await nodeWebGpuBackend();
});

afterAll(() => backend?.destroy());

describe('WebGPU backend matches the CPU backend', () => {
  for (const c of conformanceCases) {
    const tilings =
      c.tunable === 'matmul' ? MATMUL_TILINGS : c.tunable === 'conv' ? CONV_TILINGS : [null];
    for (const tiling of tilings) {
      it(`${c.kernel}, ${c.name}${tiling ? ` [${tiling}]` : ''}`, async () => {
        backend.tuning = { ...DEFAULT_TUNING, ...(tiling ? { [c.tunable!]: tiling } : {}) };
        const r = await runCase(backend, c);
        expect(r.worst, r.detail).toBeLessThanOrEqual(r.tolerance);
      });
    }
  }
});
