// The tuner measures every variant on real WebGPU, keeps the fastest, and caches the choice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autotune, describeTuning, tuningKey, type TuningCache } from './autotune';
import { nodeWebGpuBackend } from './testing/nodeWebGpu';
import { CONV_TILINGS, MATMUL_TILINGS, type Tuning } from './tuning';
import type { WebGpuBackend } from './webgpuBackend';

let backend: WebGpuBackend;
beforeAll(async () => {
  backend = await nodeWebGpuBackend();
});
afterAll(() => backend?.destroy());

function memoryCache(): TuningCache & { entries: Map<string, Tuning> } {
  const entries = new Map<string, Tuning>();
  return {
    entries,
    load: async (key) => entries.get(key) ?? null,
    save: async (key, t) => void entries.set(key, t),
  };
}

describe('autotune', () => {
  it('measures every matmul and conv variant and keeps the fastest', async () => {
    const cache = memoryCache();
    const report = await autotune(backend, cache);
    expect(report.cached).toBe(false);
    expect(Object.keys(report.measured.matmul).sort()).toEqual([...MATMUL_TILINGS].sort());
    expect(Object.keys(report.measured.conv).sort()).toEqual([...CONV_TILINGS].sort());
    const m = report.measured.matmul;
    const best = Math.min(...Object.values(m).map((v) => v!));
    expect(m[report.tuning.matmul]).toBe(best);
    expect(backend.tuning).toEqual(report.tuning);
    expect(cache.entries.get(tuningKey(backend.source.adapterKey))).toEqual(report.tuning);
    expect(describeTuning(report)).toMatch(/^matmul (blocked|subgroup|tiled) \(/);
  });

  it('uses the cached choice without measuring', async () => {
    const cache = memoryCache();
    const key = tuningKey(backend.source.adapterKey);
    cache.entries.set(key, { matmul: 'tiled', conv: 'tiled' });
    const report = await autotune(backend, cache);
    expect(report.cached).toBe(true);
    expect(backend.tuning).toEqual({ matmul: 'tiled', conv: 'tiled' });
    expect(describeTuning(report)).toContain('remembered');
  });

  it('ignores a corrupt cache entry and a failing cache', async () => {
    const broken: TuningCache = {
      load: async () => ({ matmul: 'warp-drive', conv: 1 }) as unknown as Tuning,
      save: async () => {
        throw new Error('quota exceeded');
      },
    };
    const report = await autotune(backend, broken);
    expect(report.cached).toBe(false);
    expect(MATMUL_TILINGS).toContain(backend.tuning.matmul);
  });
});
