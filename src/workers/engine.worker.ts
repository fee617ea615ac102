// The training worker: owns the dataset, the backend and the Trainer, so the page never does
// arithmetic. It trains in chunks of ~40 ms and yields between them, so a pause (or any other
// call) gets through quickly, and it batches what the run emits into a few messages a second.
//
// It trains on WebGPU when the browser offers an adapter, and on the CPU backend otherwise,
// saying why. While training on the GPU it keeps a recent checkpoint of the whole run
// (weights, optimizer state, step counters, data order) in memory; if the device is lost the
// run moves to the CPU backend, resumes from that checkpoint and carries on.
import * as Comlink from 'comlink';
import {
  DecisionBoundary,
  frameBuffers,
  hasInputPlane,
  type BoundaryFrame,
} from '../engine/analysis/decisionBoundary';
import { cellExamplesBuffers } from '../engine/analysis/insightFrames';
import type { Backend } from '../engine/backend/backend';
import { CpuBackend } from '../engine/backend/cpu/cpuBackend';
import { DatasetError, type DataSplit, type Dataset } from '../engine/data/dataset';
import { loadMnistTestSplit } from '../engine/data/mnist';
import { cifarFromArchive } from '../engine/data/cifar';
import { describeDataset } from '../engine/data/fit';
import { datasetForSpec, MissingImageSetError } from '../engine/data/registry';
import { makeToyDataset } from '../engine/data/toy2d';
import { ModelError } from '../engine/graph/errors';
import { parseExperimentSpec } from '../engine/spec/parse';
import { dataSpecSchema, type DataSpec, type ExperimentSpec } from '../engine/spec/schema';
import type {
  BackendEvent,
  EngineEvent,
  ErrorKind,
  RunState,
  StatusEvent,
} from '../engine/train/events';
import { Trainer, type TrainerCheckpoint } from '../engine/train/trainer';
import { onnxOfTrainer } from './onnxExport';
import {
  decodeWeightsFile,
  encodeWeightsFile,
  matchWeights,
  WEIGHTS_FORMAT,
} from '../engine/train/weightsFile';
import { specHash } from '../engine/spec/specHash';
import { ENGINE_VERSION } from '../engine/version';
import { autotune, describeTuning, indexedDbTuningCache } from '../gpu/autotune';
import { NoGpuError, requestGpuDevice } from '../gpu/device';
import { CONV_TILINGS, DEFAULT_TUNING, MATMUL_TILINGS } from '../gpu/tuning';
import { WebGpuBackend } from '../gpu/webgpuBackend';
import { cifarArchiveSource, cifarArchiveVersion, keepCifarArchive } from './cifarArchive';
import {
  imageSetSource,
  imageSetsVersion,
  keptImageSets,
  readImageFolder,
  removeImageSet,
} from './imageSets';
import { coalesceEvents, transferablesOf } from './eventBatch';
import { hasImages, Insights } from './insights';
import { Landscape } from './landscape';
import { layerActivationsOf } from './representations';
import type {
  DataPreview,
  EngineApi,
  EngineListener,
  EvaluationResult,
  LoadResult,
  SelfTestReport,
  SelfTestResult,
} from './engineApi';

/** How long one chunk of training steps should take: long enough to amortise the yield, short enough that a pause feels instant. */
const CHUNK_TARGET_MS = 40;
const MAX_CHUNK_STEPS = 4096;
/** The page gets at most one batch of events per this many milliseconds. */
const FLUSH_INTERVAL_MS = 50;
/**
 * While training on the GPU, checkpoint at least this often (and after every evaluation and
 * pause). A checkpoint reads the weights and optimizer state back, about 1 MB for the MNIST
 * templates: a few milliseconds every few seconds, and the most a lost device can cost.
 */
const CHECKPOINT_INTERVAL_MS = 3000;
/** After an error on the GPU, how long to wait for `device.lost` to say whether that was the cause. */
const LOSS_GRACE_MS = 1000;
const CPU_NAME = 'CPU (JavaScript)';

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

// ---- the backend -----------------------------------------------------------------------

interface ActiveBackend {
  backend: Backend;
  /** Set when it is the WebGPU backend. */
  gpu: WebGpuBackend | null;
  info: BackendEvent;
}

function cpuBackend(note: string | null): ActiveBackend {
  return {
    backend: new CpuBackend(),
    gpu: null,
    info: { type: 'backend', kind: 'cpu', name: CPU_NAME, adapter: null, note, tuning: null },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** WebGPU when the browser has an adapter that gives a device; the CPU backend, and why, otherwise. */
async function chooseBackend(): Promise<ActiveBackend> {
  try {
    const source = await requestGpuDevice(self.navigator.gpu);
    const gpu = new WebGpuBackend(source);
    // Kernel variants for this adapter: measured once, then remembered in IndexedDB.
    const tuned = await autotune(gpu, await indexedDbTuningCache());
    return {
      backend: gpu,
      gpu,
      info: {
        type: 'backend',
        kind: 'webgpu',
        name: 'WebGPU',
        adapter: source.description,
        note: null,
        tuning: describeTuning(tuned),
      },
    };
  } catch (error) {
    const what = error instanceof NoGpuError ? 'No WebGPU adapter' : 'WebGPU did not start';
    return cpuBackend(`${what}: ${messageOf(error)}`);
  }
}

let active: ActiveBackend = cpuBackend(null);
const backendChosen: Promise<void> = chooseBackend().then((chosen) => {
  active = chosen;
  emit(chosen.info);
  const gpu = chosen.gpu;
  if (gpu !== null) {
    void gpu.lost.then((info) => {
      const reason = info.reason === 'destroyed' ? 'the device was destroyed' : info.message;
      return moveToCpu(gpu, reason || 'no reason given');
    });
  }
});

/** Whether `error`, thrown by work on `backend`, came from losing the GPU device. */
async function lostDevice(backend: Backend): Promise<boolean> {
  if (!(backend instanceof WebGpuBackend)) return false;
  if (backend.deviceLost || active.backend !== backend) return true;
  // A call on a device being lost can fail before `lost` resolves; give it a moment.
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), LOSS_GRACE_MS));
  return Promise.race([backend.lost.then(() => true), timeout]);
}

// ---- run state -------------------------------------------------------------------------

let spec: ExperimentSpec | null = null;
let dataset: { key: string; value: Dataset } | null = null;
let trainer: Trainer | null = null;
let state: RunState = 'idle';
/** Bumped by every load and reset, so work begun for an older run abandons itself. */
let generation = 0;

interface RunLoop {
  /** Cleared to ask the loop to stop after the chunk in flight. */
  running: boolean;
  /** How many steps it was asked for (Infinity: until paused). */
  limit: number;
  done: Promise<void>;
}
let loop: RunLoop | null = null;
let chunkSteps = 1;

/** The latest checkpoint of the trainer on the GPU: where a lost device's run resumes. */
let checkpoint: { trainer: Trainer; value: TrainerCheckpoint } | null = null;
let checkpointAt = 0;
let checkpointDue = false;
/** While a lost GPU's run moves to the CPU; calls that need the trainer wait for it. */
let recovery: Promise<void> | null = null;

function setState(next: RunState, message: string, progress?: number): void {
  state = next;
  const event: StatusEvent = { type: 'status', state: next, message, backend: active.info.name };
  if (progress !== undefined) event.progress = progress;
  emit(event);
}

/** What the trainer emits goes to the page; its status events also move our state. */
function onTrainerEvent(event: EngineEvent): void {
  if (event.type === 'status') {
    state = event.state;
    emit({ ...event, backend: event.backend ?? active.info.name });
    return;
  }
  // The weights just evaluated are worth keeping.
  if (event.type === 'eval') checkpointDue = true;
  emit(event);
  if (event.type === 'eval' && trainer !== null) insights.reportTests(trainer);
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
  return { kind: 'internal', errors: [{ message: messageOf(error) }] };
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

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
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

function checkpointWanted(t: Trainer): boolean {
  return (
    t.backend instanceof WebGpuBackend &&
    (checkpointDue || performance.now() - checkpointAt >= CHECKPOINT_INTERVAL_MS)
  );
}

/** Reads the run back off the GPU (all buffers at once, between chunks) and keeps it. */
async function takeCheckpoint(t: Trainer): Promise<void> {
  if (t.diverged) return;
  checkpointDue = false;
  checkpointAt = performance.now();
  const value = await exclusive(() => t.checkpoint());
  if (trainer === t) checkpoint = { trainer: t, value };
}

// ---- decision boundary -----------------------------------------------------------------

/** While training a toy set, a boundary frame at most this often (and one whenever it stops). */
const BOUNDARY_INTERVAL_MS = 250;
/** The grid sizes predictGrid accepts: a 256 × 256 grid is 65,536 points, a few passes. */
const MIN_GRID = 4;
const MAX_GRID = 256;
/** The boundary probe of the current trainer, built on first use (toy sets only). */
let boundary: { trainer: Trainer; probe: DecisionBoundary | null } | null = null;
let boundaryAt = 0;

/** Frees the probe of a trainer that is going away. */
function dropBoundary(): void {
  const old = boundary;
  boundary = null;
  try {
    old?.probe?.dispose();
  } catch {
    // Its buffers went with a lost device.
  }
}

/** Builds (once per trainer) and runs the probe; call inside `exclusive`, between chunks. */
async function boundaryFrame(t: Trainer, d: Dataset): Promise<BoundaryFrame | null> {
  if (boundary?.trainer !== t) {
    dropBoundary();
    const entry: NonNullable<typeof boundary> = { trainer: t, probe: null };
    boundary = entry;
    const probe = await DecisionBoundary.create(t.spec, t.backend, d);
    if (boundary !== entry) {
      probe.dispose(); // the trainer went away meanwhile
      return null;
    }
    entry.probe = probe;
  }
  return boundary.probe === null ? null : boundary.probe.frame(t.program, t.stepsDone);
}

/**
 * Sends what the current weights of `t` predict over the input plane, when its data has one.
 * The probe never disturbs the run, so a boundary that cannot be drawn is said once and the
 * run goes on without it; only a lost device is thrown, for the run loop to move the run.
 */
async function drawBoundary(t: Trainer): Promise<void> {
  const d = t.dataset;
  if (!hasInputPlane(t.spec) || trainer !== t) return;
  boundaryAt = performance.now();
  try {
    const frame = await exclusive(async () => (trainer === t ? boundaryFrame(t, d) : null));
    if (frame !== null && trainer === t) emit({ type: 'boundary', frame });
  } catch (error) {
    if (await lostDevice(t.backend)) throw error;
    if (trainer !== t) return;
    dropBoundary();
    boundary = { trainer: t, probe: null }; // no second try for this trainer
    emit({
      type: 'error',
      kind: 'internal',
      message: `The decision boundary could not be drawn: ${messageOf(error)}`,
    });
  }
}

// ---- inside the network ----------------------------------------------------------------

const insights = new Insights({
  emit,
  exclusive,
  current: () => trainer,
  lostDevice,
});

const landscape = new Landscape({ exclusive, current: () => trainer, emit });

/** Trains up to `limit` steps in chunks sized to CHUNK_TARGET_MS, until paused or halted. */
async function runLoop(t: Trainer, run: RunLoop): Promise<void> {
  let remaining = run.limit;
  try {
    await landscape.keepInitial(t);
    while (run.running && trainer === t && remaining > 0 && !halted(t)) {
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
      if (checkpointWanted(t)) await takeCheckpoint(t);
      await landscape.afterChunk(t);
      if (performance.now() - boundaryAt >= BOUNDARY_INTERVAL_MS) await drawBoundary(t);
      if (insights.due()) await insights.draw(t);
      await yieldToEventLoop();
    }
    if (trainer !== t) return;
    await exclusive(() => t.flush());
    await drawBoundary(t);
    await insights.draw(t);
    // Paused (or finished) on the GPU: a loss from now on resumes exactly here.
    if (t.backend instanceof WebGpuBackend && trainer === t) await takeCheckpoint(t);
    if (trainer === t && !halted(t) && state !== 'paused')
      setState('paused', `Paused at step ${t.stepsDone} of ${t.totalSteps}.`);
  } catch (error) {
    if (trainer !== t) return;
    // Calls on a lost device fail; that is moveToCpu's to handle, not a failed run.
    // (Not awaited: the recovery waits for this loop to end.)
    if (await lostDevice(t.backend)) {
      void moveToCpu(t.backend as WebGpuBackend, messageOf(error));
      return;
    }
    if (trainer !== t) return;
    const { kind, errors } = describeError(error);
    fail(kind, errors);
  } finally {
    run.running = false;
  }
}

function begin(limit: number, message?: string): void {
  const t = trainer;
  if (t === null || loop?.running || halted(t)) return;
  setState(
    'training',
    message ??
      (limit === Infinity ? 'Training…' : `Training ${limit} step${limit === 1 ? '' : 's'}…`),
  );
  const next: RunLoop = { running: true, limit, done: Promise.resolve() };
  next.done = runLoop(t, next);
  loop = next;
}

async function stopLoop(): Promise<void> {
  const current = loop;
  if (current === null) return;
  current.running = false;
  await current.done;
  if (loop === current) loop = null;
}

/**
 * The GPU device is gone (destroyed, reset by the driver, the tab suspended...): from now on
 * the CPU backend runs everything. A loaded run is rebuilt on it from the latest checkpoint
 * and carries on as it was (training, or paused), and the page is told where it resumed.
 * Safe to call more than once; every caller gets the same recovery.
 */
function moveToCpu(lost: WebGpuBackend, reason: string): Promise<void> {
  if (active.backend !== lost) return recovery ?? Promise.resolve();
  active = cpuBackend(`The GPU device was lost (${reason}); reload the page to use the GPU again.`);
  emit(active.info);
  const t = trainer;
  // A new generation, so nothing the old trainer still emits reaches the page.
  const gen = t !== null ? ++generation : generation;
  const s = spec;
  const d = dataset?.value ?? null;
  const previous = loop;
  const keepTraining = previous !== null && previous.running && previous.limit === Infinity;
  const previousState = state;
  const saved = checkpoint !== null && checkpoint.trainer === t ? checkpoint.value : null;
  // The old loop sees the trainer gone and stops without a word.
  trainer = null;
  checkpoint = null;
  dropBoundary();
  insights.drop();
  landscape.drop();
  recovery = (async () => {
    if (previous !== null) {
      previous.running = false;
      // A call on the lost device may never settle; the run does not wait for it.
      await Promise.race([previous.done, delay(5000)]);
    }
    if (loop === previous) loop = null;
    trainerBusy = Promise.resolve();
    if (t === null || s === null || d === null) return;
    const lostAt = t.stepsDone;
    try {
      t.dispose();
    } catch {
      // Its buffers went with the device.
    }
    if (gen !== generation) return;
    setState('paused', `The GPU device was lost at step ${lostAt}; moving the run to the CPU…`);
    flushEvents();
    try {
      const onEvent = (e: EngineEvent) => {
        if (gen === generation) onTrainerEvent(e);
      };
      const next =
        saved !== null
          ? await Trainer.resume(s, active.backend, d, saved, onEvent)
          : await Trainer.create(s, active.backend, d, onEvent);
      if (gen !== generation) {
        next.dispose();
        return;
      }
      trainer = next;
      landscape.carry(t, next);
      const from = next.stepsDone;
      emit({
        type: 'notice',
        kind: 'device-lost',
        resumedFromStep: from,
        lostAtStep: lostAt,
        message:
          `The GPU device was lost at step ${lostAt} (${reason}). The run moved to the CPU ` +
          (saved !== null
            ? `and resumed from step ${from}, its last checkpoint.`
            : `and started again from step 0: the device was lost before the first checkpoint.`),
      });
      if (next.finished) {
        setState('finished', `Finished at step ${from}; the run is on the CPU now.`);
      } else if (keepTraining) {
        begin(Infinity, `Training on the CPU from step ${from}…`);
      } else if (from === 0 && previousState === 'ready') {
        announceReady(next, d);
      } else {
        setState('paused', `Paused at step ${from} of ${next.totalSteps}, on the CPU.`);
      }
      flushEvents();
      // (A device lost here is lost for good: the run is on the CPU now.)
      if (!keepTraining) {
        void drawBoundary(next).catch(() => undefined);
        void insights.draw(next).catch(() => undefined);
      }
    } catch (error) {
      if (gen !== generation) return;
      const { kind, errors } = describeError(error);
      fail(kind, errors);
    }
  })();
  return recovery;
}

/** Only generated data depends on the seed; files read from the server do not. */
function datasetKey(data: DataSpec, seed: number): string {
  // CIFAR-10's normalisation and augmentation happen on the device: the bytes are the same.
  if (data.dataset === 'cifar10') return `cifar10#${cifarArchiveVersion}`;
  // The split depends on the seed; the decoded bytes (kept apart, imageSets.ts) do not.
  if (data.dataset === 'images') return JSON.stringify({ data, seed, v: imageSetsVersion });
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
async function fetchDatasetFile(path: string, onBytes?: () => void): Promise<Uint8Array> {
  const url = new URL(`datasets/${path}`, assetBase());
  const response = await fetch(url);
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok || type.includes('text/html')) {
    throw new Error(
      `the server has no ${url.pathname} (HTTP ${response.status}${response.ok ? ', an HTML page' : ''})`,
    );
  }
  const expected = Number(response.headers.get('content-length') ?? 0);
  if (!response.body || !(expected > 0) || onBytes === undefined)
    return new Uint8Array(await response.arrayBuffer());
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
  return data.dataset === 'toy' ? `the ${data.kind} toy set` : describeDataset(data);
}

/** The data set being read, and the newest load waiting for it (whose status shows its progress). */
let datasetLoading: { key: string; gen: number; value: Promise<Dataset> } | null = null;

async function loadDataset(data: DataSpec, seed: number, gen: number): Promise<Dataset> {
  const key = datasetKey(data, seed);
  if (dataset?.key === key) return dataset.value;
  if (readyData?.key === key) {
    if (gen === generation) dataset = readyData;
    return readyData.value;
  }
  const value = await sharedRead(data, seed, gen);
  // A load superseded while it read its data must not replace the newer load's data set.
  if (gen === generation) dataset = { key, value };
  return value;
}

/** The `gen` a preview reads with: it shows no progress of its own. */
const NO_LOAD = -1;

/**
 * The one read of a data set in flight. A newer load or a preview of the data being read waits
 * for that read instead of fetching the same files again beside it (two fetches of one file at
 * once can fail in the browser's cache, "Failed to fetch"); the newest load hears its progress.
 */
function sharedRead(data: DataSpec, seed: number, gen: number): Promise<Dataset> {
  const key = datasetKey(data, seed);
  if (datasetLoading?.key !== key) {
    const entry = { key, gen } as { key: string; gen: number; value: Promise<Dataset> };
    entry.value = readDataset(data, seed, () => entry.gen).finally(() => {
      if (datasetLoading === entry) datasetLoading = null;
    });
    datasetLoading = entry;
  }
  if (gen !== NO_LOAD) datasetLoading.gen = gen;
  return datasetLoading.value;
}

/** Reads a data set, reporting progress while `reportingGen()` is the current load. */
async function readDataset(
  data: DataSpec,
  seed: number,
  reportingGen: () => number,
): Promise<Dataset> {
  downloads.clear();
  let shown = 0;
  // Parallel downloads may still report after one of them failed; the failure stands.
  let settled = false;
  const report = (fraction: number, message: string) => {
    shown = Math.max(shown, fraction);
    if (!settled && reportingGen() === generation) setState('loading', message, shown);
  };
  const title = datasetTitle(data);
  report(0, `Loading ${title}…`);
  const percent = () => `Downloading ${title}… ${Math.round(downloadedFraction() * 100)} %`;
  try {
    return await datasetForSpec(
      data,
      seed,
      (path) => fetchDatasetFile(path, () => report(downloadedFraction(), percent())),
      (fraction, message) => report(fraction, message ?? `Loading ${title}…`),
      cifarArchiveSource(assetBase()),
      imageSetSource(),
    );
  } finally {
    settled = true;
    downloads.clear();
  }
}

/**
 * Builds the trainer on the active backend. If the GPU is lost while it compiles, the run
 * moves to the CPU and is built there instead.
 */
async function compile(s: ExperimentSpec, d: Dataset, gen: number): Promise<Trainer | null> {
  for (;;) {
    const backend = active.backend;
    // The page starts a fresh chart at this event: everything after it belongs to the new trainer.
    setState('compiling', 'Compiling the model…');
    try {
      const t = await Trainer.create(s, backend, d, (e) => {
        if (gen === generation) onTrainerEvent(e);
      });
      if (gen !== generation) {
        t.dispose();
        return null;
      }
      checkpoint = null;
      checkpointAt = performance.now();
      checkpointDue = false;
      return t;
    } catch (error) {
      if (backend instanceof WebGpuBackend && (await lostDevice(backend))) {
        await moveToCpu(backend, messageOf(error));
        if (gen !== generation) return null;
        continue;
      }
      throw error;
    }
  }
}

/** Ready, and the events so far sent now: the caller's result must not overtake them. */
function announceReady(t: Trainer, d: Dataset): void {
  const epochs = t.totalSteps / t.stepsPerEpoch;
  const { pipelines, ms } = t.preparation;
  const compiled =
    pipelines > 0
      ? ` Compiled ${pipelines} GPU kernel${pipelines === 1 ? '' : 's'} in ${(ms / 1000).toFixed(1)} s.`
      : '';
  setState(
    'ready',
    `Ready: ${epochs} epoch${epochs === 1 ? '' : 's'} of ${t.stepsPerEpoch.toLocaleString('en')} steps ` +
      `on ${d.train.count.toLocaleString('en')} training samples.${compiled}`,
  );
  flushEvents();
  // The boundary of the initial weights, so there is a picture before the first step.
  // (A lost device is not for this call to handle: `gpu.lost` moves the run to the CPU.)
  void drawBoundary(t).catch(() => undefined);
  void insights.draw(t).catch(() => undefined);
}

function superseded(): LoadResult {
  return { ok: false, kind: 'internal', errors: [{ message: 'Superseded by a newer load.' }] };
}

// ---- data previews ---------------------------------------------------------------------

/** MNIST's test split for previews, read once when the run does not hold MNIST itself. */
let previewDigits: Promise<DataSplit> | null = null;
const MAX_PREVIEW_IMAGES = 64;

/**
 * CIFAR-10 or an image folder read for a preview or from a dropped archive, ahead of the load that will use it
 * (the data set `dataset` names stays the one the run trains on until then).
 */
let readyData: { key: string; value: Dataset } | null = null;

/** The test images to preview: the run's own when it holds that data set, else read for it. */
async function previewImages(data: Exclude<DataSpec, { dataset: 'toy' }>, seed: number) {
  if (data.dataset === 'cifar10') {
    const key = datasetKey(data, 0);
    // Read once for the preview and kept for the load that follows.
    if (dataset?.key !== key && readyData?.key !== key) {
      readyData = { key, value: await sharedRead(data, 0, NO_LOAD) };
    }
    const d = dataset?.key === key ? dataset.value : readyData!.value;
    return { test: d.test, name: 'cifar10', side: 32, channels: 3, classNames: d.classNames };
  }
  if (data.dataset === 'images') {
    const key = datasetKey(data, seed);
    if (dataset?.key !== key && readyData?.key !== key) {
      readyData = { key, value: await sharedRead(data, seed, NO_LOAD) };
    }
    const d = dataset?.key === key ? dataset.value : readyData!.value;
    return {
      test: d.test,
      name: d.name,
      side: data.size,
      channels: data.channels,
      classNames: d.classNames,
    };
  }
  let test: DataSplit;
  if (dataset?.value.name === 'mnist') {
    test = dataset.value.test;
  } else {
    previewDigits ??= loadMnistTestSplit((path) => fetchDatasetFile(path));
    try {
      test = await previewDigits;
    } catch (error) {
      previewDigits = null;
      throw error;
    }
  }
  const classNames = Array.from({ length: 10 }, (_, k) => String(k));
  return { test, name: 'mnist', side: 28, channels: 1, classNames };
}

async function previewSamples(json: unknown, seed: number, count: number): Promise<DataPreview> {
  const parsed = dataSpecSchema.safeParse(json);
  if (!parsed.success) return { kind: 'error', message: 'That is not a data set this app knows.' };
  const data = parsed.data;
  if (data.dataset === 'toy') {
    const toy = makeToyDataset(data, seed);
    const preview: DataPreview = {
      kind: 'points',
      name: toy.name,
      train: toy.train.inputs as Float32Array,
      trainLabels: toy.train.labels,
      test: toy.test.inputs as Float32Array,
      testLabels: toy.test.labels,
      classNames: toy.classNames,
      trainTargets: toy.train.targets ?? null,
      testTargets: toy.test.targets ?? null,
    };
    return Comlink.transfer(preview, [
      preview.train.buffer,
      preview.trainLabels.buffer,
      preview.test.buffer,
      preview.testLabels.buffer,
      ...(toy.train.targets ? [toy.train.targets.buffer] : []),
      ...(toy.test.targets ? [toy.test.targets.buffer] : []),
    ]);
  }
  let images: {
    test: DataSplit;
    name: string;
    side: number;
    channels: number;
    classNames: string[];
  };
  try {
    images = await previewImages(data, seed);
  } catch (error) {
    if (error instanceof MissingImageSetError) return { kind: 'missingImageSet' };
    return { kind: 'error', message: messageOf(error) };
  }
  const { test, side, channels } = images;
  const n = Math.max(0, Math.min(MAX_PREVIEW_IMAGES, Math.floor(count), test.count));
  const size = channels * side * side;
  const preview: DataPreview = {
    kind: 'images',
    name: images.name,
    width: side,
    height: side,
    channels,
    pixels: (test.inputs as Uint8Array).slice(0, n * size),
    labels: test.labels.slice(0, n),
    classNames: images.classNames,
  };
  return Comlink.transfer(preview, [preview.pixels.buffer, preview.labels.buffer]);
}

/**
 * Every kernel conformance case (src/engine/backend/conformance) on a WebGPU device of its
 * own, against the CPU reference, the matmul and convolution cases once per tiling: the
 * browser's WebGPU checked the way Node's is. Loaded on demand, so the app does not carry it.
 */
async function runSelfTest(): Promise<SelfTestReport> {
  const { conformanceCases, runCase } = await import('../engine/backend/conformance');
  let gpu: WebGpuBackend;
  try {
    gpu = new WebGpuBackend(await requestGpuDevice(self.navigator.gpu));
  } catch (error) {
    return { ok: false, reason: messageOf(error) };
  }
  const results: SelfTestResult[] = [];
  const started = performance.now();
  try {
    for (const c of conformanceCases) {
      const tilings: (string | null)[] =
        c.tunable === 'matmul'
          ? [...MATMUL_TILINGS]
          : c.tunable === 'conv'
            ? [...CONV_TILINGS]
            : [null];
      for (const tiling of tilings) {
        gpu.tuning = {
          ...DEFAULT_TUNING,
          ...(tiling !== null && c.tunable !== undefined ? { [c.tunable]: tiling } : {}),
        };
        const r = await runCase(gpu, c);
        results.push({ ...r, tiling });
      }
    }
    return { ok: true, adapter: gpu.description, ms: performance.now() - started, results };
  } finally {
    gpu.destroy();
  }
}

// ---- the API ---------------------------------------------------------------------------

const api: EngineApi = {
  subscribe(l) {
    listener = l;
    // A late subscriber still learns what runs the kernels.
    void backendChosen.then(() => {
      emit(active.info);
    });
  },

  async load(json) {
    const gen = ++generation;
    await backendChosen;
    await recovery;
    await stopLoop();
    dropBoundary();
    insights.drop();
    landscape.drop();
    trainer?.dispose();
    trainer = null;
    checkpoint = null;
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
        backend: active.info.name,
        adapter: active.info.adapter,
        backendNote: active.info.note,
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
    await recovery;
    begin(Infinity);
  },

  async pause() {
    await recovery;
    await stopLoop();
  },

  async step(n) {
    if (!Number.isInteger(n) || n < 1) return;
    await recovery;
    await stopLoop();
    begin(n);
    await loop?.done;
  },

  async reset() {
    await recovery;
    if (spec === null || dataset === null) return;
    const gen = ++generation;
    await stopLoop();
    dropBoundary();
    insights.drop();
    landscape.drop();
    trainer?.dispose();
    trainer = null;
    checkpoint = null;
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
    await recovery;
    const t = trainer;
    if (t === null) return null;
    let result: EvaluationResult;
    try {
      result = await exclusive(() => t.evaluate());
    } catch (error) {
      if (!(await lostDevice(t.backend))) throw error;
      await moveToCpu(t.backend as WebGpuBackend, messageOf(error));
      return api.evaluate();
    }
    if (trainer === t) {
      emit({ type: 'eval', step: t.stepsDone, epoch: t.epoch, split: 'test', ...result });
      insights.reportTests(t);
    }
    return result;
  },

  async predictGrid(resolution) {
    await recovery;
    const t = trainer;
    if (t === null || !hasInputPlane(t.spec)) return null;
    const d = t.dataset;
    const size = Math.max(MIN_GRID, Math.min(MAX_GRID, Math.round(resolution) || MIN_GRID));
    const frame = await exclusive(async () => {
      const probe = await DecisionBoundary.create(t.spec, t.backend, d, { resolution: size });
      try {
        return await probe.frame(t.program, t.stepsDone);
      } finally {
        probe.dispose();
      }
    });
    return Comlink.transfer(frame, frameBuffers(frame));
  },

  async setProbe(request) {
    await recovery;
    const t = trainer;
    if (request?.input.kind === 'drawn' && t !== null) {
      const want = t.dataset.sampleShape.reduce((a, b) => a * b, 1);
      if (request.input.pixels.length !== want)
        throw new Error(
          `A drawing of ${request.input.pixels.length} values; the model takes ${want}.`,
        );
    }
    insights.setRequest(request);
    // While training, the run loop draws it between chunks; otherwise now.
    if (t !== null && !loop?.running && hasImages(t.dataset)) await insights.draw(t);
  },

  async cellExamples(label, predicted, limit) {
    await recovery;
    const t = trainer;
    if (t === null) return null;
    const cell = insights.cellExamples(t, label, predicted, limit);
    return cell === null ? null : Comlink.transfer(cell, cellExamplesBuffers(cell));
  },

  async previewSamples(data, seed, count) {
    return previewSamples(data, seed, count);
  },

  async useCifarArchive(file) {
    try {
      const value = await cifarFromArchive(file, file.name);
      const kept = await keepCifarArchive(file);
      readyData = { key: `cifar10#${cifarArchiveVersion}`, value };
      return {
        ok: true,
        name: file.name,
        trainSamples: value.train.count,
        testSamples: value.test.count,
        note: kept,
      };
    } catch (error) {
      return { ok: false, message: messageOf(error) };
    }
  },

  async readImageFolder(files, settings, onProgress) {
    try {
      return await readImageFolder(files, settings, onProgress);
    } catch (error) {
      return { ok: false, message: messageOf(error) };
    }
  },

  async keptImageSets() {
    return keptImageSets();
  },

  async removeImageSet(fingerprint) {
    await removeImageSet(fingerprint);
  },

  async lossSlice(resolution, span, onRow) {
    await recovery;
    const a = await landscape.slice(resolution, span, onRow);
    return a.ok ? Comlink.transfer(a, [a.frame.losses.buffer]) : a;
  },

  async lossLine() {
    await recovery;
    if (trainer !== null) await landscape.keepInitial(trainer);
    const a = await landscape.line();
    return a.ok ? Comlink.transfer(a, [a.frame.t.buffer, a.frame.losses.buffer]) : a;
  },

  async curvature(products) {
    await recovery;
    return landscape.curvature(products);
  },

  async trajectory(resolution, onRow) {
    await recovery;
    const a = await landscape.trajectory(resolution, onRow);
    if (!a.ok) return a;
    const { losses, path, steps } = a.frame;
    return Comlink.transfer(a, [losses.buffer, path.buffer, steps.buffer]);
  },

  async trackCurvature(steps) {
    landscape.trackCurvature(steps);
  },

  async selfTest() {
    return runSelfTest();
  },

  async exportWeights() {
    await recovery;
    const t = trainer;
    if (t === null) return { ok: false, message: 'No model is loaded yet.' };
    const snapshot = await exclusive(() => t.snapshot());
    const tensors = t.weightLayout;
    const bytes = encodeWeightsFile({
      header: {
        format: WEIGHTS_FORMAT,
        engineVersion: ENGINE_VERSION,
        specHash: specHash(t.spec),
        experiment: t.spec.name,
        step: snapshot.step,
        tensors,
      },
      values: snapshot.values,
    });
    const result = { ok: true, bytes, step: snapshot.step, tensors: tensors.length } as const;
    return Comlink.transfer(result, [bytes.buffer]);
  },

  async exportOnnx(referenceCount = 0) {
    await recovery;
    const t = trainer;
    if (t === null) return { ok: false, message: 'No model is loaded yet.' };
    const result = await exclusive(() => onnxOfTrainer(t, referenceCount));
    if (!result.ok) return result;
    const ref = result.reference;
    const arrays = ref === null ? [] : [ref.inputs.buffer, ref.logits.buffer];
    return Comlink.transfer(result, [result.bytes.buffer, ...arrays]);
  },

  async importWeights(bytes) {
    await recovery;
    const t = trainer;
    if (t === null) return { ok: false, message: 'Load a model first, then its weights.' };
    if (!(bytes instanceof Uint8Array)) return { ok: false, message: 'That is not a file.' };
    const read = decodeWeightsFile(bytes);
    if (!read.ok) return read;
    const fit = matchWeights(read.file, t.weightLayout);
    if (!fit.ok) return fit;
    await exclusive(async () => t.restore({ step: t.stepsDone, values: fit.values }));
    checkpointDue = true; // on the GPU, a lost device must not bring back the old weights
    await api.evaluate();
    const { header } = read.file;
    return {
      ok: true,
      tensors: header.tensors.length,
      trainedSteps: header.step,
      experiment: header.experiment,
      engineVersion: header.engineVersion,
    };
  },

  async layerActivations(nodeId, count) {
    await recovery;
    const t = trainer;
    if (t === null) return null;
    const acts = await exclusive(() => layerActivationsOf(t, nodeId, count));
    return Comlink.transfer(acts, [acts.values.buffer, acts.labels.buffer]);
  },

  async debugLoseDevice() {
    await backendChosen;
    const gpu = active.gpu;
    if (gpu === null) return false;
    gpu.gpu.device.destroy();
    return true;
  },
};

Comlink.expose(api);
