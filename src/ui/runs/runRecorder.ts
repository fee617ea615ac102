// Records every training run into the run history from the worker's events, as they reach the
// page: a run begins with its first step after a compile, collects its curves, and is saved
// when it stops (paused, finished, diverged, failed) and every few seconds while it trains, so
// a reload mid-run still finds it (then marked "interrupted").
import type { ExperimentSpec } from '../../engine/spec/schema';
import { specHash } from '../../engine/spec/specHash';
import type { EngineEvent } from '../../engine/train/events';
import { ENGINE_VERSION } from '../../engine/version';
import { downsampleCurve, newRunId, type RunRecord, type RunStatus } from '../store/runRecord';
import { useAppStore } from '../store/store';

/** While training, save the run at most this often. */
const SAVE_INTERVAL_MS = 3000;

interface Points {
  steps: number[];
  values: number[];
}

interface LiveRun {
  id: string;
  name: string;
  createdAt: number;
  spec: ExperimentSpec;
  status: RunStatus;
  trainLoss: Points;
  trainAccuracy: Points;
  testLoss: Points;
  testAccuracy: Points;
  step: number;
  totalSteps: number;
  epoch: number;
  elapsedMs: number;
  samplesPerSec: number | null;
  /** The backend it started on, to say so when a lost device moved it. */
  firstBackend: string | null;
  savedAt: number;
}

/** The spec the worker is running, set by whoever sends it one (runActions). */
let runSpec: ExperimentSpec | null = null;
let live: LiveRun | null = null;
/** Runs started in this page so far, for their default names. */
let counter = 0;

export function noteRunSpec(spec: ExperimentSpec): void {
  runSpec = spec;
}

const points = (): Points => ({ steps: [], values: [] });
const orNull = (v: number | null | undefined) =>
  v === null || v === undefined || !Number.isFinite(v) ? null : v;
const last = (p: Points) => (p.values.length > 0 ? p.values[p.values.length - 1] : null);

function truncate(p: Points, step: number): void {
  let n = p.steps.length;
  while (n > 0 && p.steps[n - 1] > step) n--;
  p.steps.length = n;
  p.values.length = n;
}

function curve(p: Points) {
  return downsampleCurve(p.steps, p.values, p.steps.length);
}

/** The record of a live run as it stands. */
function toRecord(run: LiveRun): RunRecord {
  const state = useAppStore.getState().run;
  const backendName = state.backend ?? 'unknown';
  return {
    id: run.id,
    name: run.name,
    createdAt: run.createdAt,
    updatedAt: Date.now(),
    status: run.status,
    spec: run.spec,
    specHash: specHash(run.spec),
    seed: run.spec.train.seed,
    backend: {
      kind: state.backendKind,
      name:
        run.firstBackend !== null && run.firstBackend !== backendName
          ? `${run.firstBackend}, then ${backendName}`
          : backendName,
      adapter: state.adapter,
    },
    engineVersion: ENGINE_VERSION,
    steps: run.step,
    totalSteps: run.totalSteps,
    epochs: run.epoch,
    durationMs: run.elapsedMs,
    samplesPerSec: orNull(run.samplesPerSec),
    final: {
      trainLoss: orNull(last(run.trainLoss)),
      trainAccuracy: orNull(last(run.trainAccuracy)),
      testLoss: orNull(last(run.testLoss)),
      testAccuracy: orNull(last(run.testAccuracy)),
    },
    curves: {
      trainLoss: curve(run.trainLoss),
      trainAccuracy: curve(run.trainAccuracy),
      testLoss: curve(run.testLoss),
      testAccuracy: curve(run.testAccuracy),
    },
  };
}

function save(run: LiveRun): void {
  run.savedAt = performance.now();
  void useAppStore.getState().saveRun(toRecord(run));
}

const stopStates: Partial<Record<string, RunStatus>> = {
  paused: 'paused',
  finished: 'finished',
  diverged: 'diverged',
  failed: 'failed',
};

/** Feeds one batch of worker events to the recorder (after the store has applied them). */
export function recordRunEvents(events: EngineEvent[]): void {
  let stopped = false;
  for (const e of events) {
    switch (e.type) {
      case 'status': {
        if (e.state === 'loading' || e.state === 'compiling') {
          // A new trainer: whatever comes next is another run.
          if (live !== null && live.status === 'running') {
            live.status = 'paused';
            save(live);
          }
          live = null;
        } else if (live !== null) {
          const status = e.state === 'training' ? 'running' : stopStates[e.state];
          if (status !== undefined && status !== live.status) {
            live.status = status;
            if (status !== 'running') stopped = true;
          }
        }
        break;
      }
      case 'metrics': {
        if (live === null) {
          if (runSpec === null || e.steps.length === 0) break;
          counter++;
          live = {
            id: newRunId(),
            name: `${runSpec.name} · run ${counter}`,
            createdAt: Date.now(),
            spec: runSpec,
            status: 'running',
            trainLoss: points(),
            trainAccuracy: points(),
            testLoss: points(),
            testAccuracy: points(),
            step: 0,
            totalSteps: e.totalSteps,
            epoch: 0,
            elapsedMs: 0,
            samplesPerSec: null,
            firstBackend: useAppStore.getState().run.backend,
            savedAt: performance.now(),
          };
        }
        for (let i = 0; i < e.steps.length; i++) {
          live.trainLoss.steps.push(e.steps[i]);
          live.trainLoss.values.push(e.loss[i]);
          live.trainAccuracy.steps.push(e.steps[i]);
          live.trainAccuracy.values.push(e.accuracy[i]);
        }
        if (e.steps.length > 0) live.step = e.steps[e.steps.length - 1];
        live.totalSteps = e.totalSteps;
        live.epoch = e.epoch;
        live.elapsedMs = e.elapsedMs;
        live.samplesPerSec = e.samplesPerSec;
        break;
      }
      case 'eval': {
        if (live === null) break;
        live.testLoss.steps.push(e.step);
        live.testLoss.values.push(e.loss);
        live.testAccuracy.steps.push(e.step);
        live.testAccuracy.values.push(e.accuracy);
        // An evaluation asked for after the run stopped changes what was saved.
        if (live.status !== 'running') stopped = true;
        break;
      }
      case 'notice': {
        // Resumed from an earlier checkpoint: the steps after it are trained again.
        if (live === null) break;
        for (const p of [live.trainLoss, live.trainAccuracy, live.testLoss, live.testAccuracy])
          truncate(p, e.resumedFromStep);
        live.step = e.resumedFromStep;
        break;
      }
      default:
        break;
    }
  }
  if (live !== null && (stopped || performance.now() - live.savedAt >= SAVE_INTERVAL_MS))
    save(live);
}

/** Forgets the run in progress (tests). */
export function resetRunRecorder(): void {
  live = null;
  runSpec = null;
  counter = 0;
}
