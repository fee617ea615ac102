// The race on the lab's surface: one OptimizerPath per enabled optimizer, all from the same
// start, advanced a few steps per animation frame so no frame's work comes near 50 ms. Plain
// mutable objects, outside React and the store: views read them when they paint.
import {
  OptimizerPath,
  PATH_OPTIMIZER_KINDS,
  type PathOptimizerKind,
} from '../../engine/analysis/pathOptimizers';
import type { ToySurface } from '../../engine/analysis/surfaces/index';
import type { LabSettings } from '../store/labSlice';
import { MAX_STEPS, SGD_BATCH, SGD_NOISE } from './labDefaults';

export interface Race {
  surface: ToySurface;
  start: readonly [number, number];
  paths: OptimizerPath[];
  /** Bumped whenever a path grows, so views know to repaint. */
  version: number;
}

export function newRace(surface: ToySurface, settings: LabSettings): Race {
  const start = settings.start ?? surface.start;
  const paths = PATH_OPTIMIZER_KINDS.filter((k) => settings.optimizers[k].enabled).map(
    (kind: PathOptimizerKind, i) =>
      new OptimizerPath(
        surface,
        {
          kind,
          lr: settings.optimizers[kind].lr,
          batchSize: SGD_BATCH,
          noise: SGD_NOISE,
          seed: 1000 + settings.raceId * 16 + i,
        },
        start,
        MAX_STEPS,
      ),
  );
  return { surface, start, paths, version: 0 };
}

/** Advances every running path by `steps`; false when none is running any more. */
export function advanceRace(race: Race, steps: number): boolean {
  let any = false;
  for (const p of race.paths) {
    if (p.advance(steps) > 0) race.version++;
    if (p.status === 'running') any = true;
  }
  return any;
}
