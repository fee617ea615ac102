import { describe, expect, it } from 'vitest';
import type { BoundaryFrame } from '../../engine/analysis/decisionBoundary';
import type { EngineEvent } from '../../engine/train/events';
import { useAppStore } from './store';

function frame(step: number): BoundaryFrame {
  return {
    step,
    task: 'classification',
    bounds: { xMin: -1, xMax: 1, yMin: -1, yMax: 1 },
    resolution: 1,
    outputs: 2,
    values: Float32Array.from([0.5, 0.5]),
    classNames: ['A', 'B'],
    hidden: null,
    points: {
      train: new Float32Array(0),
      trainLabels: new Int32Array(0),
      trainTargets: null,
      test: new Float32Array(0),
      testLabels: new Int32Array(0),
      testTargets: null,
    },
  };
}

const boundary = (step: number): EngineEvent => ({ type: 'boundary', frame: frame(step) });

describe('boundary slice', () => {
  it('keeps the latest frame of a batch, and forgets it when a new run compiles', () => {
    const store = useAppStore.getState();
    store.applyBoundaryEvents([boundary(1), boundary(5)]);
    expect(useAppStore.getState().boundary?.step).toBe(5);
    // Events that are not about the boundary leave it alone.
    store.applyBoundaryEvents([{ type: 'status', state: 'paused', message: 'Paused.' }]);
    expect(useAppStore.getState().boundary?.step).toBe(5);
    store.applyBoundaryEvents([{ type: 'status', state: 'compiling', message: 'Compiling…' }]);
    expect(useAppStore.getState().boundary).toBeNull();
    // A frame after the new run's compile belongs to it.
    store.applyBoundaryEvents([
      { type: 'status', state: 'compiling', message: 'Compiling…' },
      boundary(0),
    ]);
    expect(useAppStore.getState().boundary?.step).toBe(0);
  });
});
