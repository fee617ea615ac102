import { beforeEach, describe, expect, it } from 'vitest';
import type { MetricsEvent } from '../../engine/train/events';
import { runSeries } from './runSeries';
import { useAppStore } from './store';

function metrics(steps: number[], loss: number[]): MetricsEvent {
  return {
    type: 'metrics',
    steps: Float64Array.from(steps),
    loss: Float32Array.from(loss),
    accuracy: Float32Array.from(loss.map(() => 0.5)),
    epoch: steps[steps.length - 1] / 100,
    samplesPerSec: 1234,
    elapsedMs: 5000,
    learningRate: 0.001,
    totalSteps: 100,
  };
}

const apply = useAppStore.getState().applyEngineEvents;

describe('runSlice', () => {
  beforeEach(() => apply([{ type: 'status', state: 'compiling', message: 'Compiling' }]));

  it('metrics: step, totals and throughput come from the latest event', () => {
    apply([metrics([1, 2, 3], [2.3, 2.2, 2.1])]);
    const run = useAppStore.getState().run;
    expect(run.step).toBe(3);
    expect(run.totalSteps).toBe(100);
    expect(run.samplesPerSec).toBe(1234);
    expect(runSeries.trainLoss.length).toBe(3);
  });

  it('metrics: the read-out is the debiased moving average, so one point reads as itself', () => {
    apply([metrics([1], [2.5])]);
    expect(useAppStore.getState().run.loss).toBeCloseTo(2.5, 6);
    apply([metrics([2], [1.5])]);
    const loss = useAppStore.getState().run.loss!;
    expect(loss).toBeGreaterThan(1.5);
    expect(loss).toBeLessThan(2.5);
  });

  it('metrics: a NaN loss does not poison the read-out', () => {
    apply([metrics([1, 2], [2, NaN])]);
    expect(useAppStore.getState().run.loss).toBeCloseTo(2, 6);
  });

  it('eval: test numbers are shown and plotted', () => {
    apply([
      { type: 'eval', step: 50, epoch: 0.5, split: 'test', loss: 0.4, accuracy: 0.9, samples: 10 },
    ]);
    expect(useAppStore.getState().run.testAccuracy).toBe(0.9);
    expect(runSeries.testLoss.length).toBe(1);
  });

  it('a new compile starts a fresh run: curves, numbers and errors are cleared', () => {
    apply([metrics([1], [2]), { type: 'error', kind: 'internal', message: 'x' }]);
    apply([{ type: 'status', state: 'ready', message: 'Ready' }]);
    apply([{ type: 'status', state: 'compiling', message: 'Compiling' }]);
    const run = useAppStore.getState().run;
    expect(run.step).toBe(0);
    expect(run.loss).toBeNull();
    expect(run.errors).toEqual([]);
    expect(runSeries.trainLoss.length).toBe(0);
  });

  it('status: state, message and progress are taken as sent', () => {
    apply([
      { type: 'status', state: 'loading', message: 'Loading 40 %', progress: 0.4, backend: 'CPU' },
    ]);
    const run = useAppStore.getState().run;
    expect(run.state).toBe('loading');
    expect(run.progress).toBe(0.4);
    expect(run.backend).toBe('CPU');
  });
});
