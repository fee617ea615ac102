import { describe, expect, it } from 'vitest';
import type { EngineEvent, MetricsEvent, StatusEvent } from '../engine/train/events';
import { coalesceEvents, mergeMetrics, transferablesOf } from './eventBatch';

function metrics(steps: number[], epoch: number): MetricsEvent {
  return {
    type: 'metrics',
    steps: Float64Array.from(steps),
    loss: Float32Array.from(steps.map((s) => 1 / s)),
    accuracy: Float32Array.from(steps.map((s) => s / 100)),
    epoch,
    samplesPerSec: 1000 * epoch,
    elapsedMs: 10 * epoch,
    learningRate: 0.001,
    totalSteps: 100,
  };
}

function status(state: StatusEvent['state'], progress: number): StatusEvent {
  return { type: 'status', state, message: `${state} ${progress}`, progress };
}

describe('coalesceEvents', () => {
  it('merges neighbouring metrics events into one, in step order, with the latest numbers', () => {
    const [merged] = coalesceEvents([metrics([1, 2], 0.02), metrics([3], 0.03)]) as MetricsEvent[];
    expect(Array.from(merged.steps)).toEqual([1, 2, 3]);
    expect(Array.from(merged.loss)).toEqual([1, 0.5, Math.fround(1 / 3)]);
    expect(merged.epoch).toBe(0.03);
    expect(merged.samplesPerSec).toBe(30);
  });

  it('keeps the order of metrics around an eval event', () => {
    const evalEvent: EngineEvent = {
      type: 'eval',
      step: 2,
      epoch: 0.02,
      split: 'test',
      loss: 0.5,
      accuracy: 0.9,
      samples: 10,
    };
    const out = coalesceEvents([metrics([1, 2], 0.02), evalEvent, metrics([3], 0.03)]);
    expect(out.map((e) => e.type)).toEqual(['metrics', 'eval', 'metrics']);
  });

  it('keeps only the latest of neighbouring progress updates in the same state', () => {
    const out = coalesceEvents([
      status('loading', 0.1),
      status('loading', 0.5),
      status('compiling', 0),
    ]);
    expect(out).toEqual([status('loading', 0.5), status('compiling', 0)]);
  });

  it('keeps every error event', () => {
    const errors: EngineEvent[] = [
      { type: 'error', kind: 'invalid-model', message: 'a', nodeId: 'x' },
      { type: 'error', kind: 'invalid-model', message: 'b', nodeId: 'y' },
    ];
    expect(coalesceEvents(errors)).toEqual(errors);
  });
});

describe('mergeMetrics and transferablesOf', () => {
  it('gives fresh arrays, so transferring them leaves the originals intact', () => {
    const original = metrics([1, 2], 0.02);
    const merged = mergeMetrics([original]);
    const buffers = transferablesOf([merged]);
    expect(buffers).toHaveLength(3);
    expect(buffers).not.toContain(original.steps.buffer);
    structuredClone(merged, { transfer: buffers });
    expect(merged.steps.length).toBe(0);
    expect(Array.from(original.steps)).toEqual([1, 2]);
  });
});

describe('decision-boundary frames in a batch', () => {
  function boundary(step: number): EngineEvent {
    const points = {
      train: new Float32Array(2),
      trainLabels: new Int32Array(1),
      trainTargets: null,
      test: new Float32Array(2),
      testLabels: new Int32Array(1),
      testTargets: null,
    };
    return {
      type: 'boundary',
      frame: {
        step,
        task: 'classification',
        bounds: { xMin: -1, xMax: 1, yMin: -1, yMax: 1 },
        resolution: 2,
        outputs: 2,
        values: new Float32Array(8),
        classNames: ['A', 'B'],
        hidden: null,
        points,
      },
    };
  }

  it('keeps only the latest frame, and metrics around the dropped ones still merge', () => {
    const out = coalesceEvents([
      metrics([1], 0.01),
      boundary(1),
      metrics([2], 0.02),
      boundary(2),
      status('paused', 0),
    ]);
    expect(out.map((e) => e.type)).toEqual(['metrics', 'boundary', 'status']);
    expect(out[1].type === 'boundary' && out[1].frame.step).toBe(2);
  });

  it('transfers every array of a frame', () => {
    const e = boundary(3);
    expect(transferablesOf([e])).toHaveLength(5);
  });
});

describe('probe frames and test reports in a batch', () => {
  function probe(step: number): EngineEvent {
    const values = new Float32Array(4);
    return {
      type: 'probe',
      frame: {
        step,
        source: { kind: 'drawn' },
        inputShape: [1, 2, 2],
        input: new Float32Array(4),
        classNames: ['A', 'B'],
        result: {
          activations: [{ nodeId: 'c1', op: 'conv2d', shape: [1, 2, 2], values }],
          // A second view of the same buffer is sent once.
          filters: [{ nodeId: 'c1', op: 'conv2d', shape: [1, 1, 1, 1], values, first: true }],
          scores: new Float32Array(2),
          probabilities: new Float32Array(2),
          predicted: 0,
          saliency: { classIndex: 0, values: new Float32Array(4) },
        },
        saliencyUnavailable: null,
      },
    };
  }
  function report(step: number): EngineEvent {
    return {
      type: 'testReport',
      frame: {
        report: {
          step,
          classes: 2,
          count: 3,
          confusion: new Int32Array(4),
          classAccuracy: new Float32Array(2),
          accuracy: 0.5,
          mistakes: [
            {
              index: 1,
              label: 0,
              predicted: 1,
              confidence: 0.9,
              probabilities: new Float32Array(2),
            },
          ],
        },
        classNames: ['A', 'B'],
        imageShape: [1, 2, 2],
        mistakeImages: new Uint8Array(4),
      },
    };
  }

  it('keeps only the latest of each', () => {
    const out = coalesceEvents([probe(1), report(1), probe(2), metrics([2], 0.02), report(2)]);
    expect(out.map((e) => e.type)).toEqual(['probe', 'metrics', 'testReport']);
    expect(out[0].type === 'probe' && out[0].frame.step).toBe(2);
    expect(out[2].type === 'testReport' && out[2].frame.report.step).toBe(2);
  });

  it('transfers every array of each, once', () => {
    expect(transferablesOf([probe(1)])).toHaveLength(5);
    expect(transferablesOf([report(1)])).toHaveLength(4);
  });
});
