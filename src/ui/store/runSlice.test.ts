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

  it('compile progress updates keep the run; a compile that starts over clears it', () => {
    apply([{ type: 'status', state: 'compiling', message: 'Compiling', progress: 0.5 }]);
    expect(useAppStore.getState().run.progress).toBe(0.5);
    apply([metrics([1], [2])]);
    apply([{ type: 'status', state: 'compiling', message: 'Compiling', progress: 0.9 }]);
    expect(runSeries.trainLoss.length).toBe(1);
    apply([{ type: 'status', state: 'compiling', message: 'Compiling' }]);
    expect(runSeries.trainLoss.length).toBe(0);
  });

  it('metrics: the learning rate is the latest; the time left follows the pace', async () => {
    apply([{ type: 'status', state: 'training', message: 'Training' }]);
    apply([metrics([10], [2])]);
    expect(useAppStore.getState().run.learningRate).toBe(0.001);
    expect(useAppStore.getState().run.etaMs).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
    apply([metrics([20], [2])]);
    const eta = useAppStore.getState().run.etaMs!;
    // 10 steps in about 20 ms; 80 steps to go: about 160 ms.
    expect(eta).toBeGreaterThan(20);
    expect(eta).toBeLessThan(2000);
  });

  it('setRunSize: total steps and steps per epoch of the loaded run', () => {
    useAppStore.getState().setRunSize({ totalSteps: 937, stepsPerEpoch: 937, backend: 'WebGPU' });
    const run = useAppStore.getState().run;
    expect(run.totalSteps).toBe(937);
    expect(run.stepsPerEpoch).toBe(937);
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

  it('backend: what runs the kernels, its adapter and why the CPU, kept across runs', () => {
    apply([
      {
        type: 'backend',
        kind: 'webgpu',
        name: 'WebGPU',
        adapter: 'SwiftShader (software fallback adapter, runs on the CPU)',
        note: null,
        tuning: 'matmul blocked (5.0 ms vs tiled 16.0 ms), conv blocked, measured in 0.4 s',
      },
    ]);
    apply([{ type: 'status', state: 'compiling', message: 'Compiling' }]);
    const run = useAppStore.getState().run;
    expect(run.backend).toBe('WebGPU');
    expect(run.backendKind).toBe('webgpu');
    expect(run.adapter).toMatch(/^SwiftShader/);
    expect(run.backendNote).toBeNull();
    expect(run.tuning).toMatch(/^matmul blocked/);
  });

  it('a device-lost notice: the curves go back to the resume step and rerun from there', () => {
    apply([metrics([1, 2, 3, 4, 5, 6], [2.3, 2.2, 2.1, 2.0, 1.9, 1.8])]);
    apply([
      { type: 'eval', step: 3, epoch: 0.03, split: 'test', loss: 2, accuracy: 0.3, samples: 10 },
      { type: 'eval', step: 6, epoch: 0.06, split: 'test', loss: 1.8, accuracy: 0.4, samples: 10 },
    ]);
    apply([
      {
        type: 'notice',
        kind: 'device-lost',
        message:
          'The GPU device was lost at step 6. The run moved to the CPU and resumed from step 4.',
        resumedFromStep: 4,
        lostAtStep: 6,
      },
    ]);
    let run = useAppStore.getState().run;
    expect(run.notice?.resumedFromStep).toBe(4);
    expect(run.step).toBe(4);
    expect(runSeries.trainLoss.length).toBe(4);
    expect(runSeries.testLoss.length).toBe(1);
    // The read-out is the average of the four points left, as if the others never came.
    const w = useAppStore.getState().spec.view.smoothing;
    const fresh = [2.3, 2.2, 2.1, 2.0].reduce(
      (acc, v) => ({ avg: acc.avg * w + (1 - w) * v, debias: acc.debias * w }),
      { avg: 0, debias: 1 },
    );
    expect(run.loss).toBeCloseTo(fresh.avg / (1 - fresh.debias), 5);
    apply([metrics([5], [1.95])]);
    expect(runSeries.trainLoss.length).toBe(5);
    apply([{ type: 'status', state: 'compiling', message: 'Compiling' }]);
    expect(useAppStore.getState().run.notice).not.toBeNull();
    useAppStore.getState().dismissNotice();
    run = useAppStore.getState().run;
    expect(run.notice).toBeNull();
  });
});
