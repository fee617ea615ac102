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
import type { EngineEvent, ErrorKind, RunState, StatusEvent } from '../engine/train/events';
import { Trainer } from '../engine/train/trainer';
import { coalesceEvents, transferablesOf } from './eventBatch';
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
  if (flushTimer !== null) clearTimeout(flushTimer);
  flushTimer = null;
  lastFlush = performance.now();
  if (queue.length === 0 || listener === null) return;
  const batch = coalesceEvents(queue);
  queue = [];
  void listener(Comlink.transfer(batch, transferablesOf(batch)));
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
  // The errors themselves are shown in full; the status line only says where to look.
  setState(
    'failed',
    errors.length > 1
      ? `${errors.length} problems stop this run; see above.`
      : 'This run cannot start; see above.',
  );
  flushEvents();
  return { ok: false, kind, errors };
}

function describeError(error: unknown): {
  kind: ErrorKind;
  errors: { message: string; nodeId?: string }[];
} {
  if (error instanceof ModelError) {
    return {
      kind: error.kind,
      errors: error.problems
        .filter((p) => p.severity === 'error')
        .map((p) =>
          p.nodeId === undefined
            ? { message: p.message }
            : { message: p.message, nodeId: p.nodeId },
        ),
    };
  }
  if (error instanceof DatasetError)
    return { kind: 'dataset', errors: [{ message: error.message }] };
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
      chunkSteps = Math.max(
        1,
        Math.min(MAX_CHUNK_STEPS, Math.round(CHUNK_TARGET_MS / Math.max(msPerStep, 1e-3))),
      );
      await yieldToEventLoop();
    }
    if (trainer !== t) return;
    await exclusive(() => t.flush());
    if (!halted(t) && state !== 'paused')
      setState('paused', `Paused at step ${t.stepsDone} of ${t.totalSteps}.`);
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
  setState(
    'training',
    limit === Infinity ? 'Training…' : `Training ${limit} step${limit === 1 ? '' : 's'}…`,
  );
  loop = runLoop(t, limit);
}

async function stopLoop(): Promise<void> {
  running = false;
  if (loop !== null) await loop;
  loop = null;
}

/** Only generated data depends on the seed; files read from the server do not. */
function datasetKey(data: DataSpec, seed: number): string {
  return JSON.stringify(data.dataset === 'toy' ? { data, seed } : { data });
}

function assetBase(): URL {
  // BASE_URL is where the app is served from; the worker's own URL is under assets/.
  return new URL(import.meta.env.BASE_URL, self.location.origin);
}

/** Bytes received and expected per file of the dataset being loaded, for the progress bar. */
const downloads = new Map<string, { received: number; expected: number }>();

function downloadedFraction(): number {
  let received = 0;
  let expected = 0;
  for (const d of downloads.values()) {
    received += d.received;
    expected += d.expected;
  }
  return expected > 0 ? Math.min(1, received / expected) : 0;
}

/**
 * Reads one prepared file under public/datasets/ ("mnist/manifest.json"), streaming it to
 * report progress. The server's HTML fallback page is not a dataset file: that is "missing".
 */
async function fetchDatasetFile(path: string, onBytes: () => void): Promise<Uint8Array> {
  const url = new URL(`datasets/${path}`, assetBase());
  const response = await fetch(url);
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok || type.includes('text/html')) {
    throw new Error(
      `the server has no ${url.pathname} (HTTP ${response.status}${response.ok ? ', an HTML page' : ''})`,
    );
  }
  const expected = Number(response.headers.get('content-length') ?? 0);
  if (!response.body || !(expected > 0)) return new Uint8Array(await response.arrayBuffer());
  const progress = { received: 0, expected };
  downloads.set(path, progress);
  const bytes = new Uint8Array(expected);
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (progress.received + value.length > expected) {
      throw new Error(`${url.pathname} is longer than its Content-Length of ${expected} bytes`);
    }
    bytes.set(value, progress.received);
    progress.received += value.length;
    onBytes();
  }
  return progress.received === expected ? bytes : bytes.subarray(0, progress.received);
}

function datasetTitle(data: DataSpec): string {
  return data.dataset === 'mnist' ? 'MNIST' : `the ${data.kind} toy set`;
}

async function loadDataset(data: DataSpec, seed: number, gen: number): Promise<Dataset> {
  const key = datasetKey(data, seed);
  if (dataset?.key === key) return dataset.value;
  downloads.clear();
  let shown = 0;
  // Parallel downloads may still report after one of them failed; the failure stands.
  let settled = false;
  const report = (fraction: number, message: string) => {
    shown = Math.max(shown, fraction);
    if (!settled && gen === generation) setState('loading', message, shown);
  };
  const title = datasetTitle(data);
  report(0, `Loading ${title}…`);
  const percent = () => `Downloading ${title}… ${Math.round(downloadedFraction() * 100)} %`;
  try {
    const value = await datasetForSpec(
      data,
      seed,
      (path) => fetchDatasetFile(path, () => report(downloadedFraction(), percent())),
      (fraction, message) => report(fraction, message ?? `Loading ${title}…`),
    );
    dataset = { key, value };
    return value;
  } finally {
    settled = true;
    downloads.clear();
  }
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

/** Ready, and the events so far sent now: the caller's result must not overtake them. */
function announceReady(t: Trainer, d: Dataset): void {
  const epochs = t.totalSteps / t.stepsPerEpoch;
  setState(
    'ready',
    `Ready: ${epochs} epoch${epochs === 1 ? '' : 's'} of ${t.stepsPerEpoch.toLocaleString('en')} steps ` +
      `on ${d.train.count.toLocaleString('en')} training samples.`,
  );
  flushEvents();
}

function superseded(): LoadResult {
  return { ok: false, kind: 'internal', errors: [{ message: 'Superseded by a newer load.' }] };
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
    if (!parsed.ok)
      return fail(
        'invalid-spec',
        parsed.errors.map((message) => ({ message })),
      );
    spec = parsed.spec;
    try {
      const d = await loadDataset(spec.data, spec.train.seed, gen);
      if (gen !== generation) return superseded();
      const t = await compile(spec, d, gen);
      if (t === null) return superseded();
      trainer = t;
      announceReady(t, d);
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
      if (gen !== generation) return superseded();
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
      announceReady(t, dataset.value);
    } catch (error) {
      const { kind, errors } = describeError(error);
      fail(kind, errors);
    }
  },

  async evaluate(): Promise<EvaluationResult | null> {
    const t = trainer;
    if (t === null) return null;
    const result = await exclusive(() => t.evaluate());
    if (trainer === t)
      emit({ type: 'eval', step: t.stepsDone, epoch: t.epoch, split: 'test', ...result });
    return result;
  },
};

Comlink.expose(api);
