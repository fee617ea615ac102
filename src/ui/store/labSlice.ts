// The loss-surface lab's settings: which page is showing, the toy surface, the start point, the
// data set's shape (for the quadratic), which optimizers race and at what learning rates, and
// whether the race is running. The paths themselves change every frame and live outside the
// store (see lab/labRace.ts); only what a person chose is here. Never persisted.
import type { StateCreator } from 'zustand';
import { PATH_OPTIMIZER_KINDS, type PathOptimizerKind } from '../../engine/analysis/pathOptimizers';
import {
  DEFAULT_DATA_SHAPE,
  type DataShape,
  type ToySurfaceId,
} from '../../engine/analysis/surfaces/index';
import { DEFAULT_LEARNING_RATES, FIRST_RACE } from '../lab/labDefaults';
import type { AppState } from './store';

export type AppPage = 'playground' | 'lossSurfaces' | 'learn' | 'words';

export interface LabOptimizer {
  enabled: boolean;
  lr: number;
}

export interface LabSettings {
  surfaceId: ToySurfaceId;
  /** Null: the surface's own suggested start. */
  start: readonly [number, number] | null;
  dataShape: DataShape;
  optimizers: Record<PathOptimizerKind, LabOptimizer>;
  /** Index into SPEEDS. */
  speed: number;
  running: boolean;
  /** Bumped on every (re)start, so the race rebuilds its paths. */
  raceId: number;
}

export interface LabSlice {
  page: AppPage;
  lab: LabSettings;
  showPage: (page: AppPage) => void;
  chooseSurface: (id: ToySurfaceId) => void;
  /** A new start point restarts the race from there. */
  setStart: (start: readonly [number, number]) => void;
  setDataShape: (shape: Partial<DataShape>) => void;
  setOptimizerEnabled: (kind: PathOptimizerKind, enabled: boolean) => void;
  setLearningRate: (kind: PathOptimizerKind, lr: number) => void;
  setSpeed: (speed: number) => void;
  startRace: () => void;
  setRunning: (running: boolean) => void;
  /** A lesson step's lab state: a whole new race (surface, racers, start), started or not. */
  loadLab: (settings: Pick<LabSettings, 'surfaceId' | 'start' | 'optimizers' | 'running'>) => void;
}

function optimizersFor(id: ToySurfaceId, enabled: readonly PathOptimizerKind[]) {
  const rates = DEFAULT_LEARNING_RATES[id];
  return Object.fromEntries(
    PATH_OPTIMIZER_KINDS.map((k) => [k, { enabled: enabled.includes(k), lr: rates[k] }]),
  ) as Record<PathOptimizerKind, LabOptimizer>;
}

export const INITIAL_LAB: LabSettings = {
  surfaceId: 'linear111',
  start: null,
  dataShape: DEFAULT_DATA_SHAPE,
  optimizers: optimizersFor('linear111', FIRST_RACE),
  speed: 1,
  running: false,
  raceId: 0,
};

export const createLabSlice: StateCreator<AppState, [], [], LabSlice> = (set, get) => {
  const update = (patch: Partial<LabSettings>) => set({ lab: { ...get().lab, ...patch } });
  const restart = (patch: Partial<LabSettings>) =>
    update({ ...patch, raceId: get().lab.raceId + 1, running: true });
  return {
    page: 'playground',
    lab: INITIAL_LAB,
    showPage: (page) => set({ page }),
    chooseSurface: (surfaceId) => {
      const enabled = Object.entries(get().lab.optimizers)
        .filter(([, o]) => o.enabled)
        .map(([k]) => k as PathOptimizerKind);
      update({
        surfaceId,
        start: null,
        optimizers: optimizersFor(surfaceId, enabled),
        running: false,
        raceId: get().lab.raceId + 1,
      });
    },
    setStart: (start) => restart({ start: [start[0], start[1]] }),
    setDataShape: (shape) =>
      update({ dataShape: { ...get().lab.dataShape, ...shape }, raceId: get().lab.raceId + 1 }),
    // A change of who races, or how fast they step, rebuilds the paths from the start point,
    // so what is drawn always belongs to the settings shown.
    setOptimizerEnabled: (kind, enabled) =>
      update({
        optimizers: { ...get().lab.optimizers, [kind]: { ...get().lab.optimizers[kind], enabled } },
        raceId: get().lab.raceId + 1,
      }),
    setLearningRate: (kind, lr) => {
      if (!(lr > 0) || !Number.isFinite(lr)) return;
      update({
        optimizers: { ...get().lab.optimizers, [kind]: { ...get().lab.optimizers[kind], lr } },
        raceId: get().lab.raceId + 1,
      });
    },
    setSpeed: (speed) => update({ speed }),
    startRace: () => restart({}),
    setRunning: (running) => update({ running }),
    loadLab: (settings) => update({ ...settings, raceId: get().lab.raceId + 1 }),
  };
};
