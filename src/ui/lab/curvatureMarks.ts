// The learning rates worth marking on each optimizer's slider, from the Hessian's eigenvalues
// at the start point (everywhere, for the quadratic): η = 1/λ is the fastest step along λ's
// eigenvector, and beyond the stability bound (2/λmax for GD) the path diverges.
import { eigen2 } from '../../engine/analysis/eigen2';
import { stabilityBound, type PathOptimizerKind } from '../../engine/analysis/pathOptimizers';
import type { ToySurface } from '../../engine/analysis/surfaces/index';

export interface LrMark {
  label: string;
  value: number;
  /** Beyond it the optimizer diverges. */
  limit: boolean;
}

export interface Curvature {
  lambdaMax: number;
  lambdaMin: number;
  /** The Hessian is the same everywhere (the quadratic). */
  global: boolean;
}

export function curvatureAt(surface: ToySurface, start: readonly [number, number]): Curvature {
  const { values } = eigen2(surface.hessian(start[0], start[1]));
  return { lambdaMax: values[0], lambdaMin: values[1], global: surface.id === 'quadratic' };
}

export function learningRateMarks(kind: PathOptimizerKind, c: Curvature): LrMark[] {
  const marks: LrMark[] = [];
  const bound = stabilityBound(kind, c.lambdaMax);
  if (kind === 'gd' || kind === 'sgd') {
    if (c.global) {
      if (c.lambdaMax > 0) marks.push({ label: '1/λmax', value: 1 / c.lambdaMax, limit: false });
      if (c.lambdaMin > 0) marks.push({ label: '1/λmin', value: 1 / c.lambdaMin, limit: false });
    }
  }
  if (bound !== null) {
    const name = kind === 'gd' || kind === 'sgd' ? '2/λmax' : 'bound';
    marks.push({ label: c.global ? name : `${name} here`, value: bound, limit: true });
  }
  return marks;
}
