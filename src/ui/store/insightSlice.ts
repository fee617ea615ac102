// What the inside-the-network panels show: the latest probe frame and test report (fed by the
// worker's events; a new run forgets the old one's), what the probe looks at (a test sample or
// the drawing), and which panels are open — a closed panel asks the worker for nothing. None of
// it is part of the experiment, so none of it is saved.
import type { StateCreator } from 'zustand';
import type { ProbeFrame, ProbeInput, TestReportFrame } from '../../engine/analysis/insightFrames';
import type { EngineEvent } from '../../engine/train/events';
import type { AppState } from './store';

export type InsightPanel = 'featureMaps' | 'filters' | 'evaluation' | 'draw';
export const INSIGHT_PANELS: readonly InsightPanel[] = [
  'featureMaps',
  'filters',
  'evaluation',
  'draw',
];

export interface InsightSlice {
  probe: ProbeFrame | null;
  testReport: TestReportFrame | null;
  probeInput: ProbeInput;
  /** The drawing's digit (28 × 28 grey levels), kept when the probe looks at a test sample. */
  drawing: Float32Array | null;
  openPanels: Record<InsightPanel, boolean>;
  applyInsightEvents: (events: EngineEvent[]) => void;
  setProbeInput: (input: ProbeInput) => void;
  setDrawing: (pixels: Float32Array | null) => void;
  setPanelOpen: (panel: InsightPanel, open: boolean) => void;
}

export const createInsightSlice: StateCreator<AppState, [], [], InsightSlice> = (set, get) => ({
  probe: null,
  testReport: null,
  probeInput: { kind: 'test', index: 0 },
  drawing: null,
  openPanels: { featureMaps: true, filters: true, evaluation: true, draw: true },

  applyInsightEvents: (events) => {
    let { probe, testReport } = get();
    for (const e of events) {
      if (e.type === 'probe') probe = e.frame;
      else if (e.type === 'testReport') testReport = e.frame;
      else if (e.type === 'status' && (e.state === 'loading' || e.state === 'compiling')) {
        probe = null;
        testReport = null;
      }
    }
    if (probe !== get().probe || testReport !== get().testReport) set({ probe, testReport });
  },

  setProbeInput: (probeInput) => set({ probeInput }),

  /** A drawing becomes what the probe looks at; clearing it goes back to the test sample shown before. */
  setDrawing: (drawing) => {
    if (drawing !== null) {
      set({ drawing, probeInput: { kind: 'drawn', pixels: drawing } });
      return;
    }
    const input = get().probeInput;
    set({ drawing: null, probeInput: input.kind === 'drawn' ? { kind: 'test', index: 0 } : input });
  },

  setPanelOpen: (panel, open) => set({ openPanels: { ...get().openPanels, [panel]: open } }),
});
