// The state of the training run, fed only by the worker's events; never persisted. Curves go
// to runSeries (read by the charts on animation frames); this slice keeps the latest numbers,
// which change at most once per event batch (tens of times a second).
import type { StateCreator } from 'zustand';
import type { ErrorKind, EngineEvent, RunState } from '../../engine/train/events';
import { clearRunSeries, runSeries, runSeriesChanged, truncateRunSeries } from './runSeries';
import { StepRate } from './stepRate';
import type { AppState } from './store';

export interface RunError {
  kind: ErrorKind;
  message: string;
  nodeId?: string;
}

/** A notice about the run that is not an error (it carried on), shown until dismissed. */
export interface RunNotice {
  kind: 'device-lost';
  message: string;
  resumedFromStep: number;
}

export interface RunNumbers {
  state: RunState;
  message: string;
  /** What runs the kernels, in words; with the GPU adapter's name, and why the CPU, if it is. */
  backend: string | null;
  backendKind: 'webgpu' | 'cpu' | null;
  adapter: string | null;
  backendNote: string | null;
  /** The kernel variants chosen for the GPU by measurement, in words. */
  tuning: string | null;
  notice: RunNotice | null;
  /** Progress of loading or compiling, in [0, 1]; null when no phase is under way. */
  progress: number | null;
  step: number;
  totalSteps: number;
  /** Steps in one epoch of the loaded run (0 until it is loaded): the charts' epoch axis. */
  stepsPerEpoch: number;
  epoch: number;
  /** Training loss and accuracy, smoothed with the spec's view.smoothing. */
  loss: number | null;
  accuracy: number | null;
  testLoss: number | null;
  testAccuracy: number | null;
  samplesPerSec: number | null;
  elapsedMs: number;
  /** The learning rate of the latest step (the schedule moves it). */
  learningRate: number | null;
  /** Time left to the end of the run at the recent pace; null before it is known. */
  etaMs: number | null;
  errors: RunError[];
}

export interface RunSlice {
  run: RunNumbers;
  /** Applies one batch of worker events; a 'compiling' or 'loading' status starts a fresh run. */
  applyEngineEvents: (events: EngineEvent[]) => void;
  /** The run is about to be replaced (a new spec was sent): forget the old one's numbers and errors. */
  clearRun: () => void;
  /** The size of the loaded run, known from `load`'s result before any step is taken. */
  setRunSize: (size: { totalSteps: number; stepsPerEpoch: number; backend: string }) => void;
  /**
   * The CIFAR-10 splits the worker last loaded: an archive may hold any subset of the batches,
   * so the full data set's 50,000 / 10,000 are only a guess until one is read. Kept across runs.
   */
  cifarSplits: { train: number; test: number } | null;
  setCifarSplits: (splits: { train: number; test: number }) => void;
  dismissNotice: () => void;
}

const initialRun: RunNumbers = {
  state: 'idle',
  message: 'Pick a model to begin.',
  backend: null,
  backendKind: null,
  adapter: null,
  backendNote: null,
  tuning: null,
  notice: null,
  progress: null,
  step: 0,
  totalSteps: 0,
  stepsPerEpoch: 0,
  epoch: 0,
  loss: null,
  accuracy: null,
  testLoss: null,
  testAccuracy: null,
  samplesPerSec: null,
  elapsedMs: 0,
  learningRate: null,
  etaMs: null,
  errors: [],
};

/** The run's pace on the wall clock, for the ETA. */
const stepRate = new StepRate();

/** Debiased exponential moving average of the training curves, for the read-outs. */
const ema = { loss: 0, accuracy: 0, debias: 1 };

function resetEma(): void {
  ema.loss = 0;
  ema.accuracy = 0;
  ema.debias = 1;
}

/** The moving average again over the points the curves still hold. */
function recomputeEma(weight: number): void {
  resetEma();
  const { trainLoss, trainAccuracy } = runSeries;
  for (let i = 0; i < trainLoss.length; i++) {
    const loss = trainLoss.values[i];
    if (!Number.isFinite(loss)) continue;
    ema.loss = ema.loss * weight + (1 - weight) * loss;
    ema.accuracy = ema.accuracy * weight + (1 - weight) * trainAccuracy.values[i];
    ema.debias *= weight;
  }
}

function freshRun(previous: RunNumbers): RunNumbers {
  resetEma();
  stepRate.reset();
  clearRunSeries();
  // What runs the kernels, and a notice not yet dismissed, outlive the run.
  const { backend, backendKind, adapter, backendNote, tuning, notice } = previous;
  return { ...initialRun, backend, backendKind, adapter, backendNote, tuning, notice };
}

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set, get) => ({
  run: initialRun,

  clearRun: () =>
    set((s) => ({ run: { ...freshRun(s.run), state: s.run.state, message: s.run.message } })),

  cifarSplits: null,
  setCifarSplits: (splits) => set({ cifarSplits: splits }),
  setRunSize: ({ totalSteps, stepsPerEpoch, backend }) =>
    set((s) => ({ run: { ...s.run, totalSteps, stepsPerEpoch, backend } })),

  dismissNotice: () => set((s) => ({ run: { ...s.run, notice: null } })),

  applyEngineEvents: (events) => {
    const weight = get().spec.view.smoothing;
    let run = get().run;
    for (const e of events) {
      switch (e.type) {
        case 'status': {
          // Everything after these belongs to a new trainer; progress updates repeat them.
          const compileStarts =
            e.state === 'compiling' && (e.progress === undefined || run.state !== 'compiling');
          if (compileStarts || (e.state === 'loading' && run.state !== 'loading')) {
            run = freshRun(run);
          }
          if (e.state !== 'training') stepRate.interrupt();
          run = {
            ...run,
            state: e.state,
            message: e.message,
            backend: e.backend ?? run.backend,
            progress: e.progress ?? null,
          };
          break;
        }
        case 'metrics': {
          runSeries.trainLoss.pushAll(e.steps, e.loss);
          runSeries.trainAccuracy.pushAll(e.steps, e.accuracy);
          runSeriesChanged();
          for (let i = 0; i < e.loss.length; i++) {
            if (!Number.isFinite(e.loss[i])) continue;
            ema.loss = ema.loss * weight + (1 - weight) * e.loss[i];
            ema.accuracy = ema.accuracy * weight + (1 - weight) * e.accuracy[i];
            ema.debias *= weight;
          }
          const seen = ema.debias < 1;
          const n = e.steps.length;
          const step = n > 0 ? e.steps[n - 1] : run.step;
          stepRate.observe(step, performance.now());
          run = {
            ...run,
            step,
            totalSteps: e.totalSteps,
            epoch: e.epoch,
            loss: seen ? ema.loss / (1 - ema.debias) : n > 0 ? e.loss[n - 1] : run.loss,
            accuracy: seen ? ema.accuracy / (1 - ema.debias) : run.accuracy,
            samplesPerSec: e.samplesPerSec,
            elapsedMs: e.elapsedMs,
            learningRate: e.learningRate,
            etaMs: stepRate.remainingMs(step, e.totalSteps),
          };
          break;
        }
        case 'eval': {
          runSeries.testLoss.push(e.step, e.loss);
          runSeries.testAccuracy.push(e.step, e.accuracy);
          runSeriesChanged();
          run = { ...run, testLoss: e.loss, testAccuracy: e.accuracy };
          break;
        }
        case 'backend': {
          run = {
            ...run,
            backend: e.name,
            backendKind: e.kind,
            adapter: e.adapter,
            backendNote: e.note,
            tuning: e.tuning,
          };
          break;
        }
        case 'notice': {
          // The run continues from an earlier step: what came after it is redrawn as it reruns.
          truncateRunSeries(e.resumedFromStep);
          recomputeEma(weight);
          const seen = ema.debias < 1;
          run = {
            ...run,
            step: e.resumedFromStep,
            loss: seen ? ema.loss / (1 - ema.debias) : null,
            accuracy: seen ? ema.accuracy / (1 - ema.debias) : null,
            notice: { kind: e.kind, message: e.message, resumedFromStep: e.resumedFromStep },
          };
          break;
        }
        case 'error': {
          run = {
            ...run,
            errors: [...run.errors, { kind: e.kind, message: e.message, nodeId: e.nodeId }],
          };
          break;
        }
      }
    }
    set({ run });
  },
});
