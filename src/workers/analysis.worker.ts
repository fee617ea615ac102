// The analysis worker: t-SNE and PCA maps off the page's thread and off the training worker's,
// so neither drawing nor training waits for them. Exact t-SNE runs on WebGPU when the browser
// offers an adapter (the same choice the training worker makes) and on the CPU backend
// otherwise; Barnes-Hut and PCA run in JavaScript here. A run advances in chunks of ~40 ms
// and yields between them, so a stop (or a new run) gets through at once.
import * as Comlink from 'comlink';
import { pca } from '../engine/analysis/tsne/pca';
import { createTsne } from '../engine/analysis/tsne/tsne';
import {
  DEFAULT_TSNE,
  refineOptions,
  type TsneMethod,
  type TsneSolver,
} from '../engine/analysis/tsne/options';
import type { Backend } from '../engine/backend/backend';
import { CpuBackend } from '../engine/backend/cpu/cpuBackend';
import { requestGpuDevice } from '../gpu/device';
import { WebGpuBackend } from '../gpu/webgpuBackend';
import {
  AUTO_EXACT_MAX,
  type AnalysisApi,
  type MapFrame,
  type MapOutcome,
  type MapRequest,
} from './analysisApi';

const CHUNK_TARGET_MS = 40;
const MAX_CHUNK = 50;
/** The page gets at most one frame per this many milliseconds (and always the last). */
const FRAME_INTERVAL_MS = 50;

let cpuFallbackNote: string | null = null;
const backendReady: Promise<Backend> = requestGpuDevice(self.navigator.gpu)
  .then((source) => new WebGpuBackend(source) as Backend)
  .catch((error: unknown) => {
    cpuFallbackNote = error instanceof Error ? error.message : String(error);
    return new CpuBackend();
  });

function describe(backend: Backend): string {
  return backend instanceof WebGpuBackend
    ? backend.description
    : `JavaScript (CPU backend)${cpuFallbackNote ? `; no WebGPU: ${cpuFallbackNote}` : ''}`;
}

let generation = 0;

function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function runMap(
  request: MapRequest,
  send: (frame: MapFrame) => void,
  gen: number,
): Promise<MapOutcome> {
  const started = performance.now();
  const n = Math.floor(request.vectors.length / request.dim);
  const outcome = (state: MapOutcome['state'], last: MapFrame | null, message: string | null) => ({
    state,
    last,
    message,
    ms: performance.now() - started,
  });
  if (n < 3 || n * request.dim !== request.vectors.length)
    return outcome(
      'failed',
      null,
      `A map needs at least 3 whole vectors (got ${request.vectors.length} values of dimension ${request.dim}).`,
    );

  if (request.method === 'pca') {
    const r = pca(request.vectors, n, request.dim, 2, request.seed ?? 1);
    const frame: MapFrame = {
      iteration: 0,
      iterations: 0,
      kl: null,
      layout: r.projection,
      exaggerated: false,
      algorithm: 'pca',
      explained: [r.variances[0] / r.totalVariance, r.variances[1] / r.totalVariance],
      computedBy: 'JavaScript (PCA)',
    };
    send(frame);
    return outcome('done', frame, null);
  }

  const algorithm: TsneMethod =
    request.algorithm === undefined || request.algorithm === 'auto'
      ? n <= AUTO_EXACT_MAX
        ? 'exact'
        : 'barnesHut'
      : request.algorithm;
  const previous = request.previous && request.previous.length === 2 * n ? request.previous : null;
  const perplexity = Math.max(2, Math.min(request.perplexity, (n - 1) / 3));
  let backend = await backendReady;
  const options = {
    perplexity,
    method: algorithm,
    seed: request.seed ?? 1,
    ...(previous ? refineOptions(previous) : {}),
  };
  let solver: TsneSolver;
  try {
    solver = await createTsne(request.vectors, request.dim, options, backend);
  } catch (error) {
    if (!(backend instanceof WebGpuBackend)) return outcome('failed', null, messageOf(error));
    // The GPU could not take it (memory, a lost device): the CPU can.
    cpuFallbackNote = `WebGPU failed: ${messageOf(error)}`;
    backend = new CpuBackend();
    solver = await createTsne(request.vectors, request.dim, options, backend);
  }
  const computedBy = algorithm === 'exact' ? describe(backend) : 'JavaScript (Barnes-Hut)';
  const exaggerationEnds = previous ? 0 : DEFAULT_TSNE.exaggerationIterations;
  let last: MapFrame | null = null;
  let lastSent = 0;
  let chunk = 5;
  try {
    while (solver.iteration < request.iterations) {
      if (gen !== generation) return outcome('stopped', last, null);
      const t0 = performance.now();
      const count = Math.min(chunk, request.iterations - solver.iteration);
      const f = await solver.advance(count);
      const ms = performance.now() - t0;
      chunk = Math.max(
        1,
        Math.min(MAX_CHUNK, Math.round((count * CHUNK_TARGET_MS) / Math.max(1, ms))),
      );
      last = {
        iteration: f.iteration,
        iterations: request.iterations,
        kl: f.kl,
        layout: f.layout,
        exaggerated: f.iteration <= exaggerationEnds,
        algorithm,
        explained: null,
        computedBy,
      };
      const now = performance.now();
      if (now - lastSent >= FRAME_INTERVAL_MS || solver.iteration >= request.iterations) {
        lastSent = now;
        send({ ...last, layout: last.layout.slice() });
      }
      await yieldToMessages();
    }
    return outcome('done', last, null);
  } catch (error) {
    return outcome('failed', last, messageOf(error));
  } finally {
    solver.dispose();
  }
}

const api: AnalysisApi = {
  async map(request, onFrame) {
    const gen = ++generation;
    // Frames go without waiting for the page (a round trip per frame would slow the run).
    const send = (frame: MapFrame) => void onFrame(Comlink.transfer(frame, [frame.layout.buffer]));
    const result = await runMap(request, send, gen);
    return result.last
      ? { ...result, last: { ...result.last, layout: result.last.layout.slice() } }
      : result;
  },
  async stop() {
    generation++;
  },
  async backendDescription() {
    return describe(await backendReady);
  },
};

Comlink.expose(api);
