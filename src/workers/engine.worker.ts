// The training worker: owns the dataset, the backend and the Trainer, so the page never does
// arithmetic. It trains in chunks of ~40 ms and yields between them, so a pause (or any other
// call) gets through quickly, and it batches what the run emits into a few messages a second.
import * as Comlink from 'comlink';
import { CpuBackend } from '../engine/backend/cpu/cpuBackend';
import { DatasetError, type Dataset } from '../engine/data/dataset';
import { datasetForSpec } from '../engine/data/registry';
import { ModelError } from '../engine/graph/errors';
import { parseExperimentSpec } from '../engine/spec/parse';
import type { DataSpec, ExperimentSpec } from '../engine/spec/schema';
import type {
  EngineEvent,
  ErrorKind,
  MetricsEvent,
  RunState,
  StatusEvent,
} from '../engine/train/events';
import { Trainer } from '../engine/train/trainer';
import type { EngineApi, EngineListener, EvaluationResult, LoadResult } from './engineApi';

/** How long one chunk of training steps should take: long enough to amortise the yield, short enough that a pause feels instant. */
const CHUNK_TARGET_MS = 40;
const MAX_CHUNK_STEPS = 4096;
/** The page gets at most one batch of events per this many milliseconds. */
const FLUSH_INTERVAL_MS = 50;
const BACKEND_NAME = 'CPU (JavaScript)';

// ---- event batching --------------------------------------------------------------------

let listener: EngineListener | null = null;
let queue: EngineEvent[] = [];
let flushTimer: ReturnType<typeof setTimeout> | null = null;
let lastFlush = 0;

function emit(event: EngineEvent): void {
  queue.push(event);
  if (flushTimer !== null) return;
  const wait = Math.max(0, lastFlush + FLUSH_INTERVAL_MS - performance.now());
  flushTimer = setTimeout(flushEvents, wait);
}

function flushEvents(): void {
  flushTimer = null;
  lastFlush = performance.now();
  if (queue.length === 0 || listener === null) return;
  const batch = coalesce(queue);
  queue = [];
  const transfers: Transferable[] = [];
  for (const e of batch) {
    if (e.type === 'metrics') transfers.push(e.steps.buffer, e.loss.buffer, e.accuracy.buffer);
  }
  void listener(Comlink.transfer(batch, transfers));
}

/**
 * Merges neighbouring metrics events into one (with fresh arrays, which are then safe to
 * transfer whoever else holds the originals) and keeps only the latest of neighbouring
 * status events of the same state (progress updates).
 */
function coalesce(events: EngineEvent[]): EngineEvent[] {
  const out: EngineEvent[] = [];
  let metricsRun: MetricsEvent[] = [];
  const endRun = () => {
    if (metricsRun.length > 0) out.push(mergeMetrics(metricsRun));
    metricsRun = [];
  };
  for (const e of events) {
    if (e.type === 'metrics') {
      metricsRun.push(e);
      continue;
    }
    endRun();
    const prev = out[out.length - 1];
    if (e.type === 'status' && prev?.type === 'status' && prev.state === e.state) {
      out[out.length - 1] = e;
    } else {
      out.push(e);
    }
  }
  endRun();
  return out;
}

function mergeMetrics(run: MetricsEvent[]): MetricsEvent {
  let n = 0;
  for (const e of run) n += e.steps.length;
  const steps = new Float64Array(n);
  const loss = new Float32Array(n);
  const accuracy = new Float32Array(n);
  let at = 0;
  for (const e of run) {
    steps.set(e.steps, at);
    loss.set(e.loss, at);
    accuracy.set(e.accuracy, at);
    at += e.steps.length;
  }
  return { ...run[run.length - 1], steps, loss, accuracy };
}

// ---- run state -------------------------------------------------------------------------

const backend = new CpuBackend();
let spec: ExperimentSpec | null = null;
let dataset: { key: string; value: Dataset } | null = null;
let trainer: Trainer | null = null;
let state: RunState = 'idle';
/** Bumped by every load and reset, so work begun for an older run abandons itself. */
let generation = 0;
let running = false;
let loop: Promise<void> | null = null;
let chunkSteps = 1;

function setState(next: RunState, message: string, progress?: number): void {
  state = next;
  const event: StatusEvent = { type: 'status', state: next, message, backend: BACKEND_NAME };
  if (progress !== undefined) event.progress = progress;
  emit(event);
}

/** What the trainer emits goes to the page; its status events also move our state. */
function onTrainerEvent(event: EngineEvent): void {
  if (event.type === 'status') {
    state = event.state;
    emit({ ...event, backend: event.backend ?? BACKEND_NAME });
    return;
  }
  emit(event);
}

function fail(kind: ErrorKind, errors: { message: string; nodeId?: string }[]): LoadResult {
  for (const e of errors) emit({ type: 'error', kind, ...e });
  setState('failed', errors[0]?.message ?? 'Something went wrong.');
  return { ok: false, kind, errors };
}

function describeError(error: unknown): { kind: ErrorKind; errors: { message: string; nodeId?: string }[] } {
  if (error instanceof ModelError) {
    return {
      kind: 'invalid-model',
      errors: error.problems.map((p) => ({ message: `${p.nodeId}: ${p.message}`, nodeId: p.nodeId })),
    };
  }
  if (error instanceof DatasetError) return { kind: 'dataset', errors: [{ message: error.message }] };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', errors: [{ message }] };
}

/** Yields to the event loop so queued calls (pause, reset) run; faster than setTimeout(0), which browsers clamp. */
const yieldChannel = new MessageChannel();
const yieldWaiters: (() => void)[] = [];
yieldChannel.port1.onmessage = () => yieldWaiters.shift()?.();
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    yieldWaiters.push(resolve);
    yieldChannel.port2.postMessage(null);
  });
}

/** Runs trainer calls one at a time: an evaluation never interleaves with a chunk of steps. */
let trainerBusy: Promise<unknown> = Promise.resolve();
function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const result = trainerBusy.then(work);
  trainerBusy = result.catch(() => undefined);
  return result;
}

function halted(t: Trainer): boolean {
  return t.finished || state === 'diverged' || state === 'failed' || state === 'finished';
}

/** Trains up to `limit` steps in chunks sized to CHUNK_TARGET_MS, until paused or halted. */
async function runLoop(t: Trainer, limit: number): Promise<void> {
  let remaining = limit;
  try {
    while (running && trainer === t && remaining > 0 && !halted(t)) {
      const want = Math.min(chunkSteps, remaining);
      const started = performance.now();
      const done = await exclusive(() => t.trainSteps(want));
      if (done === 0) break;
      remaining -= done;
      const msPerStep = (performance.now() - started) / done;
      chunkSteps = Math.max(1, Math.min(MAX_CHUNK_STEPS, Math.round(CHUNK_TARGET_MS / Math.max(msPerStep, 1e-3))));
      await yieldToEventLoop();
    }
    if (trainer !== t) return;
    await t.flush();
    if (!halted(t) && state !== 'paused') setState('paused', `Paused at step ${t.stepsDone} of ${t.totalSteps}.`);
  } catch (error) {
    if (trainer !== t) return;
    const { kind, errors } = describeError(error);
    fail(kind, errors);
  } finally {
    running = false;
  }
}

function begin(limit: number): void {
  const t = trainer;
  if (t === null || running || halted(t)) return;
  running = true;
  setState('training', limit === Infinity ? 'Training…' : `Training ${limit} step${limit === 1 ? '' : 's'}…`);
  loop = runLoop(t, limit);
}

async function stopLoop(): Promise<void> {
  running = false;
  if (loop !== null) await loop;
  loop = null;
}

function datasetKey(data: DataSpec, seed: number): string {
  return JSON.stringify({ data, seed });
}

function assetBase(): URL {
  // BASE_URL is where the app is served from; the worker's own URL is under assets/.
  return new URL(import.meta.env.BASE_URL, self.location.origin);
}

/** Fetches one prepared dataset file, telling a missing file apart from the app's HTML fallback. */
async function fetchDatasetFile(folder: string, file: string): Promise<Uint8Array> {
  const url = new URL(`datasets/${folder}/${file}`, assetBase());
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new DatasetError(`Could not download ${url.pathname}: ${String(error)}`, file);
  }
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok || type.includes('text/html')) {
    throw new DatasetError(
      `The dataset file ${url.pathname} is missing on the server (HTTP ${response.status}). ` +
        'It is prepared by "npm install" (scripts/prepare-datasets.mjs); run it, then rebuild.',
      file,
    );
  }
  return new Uint8Array(await response.arrayBuffer());
}

async function loadDataset(data: DataSpec, seed: number, gen: number): Promise<Dataset> {
  const key = datasetKey(data, seed);
  if (dataset?.key === key) return dataset.value;
  setState('loading', `Loading ${data.dataset}…`, 0);
  const value = await datasetForSpec(
    data,
    seed,
    (file) => fetchDatasetFile(data.dataset, file),
    (fraction) => {
      if (gen === generation) setState('loading', `Loading ${data.dataset}… ${Math.round(fraction * 100)}%`, fraction);
    },
  );
  dataset = { key, value };
  return value;
}

async function compile(s: ExperimentSpec, d: Dataset, gen: number): Promise<Trainer | null> {
  // The page starts a fresh chart at this event: everything after it belongs to the new trainer.
  setState('compiling', 'Compiling the model…');
  const t = await Trainer.create(s, backend, d, (e) => {
    if (gen === generation) onTrainerEvent(e);
  });
  if (gen !== generation) {
    t.dispose();
    return null;
  }
  return t;
}

function readyMessage(t: Trainer, d: Dataset): string {
  return `Ready: ${d.name}, ${d.train.count.toLocaleString('en')} training samples, ${t.totalSteps.toLocaleString('en')} steps.`;
}

// ---- the API ---------------------------------------------------------------------------

const api: EngineApi = {
  subscribe(l) {
    listener = l;
  },

  async load(json) {
    const gen = ++generation;
    await stopLoop();
    trainer?.dispose();
    trainer = null;
    chunkSteps = 1;
    const parsed = parseExperimentSpec(json);
    if (!parsed.ok) return fail('invalid-spec', parsed.errors.map((message) => ({ message })));
    spec = parsed.spec;
    try {
      const d = await loadDataset(spec.data, spec.train.seed, gen);
      if (gen !== generation) return { ok: false, kind: 'internal', errors: [{ message: 'Superseded by a newer load.' }] };
      const t = await compile(spec, d, gen);
      if (t === null) return { ok: false, kind: 'internal', errors: [{ message: 'Superseded by a newer load.' }] };
      trainer = t;
      setState('ready', readyMessage(t, d));
      return {
        ok: true,
        stepsPerEpoch: t.stepsPerEpoch,
        totalSteps: t.totalSteps,
        backend: BACKEND_NAME,
        dataset: d.name,
        trainSamples: d.train.count,
        testSamples: d.test.count,
      };
    } catch (error) {
      if (gen !== generation) return { ok: false, kind: 'internal', errors: [{ message: 'Superseded by a newer load.' }] };
      const { kind, errors } = describeError(error);
      return fail(kind, errors);
    }
  },

  async start() {
    begin(Infinity);
  },

  async pause() {
    await stopLoop();
  },

  async step(n) {
    if (!Number.isInteger(n) || n < 1) return;
    await stopLoop();
    begin(n);
    await loop;
  },

  async reset() {
    if (spec === null || dataset === null) return;
    const gen = ++generation;
    await stopLoop();
    trainer?.dispose();
    trainer = null;
    try {
      const t = await compile(spec, dataset.value, gen);
      if (t === null) return;
      trainer = t;
      setState('ready', readyMessage(t, dataset.value));
    } catch (error) {
      const { kind, errors } = describeError(error);
      fail(kind, errors);
    }
  },

  async evaluate(): Promise<EvaluationResult | null> {
    const t = trainer;
    if (t === null) return null;
    return exclusive(() => t.evaluate());
  },
};

Comlink.expose(api);
