// One map run of the analysis worker, apart from the worker so it can be tested in Node: PCA in
// one frame, or t-SNE advanced in chunks of about 40 ms (yielding between them, so a stop gets
// through), a frame sent at most every 50 ms and always at the end. Exact t-SNE up to
// AUTO_EXACT_MAX points, on the host's backend (falling back to the CPU when the GPU cannot take
// it), Barnes-Hut above; a previous layout of the same size is refined without exaggeration.
import { pca } from '../engine/analysis/tsne/pca';
import { createTsne } from '../engine/analysis/tsne/tsne';
import {
  DEFAULT_TSNE,
  refineOptions,
  type TsneMethod,
  type TsneSolver,
} from '../engine/analysis/tsne/options';
import type { Backend } from '../engine/backend/backend';
import { AUTO_EXACT_MAX, type MapFrame, type MapOutcome, type MapRequest } from './analysisApi';

const CHUNK_TARGET_MS = 40;
const MAX_CHUNK = 50;
/** The page gets at most one frame per this many milliseconds (and always the last). */
const FRAME_INTERVAL_MS = 50;

function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What a map run needs from the worker around it. */
export interface MapHost {
  /** The backend exact t-SNE runs on (WebGPU when there is one). */
  backend(): Promise<Backend>;
  /** The backend to fall back on when `backend()`'s fails (its GPU ran out, or was lost). */
  fallback(reason: string): Backend;
  /** What a backend is, in words, for the frames. */
  describe(backend: Backend): string;
  /** Whether this run has been stopped (or a newer one started). */
  stopped(): boolean;
}

/** Runs one map: PCA (one frame) or t-SNE (a frame every chunk of ~40 ms, at most one per 50 ms, and the last). */
export async function runMap(
  request: MapRequest,
  send: (frame: MapFrame) => void,
  host: MapHost,
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
      computedBy: 'JavaScript',
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
  let backend = await host.backend();
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
    if (backend.name !== 'webgpu') return outcome('failed', null, messageOf(error));
    // The GPU could not take it (memory, a lost device): the CPU can.
    backend = host.fallback(`WebGPU failed: ${messageOf(error)}`);
    solver = await createTsne(request.vectors, request.dim, options, backend);
  }
  const computedBy = algorithm === 'exact' ? host.describe(backend) : 'JavaScript';
  const exaggerationEnds = previous ? 0 : DEFAULT_TSNE.exaggerationIterations;
  let last: MapFrame | null = null;
  let lastSent = 0;
  let chunk = 5;
  try {
    while (solver.iteration < request.iterations) {
      if (host.stopped()) return outcome('stopped', last, null);
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
