// Picks the kernel variants for this adapter by measuring them, once, and remembers the
// choice. Register-blocked and shared-memory tiled kernels win on different hardware (10× in
// either direction), so nothing is hard-coded: each candidate runs a short problem of the
// shape it serves, and the fastest is kept. The result is cached per adapter (and per version
// of the kernels), so later visits skip the measurement.
import type { DeviceBuffer, WindowGeometry } from '../engine/backend/backend';
import {
  CONV_TILINGS,
  DEFAULT_TUNING,
  MATMUL_TILINGS,
  type ConvTiling,
  type MatmulTiling,
  type Tuning,
} from './tuning';
import type { WebGpuBackend } from './webgpuBackend';

/** Bump when kernels change enough that old measurements no longer hold. */
export const TUNING_VERSION = 2;

export interface TuningCache {
  load(key: string): Promise<Tuning | null>;
  save(key: string, tuning: Tuning): Promise<void>;
}

export interface TuningReport {
  tuning: Tuning;
  /** True when the choice came from the cache and nothing was measured. */
  cached: boolean;
  /** Milliseconds per run of each candidate, when measured. */
  measured: {
    matmul: Partial<Record<MatmulTiling, number>>;
    conv: Partial<Record<ConvTiling, number>>;
  };
  ms: number;
}

/** The shapes timed: a square GEMM, and LeNet's second convolution at batch 16. */
const MATMUL_SIZE = 128;
const CONV_GEOMETRY: WindowGeometry = {
  batch: 16,
  inC: 6,
  inH: 12,
  inW: 12,
  outC: 16,
  outH: 8,
  outW: 8,
  kH: 5,
  kW: 5,
  stride: 1,
  pad: 0,
};
/** Rounds over all candidates, interleaved so that a burst of other load hits all of them; the best round counts. */
const ROUNDS = 3;
const REPEATS = 2;

export function tuningKey(adapterKey: string): string {
  return `layercake.tuning.v${TUNING_VERSION}|${adapterKey}`;
}

/** Milliseconds per run of `record` with `tuning` set. */
async function time(backend: WebGpuBackend, tuning: Tuning, record: () => void): Promise<number> {
  backend.tuning = tuning;
  const t0 = performance.now();
  for (let i = 0; i < REPEATS; i++) record();
  await backend.sync();
  return (performance.now() - t0) / REPEATS;
}

/** The best of ROUNDS interleaved timings of each candidate (after one untimed warm-up run). */
async function timeAll<T extends string>(
  backend: WebGpuBackend,
  candidates: readonly T[],
  tuningFor: (candidate: T) => Tuning,
  record: () => void,
): Promise<Partial<Record<T, number>>> {
  const best: Partial<Record<T, number>> = {};
  for (const c of candidates) {
    backend.tuning = tuningFor(c);
    record();
  }
  await backend.sync();
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of candidates) {
      const ms = await time(backend, tuningFor(c), record);
      best[c] = Math.min(best[c] ?? Infinity, ms);
    }
  }
  return best;
}

/** The matmul tilings this device can run as themselves ('subgroup' needs subgroups). */
function matmulCandidates(backend: WebGpuBackend): MatmulTiling[] {
  return MATMUL_TILINGS.filter((t) => t !== 'subgroup' || backend.gpu.subgroups);
}

function randomBuffer(backend: WebGpuBackend, n: number, label: string): DeviceBuffer {
  const buf = backend.alloc(n, 'f32', label);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = Math.sin(i * 12.9898) * 0.5;
  backend.write(buf, data);
  return buf;
}

function fastest<T extends string>(times: Partial<Record<T, number>>, fallback: T): T {
  let best = fallback;
  let bestMs = Infinity;
  for (const [name, ms] of Object.entries(times) as [T, number][]) {
    if (ms < bestMs) {
      best = name;
      bestMs = ms;
    }
  }
  return best;
}

/** Measures every candidate on `backend` and returns the fastest of each family. */
export async function measureTuning(backend: WebGpuBackend): Promise<TuningReport> {
  const t0 = performance.now();
  const before = backend.tuning;
  const n = MATMUL_SIZE;
  const a = randomBuffer(backend, n * n, 'autotune.a');
  const b = randomBuffer(backend, n * n, 'autotune.b');
  const c = backend.alloc(n * n, 'f32', 'autotune.c');
  const mm = { a, b, c, m: n, n, k: n, transA: false, transB: false, accumulate: false };

  const g = CONV_GEOMETRY;
  const x = randomBuffer(backend, g.batch * g.inC * g.inH * g.inW, 'autotune.x');
  const w = randomBuffer(backend, g.outC * g.inC * g.kH * g.kW, 'autotune.w');
  const y = backend.alloc(g.batch * g.outC * g.outH * g.outW, 'f32', 'autotune.y');
  const conv = { geom: g, x, w, b: null, y };
  // Every candidate's pipeline, compiled in parallel before anything is timed.
  await backend.prepare(() => {
    for (const tiling of matmulCandidates(backend)) {
      backend.tuning = { ...DEFAULT_TUNING, matmul: tiling };
      backend.matmul(mm);
    }
    for (const tiling of CONV_TILINGS) {
      backend.tuning = { ...DEFAULT_TUNING, conv: tiling };
      backend.conv2d(conv);
    }
  });
  const matmul = await timeAll(
    backend,
    matmulCandidates(backend),
    (tiling) => ({ ...DEFAULT_TUNING, matmul: tiling }),
    () => backend.matmul(mm),
  );
  const convTimes = await timeAll(
    backend,
    CONV_TILINGS,
    (tiling) => ({ ...DEFAULT_TUNING, conv: tiling }),
    () => backend.conv2d(conv),
  );
  for (const buf of [a, b, c, x, w, y]) backend.free(buf);
  backend.tuning = before;
  return {
    tuning: {
      matmul: fastest(matmul, DEFAULT_TUNING.matmul),
      conv: fastest(convTimes, DEFAULT_TUNING.conv),
    },
    cached: false,
    measured: { matmul, conv: convTimes },
    ms: performance.now() - t0,
  };
}

function isTuning(value: unknown): value is Tuning {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Record<string, unknown>;
  return (
    (MATMUL_TILINGS as readonly unknown[]).includes(t.matmul) &&
    (CONV_TILINGS as readonly unknown[]).includes(t.conv)
  );
}

/**
 * Sets `backend.tuning` to the cached choice for this adapter, or measures and caches one.
 * A cache that fails (private browsing, quota) costs a measurement, never the run.
 */
export async function autotune(
  backend: WebGpuBackend,
  cache: TuningCache | null,
): Promise<TuningReport> {
  const key = tuningKey(backend.source.adapterKey);
  const t0 = performance.now();
  const stored = cache ? await cache.load(key).catch(() => null) : null;
  if (isTuning(stored)) {
    backend.tuning = stored;
    return {
      tuning: stored,
      cached: true,
      measured: { matmul: {}, conv: {} },
      ms: performance.now() - t0,
    };
  }
  const report = await measureTuning(backend);
  backend.tuning = report.tuning;
  if (cache) await cache.save(key, report.tuning).catch(() => undefined);
  return report;
}

/** The cache in IndexedDB (browser and worker), through idb-keyval. */
export async function indexedDbTuningCache(): Promise<TuningCache | null> {
  if (typeof indexedDB === 'undefined') return null;
  const { get, set } = await import('idb-keyval');
  return {
    load: async (key) => ((await get(key)) as Tuning | undefined) ?? null,
    save: (key, tuning) => set(key, tuning),
  };
}

/** One line for the status bar: "matmul: blocked (1.2 ms vs tiled 14 ms) …". */
export function describeTuning(report: TuningReport): string {
  const part = (name: string, chosen: string, times: Partial<Record<string, number>>) => {
    const others = Object.entries(times)
      .filter(([k]) => k !== chosen)
      .map(([k, ms]) => `${k} ${ms!.toFixed(1)} ms`);
    const own = times[chosen];
    return own === undefined
      ? `${name} ${chosen}`
      : `${name} ${chosen} (${own.toFixed(1)} ms${others.length ? ` vs ${others.join(', ')}` : ''})`;
  };
  const body = `${part('matmul', report.tuning.matmul, report.measured.matmul)}, ${part('conv', report.tuning.conv, report.measured.conv)}`;
  return report.cached
    ? `${body}, remembered for this GPU`
    : `${body}, measured in ${(report.ms / 1000).toFixed(1)} s`;
}
