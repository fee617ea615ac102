// The toy surfaces of the loss-surface lab, by id.
import { linear111 } from './linear111';
import { monkeySaddle } from './monkeySaddle';
import { DEFAULT_DATA_SHAPE, quadraticSurface, type DataShape } from './quadratic';
import { rosenbrock } from './rosenbrock';
import type { ToySurface, ToySurfaceId } from './toySurface';
import { twoRelu } from './twoRelu';

export type { DataShape } from './quadratic';
export type { Domain, Hessian2, ToySurface, ToySurfaceId } from './toySurface';
export { DEFAULT_DATA_SHAPE } from './quadratic';

export const TOY_SURFACE_IDS: readonly ToySurfaceId[] = [
  'linear111',
  'quadratic',
  'monkeySaddle',
  'rosenbrock',
  'twoRelu',
];

/** The surface of that id; only the quadratic depends on the data's shape. */
export function toySurface(id: ToySurfaceId, shape: DataShape = DEFAULT_DATA_SHAPE): ToySurface {
  switch (id) {
    case 'linear111':
      return linear111;
    case 'quadratic':
      return quadraticSurface(shape);
    case 'monkeySaddle':
      return monkeySaddle;
    case 'rosenbrock':
      return rosenbrock;
    case 'twoRelu':
      return twoRelu;
  }
}
