import { beforeEach, describe, expect, it } from 'vitest';
import { templateSpec } from '../../engine/spec/templates';
import type { EngineEvent, MetricsEvent } from '../../engine/train/events';
import { memoryStore, storage } from '../store/persistence';
import { parseRunRecord } from '../store/runRecord';
import { useAppStore } from '../store/store';
import { noteRunSpec, recordRunEvents, resetRunRecorder } from './runRecorder';

function metrics(from: number, n: number): MetricsEvent {
  const steps = Float64Array.from({ length: n }, (_, i) => from + i);
  return {
    type: 'metrics',
    steps,
    loss: Float32Array.from(steps, (s) => 1 / s),
    accuracy: Float32Array.from(steps, (s) => s / 100),
    epoch: (from + n - 1) / 25,
    samplesPerSec: 1234,
    elapsedMs: 500,
    learningRate: 0.01,
    totalSteps: 50,
  };
}
const status = (state: 'compiling' | 'training' | 'paused' | 'finished'): EngineEvent => ({
  type: 'status',
  state,
  message: state,
});

let runs: ReturnType<typeof memoryStore>;
beforeEach(() => {
  runs = memoryStore();
  storage.runs = runs;
  resetRunRecorder();
  useAppStore.setState({ runs: [], selectedRunIds: [], storageProblem: null });
  useAppStore.setState((s) => ({
    run: { ...s.run, backend: 'CPU (JavaScript)', backendKind: 'cpu' },
  }));
});

describe('run recorder', () => {
  it('records a run from its first step to its end, saved and valid', async () => {
    const spec = templateSpec('spiral');
    noteRunSpec(spec);
    recordRunEvents([status('compiling'), status('training'), metrics(1, 30)]);
    recordRunEvents([
      metrics(31, 20),
      { type: 'eval', step: 50, epoch: 2, split: 'test', loss: 0.3, accuracy: 0.9, samples: 250 },
      status('finished'),
    ]);
    const [run] = useAppStore.getState().runs;
    expect(run).toMatchObject({
      status: 'finished',
      steps: 50,
      seed: spec.train.seed,
      backend: { kind: 'cpu', name: 'CPU (JavaScript)' },
      samplesPerSec: 1234,
      final: { testAccuracy: 0.9, testLoss: 0.3 },
    });
    expect(run.curves.trainLoss.steps).toHaveLength(50);
    expect(run.curves.trainLoss.values[49]).toBe(Math.fround(1 / 50));
    await Promise.resolve();
    expect(parseRunRecord(runs.data.get(run.id)).ok).toBe(true);
  });

  it('starts a new run at each compile, and does not record one that took no step', () => {
    noteRunSpec(templateSpec('spiral'));
    recordRunEvents([status('compiling'), status('training'), metrics(1, 5), status('paused')]);
    recordRunEvents([status('compiling'), status('training'), metrics(1, 3), status('paused')]);
    recordRunEvents([status('compiling')]);
    const saved = useAppStore.getState().runs;
    expect(saved).toHaveLength(2);
    expect(saved.map((r) => r.steps).sort()).toEqual([3, 5]);
  });

  it('forgets the steps a lost device makes the run train again', () => {
    noteRunSpec(templateSpec('spiral'));
    recordRunEvents([status('compiling'), status('training'), metrics(1, 40)]);
    recordRunEvents([
      { type: 'notice', kind: 'device-lost', message: 'lost', resumedFromStep: 32, lostAtStep: 40 },
      metrics(33, 10),
      status('paused'),
    ]);
    const [run] = useAppStore.getState().runs;
    expect(run.curves.trainLoss.steps).toEqual(Array.from({ length: 42 }, (_, i) => i + 1));
  });
});
