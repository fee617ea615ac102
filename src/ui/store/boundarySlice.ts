// The latest decision-boundary frame of the run (toy sets only), fed by the worker's 'boundary'
// events; never persisted. The toy view draws it on animation frames.
import type { StateCreator } from 'zustand';
import type { BoundaryFrame } from '../../engine/analysis/decisionBoundary';
import type { EngineEvent } from '../../engine/train/events';
import type { AppState } from './store';

export interface BoundarySlice {
  boundary: BoundaryFrame | null;
  /** Takes the latest frame of a batch; a new run (loading, compiling) forgets the old one's. */
  applyBoundaryEvents: (events: EngineEvent[]) => void;
}

export const createBoundarySlice: StateCreator<AppState, [], [], BoundarySlice> = (set, get) => ({
  boundary: null,

  applyBoundaryEvents: (events) => {
    let frame = get().boundary;
    for (const e of events) {
      if (e.type === 'boundary') frame = e.frame;
      else if (e.type === 'status' && (e.state === 'loading' || e.state === 'compiling')) {
        frame = null;
      }
    }
    if (frame !== get().boundary) set({ boundary: frame });
  },
});
