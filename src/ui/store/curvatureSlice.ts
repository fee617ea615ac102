// λmax and λmin of the run's Hessian measured every N steps while training (the worker's
// 'curvature' events, when the landscape panel asked for them); never persisted. A new run
// (loading, compiling) starts an empty series.
import type { StateCreator } from 'zustand';
import type { CurvatureFrame } from '../../engine/analysis/landscapeFrames';
import type { EngineEvent } from '../../engine/train/events';
import type { AppState } from './store';

export interface CurvatureSlice {
  curvatureTrack: CurvatureFrame[];
  /** Steps between tracked measurements; null when not tracking. */
  curvatureEvery: number | null;
  setCurvatureEvery: (steps: number | null) => void;
  applyCurvatureEvents: (events: EngineEvent[]) => void;
}

export const createCurvatureSlice: StateCreator<AppState, [], [], CurvatureSlice> = (set, get) => ({
  curvatureTrack: [],
  curvatureEvery: null,

  setCurvatureEvery: (steps) => set({ curvatureEvery: steps }),

  applyCurvatureEvents: (events) => {
    let track = get().curvatureTrack;
    for (const e of events) {
      if (e.type === 'curvature') {
        // A reset run's steps start again from 0: its old points go.
        const kept = track.filter((f) => f.step < e.frame.step);
        track = [...kept, e.frame];
      } else if (e.type === 'status' && (e.state === 'loading' || e.state === 'compiling')) {
        track = [];
      }
    }
    if (track !== get().curvatureTrack) set({ curvatureTrack: track });
  },
});
