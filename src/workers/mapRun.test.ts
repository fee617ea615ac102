import { describe, expect, it } from 'vitest';
import { gaussianClusters } from '../engine/analysis/tsne/testClusters';
import type { Backend } from '../engine/backend/backend';
import { CpuBackend } from '../engine/backend/cpu/cpuBackend';
import type { MapFrame } from './analysisApi';
import { runMap, type MapHost } from './mapRun';

function host(stopAfter = Infinity): MapHost & { frames: MapFrame[] } {
  const frames: MapFrame[] = [];
  const cpu = new CpuBackend();
  return {
    frames,
    backend: async () => cpu,
    fallback: () => cpu,
    describe: () => 'CPU',
    stopped: () => frames.length >= stopAfter,
  };
}

describe('a map run', () => {
  const { x, n } = gaussianClusters(3, 20, 8, 4, 2);

  it('PCA: one frame with the explained variance', async () => {
    const h = host();
    const out = await runMap(
      { vectors: x, dim: 8, method: 'pca', perplexity: 30, iterations: 0 },
      (f) => h.frames.push(f),
      h,
    );
    expect(out.state).toBe('done');
    expect(h.frames).toHaveLength(1);
    expect(h.frames[0].layout).toHaveLength(2 * n);
    const [a, b] = h.frames[0].explained!;
    expect(a).toBeGreaterThanOrEqual(b);
    expect(a + b).toBeLessThanOrEqual(1 + 1e-9);
    expect(h.frames[0].kl).toBeNull();
  });

  it('t-SNE: frames in order of iteration, the last at the end, exaggeration flagged, KL falling', async () => {
    const h = host();
    const out = await runMap(
      { vectors: x, dim: 8, method: 'tsne', perplexity: 10, iterations: 400 },
      (f) => h.frames.push(f),
      h,
    );
    expect(out.state).toBe('done');
    const its = h.frames.map((f) => f.iteration);
    expect(its[its.length - 1]).toBe(400);
    for (let k = 1; k < its.length; k++) expect(its[k]).toBeGreaterThan(its[k - 1]);
    expect(h.frames[0].exaggerated).toBe(true);
    expect(h.frames[h.frames.length - 1].exaggerated).toBe(false);
    expect(h.frames[h.frames.length - 1].algorithm).toBe('exact');
    expect(out.last!.kl!).toBeLessThan(h.frames[0].kl!);
  });

  it('stops when told, and refines a previous layout without exaggeration', async () => {
    const h = host(1);
    const stopped = await runMap(
      { vectors: x, dim: 8, method: 'tsne', perplexity: 10, iterations: 100000 },
      (f) => h.frames.push(f),
      h,
    );
    expect(stopped.state).toBe('stopped');
    const previous = stopped.last!.layout;
    const h2 = host();
    const again = await runMap(
      { vectors: x, dim: 8, method: 'tsne', perplexity: 10, iterations: 20, previous },
      (f) => h2.frames.push(f),
      h2,
    );
    expect(again.state).toBe('done');
    expect(h2.frames.every((f) => !f.exaggerated)).toBe(true);
  });

  it('falls back to the CPU when the GPU backend fails, and refuses too few vectors', async () => {
    const broken = {
      name: 'webgpu',
      alloc: () => {
        throw new Error('out of memory');
      },
    } as unknown as Backend;
    const h = host();
    let reason = '';
    const out = await runMap(
      { vectors: x, dim: 8, method: 'tsne', perplexity: 10, iterations: 10 },
      (f) => h.frames.push(f),
      { ...h, backend: async () => broken, fallback: (r) => ((reason = r), new CpuBackend()) },
    );
    expect(out.state).toBe('done');
    expect(reason).toMatch(/WebGPU failed: out of memory/);
    const none = await runMap(
      { vectors: new Float32Array(4), dim: 2, method: 'pca', perplexity: 5, iterations: 0 },
      () => {},
      h,
    );
    expect(none.state).toBe('failed');
  });
});
