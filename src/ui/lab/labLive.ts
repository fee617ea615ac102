// The race as it stands, for readers outside the lab's views (a lesson's checks): where each
// path is, at which learning rate it runs, and how it is doing. The lab publishes it whenever
// its read-outs refresh; readers subscribe (useSyncExternalStore). Not in the store: it
// changes every few frames and is derived, never chosen.
import type { PathOptimizerKind, PathStatus } from '../../engine/analysis/pathOptimizers';
import type { ToySurfaceId } from '../../engine/analysis/surfaces/index';
import type { Race } from './labRace';

export interface LivePath {
  kind: PathOptimizerKind;
  lr: number;
  steps: number;
  start: readonly [number, number];
  /** The head of the path. */
  w: readonly [number, number];
  loss: number;
  status: PathStatus;
}

export interface LabLive {
  surfaceId: ToySurfaceId;
  paths: LivePath[];
}

let current: LabLive | null = null;
const listeners = new Set<() => void>();

export function publishRace(race: Race): void {
  current = {
    surfaceId: race.surface.id,
    paths: race.paths.map((p) => ({
      kind: p.config.kind,
      lr: p.config.lr,
      steps: p.steps,
      start: p.start,
      w: [p.points[2 * (p.length - 1)], p.points[2 * (p.length - 1) + 1]],
      loss: p.losses[p.length - 1],
      status: p.status,
    })),
  };
  for (const l of listeners) l();
}

export function subscribeLabLive(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const getLabLive = (): LabLive | null => current;
