import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../engine/train/events';
import { useAppStore } from './store';

const initial = useAppStore.getState();
function store() {
  useAppStore.setState(initial, true);
  return useAppStore;
}

const probe = (step: number) => ({ type: 'probe', frame: { step } }) as unknown as EngineEvent;
const report = (step: number) =>
  ({ type: 'testReport', frame: { report: { step } } }) as unknown as EngineEvent;

describe('insight slice', () => {
  it('keeps the latest probe frame and test report, and forgets both when a new run compiles', () => {
    const s = store();
    s.getState().applyInsightEvents([probe(1), report(1), probe(2)]);
    expect(s.getState().probe?.step).toBe(2);
    expect(s.getState().testReport?.report.step).toBe(1);
    s.getState().applyInsightEvents([{ type: 'status', state: 'compiling', message: '' }]);
    expect(s.getState().probe).toBeNull();
    expect(s.getState().testReport).toBeNull();
  });

  it('a drawing becomes the probe input; clearing it goes back to a test sample', () => {
    const s = store();
    s.getState().setProbeInput({ kind: 'test', index: 7 });
    const pixels = new Float32Array(784);
    s.getState().setDrawing(pixels);
    expect(s.getState().probeInput).toEqual({ kind: 'drawn', pixels });
    s.getState().setDrawing(null);
    expect(s.getState().probeInput).toEqual({ kind: 'test', index: 0 });
    s.getState().setProbeInput({ kind: 'test', index: 3 });
    s.getState().setDrawing(null); // a test sample stays
    expect(s.getState().probeInput).toEqual({ kind: 'test', index: 3 });
  });

  it('opens and closes panels one at a time', () => {
    const s = store();
    s.getState().setPanelOpen('filters', false);
    expect(s.getState().openPanels).toEqual({
      featureMaps: true,
      filters: false,
      evaluation: true,
      draw: true,
    });
  });
});
