// The lab's starting settings per surface: learning rates that show each surface's lesson
// (stable, but not so small that nothing happens), which optimizers race first, and colours.
import type { PathOptimizerKind } from '../../engine/analysis/pathOptimizers';
import type { ToySurfaceId } from '../../engine/analysis/surfaces/index';

type Rates = Record<PathOptimizerKind, number>;

export const DEFAULT_LEARNING_RATES: Record<ToySurfaceId, Rates> = {
  linear111: {
    gd: 0.05,
    sgd: 0.05,
    momentum: 0.02,
    nesterov: 0.02,
    rmsprop: 0.01,
    adagrad: 0.1,
    adam: 0.02,
  },
  quadratic: {
    gd: 0.3,
    sgd: 0.3,
    momentum: 0.05,
    nesterov: 0.05,
    rmsprop: 0.02,
    adagrad: 0.3,
    adam: 0.05,
  },
  monkeySaddle: {
    gd: 0.02,
    sgd: 0.02,
    momentum: 0.01,
    nesterov: 0.01,
    rmsprop: 0.005,
    adagrad: 0.05,
    adam: 0.01,
  },
  rosenbrock: {
    gd: 5e-4,
    sgd: 5e-4,
    momentum: 1e-4,
    nesterov: 1e-4,
    rmsprop: 0.005,
    adagrad: 0.3,
    adam: 0.02,
  },
  twoRelu: { gd: 1, sgd: 1, momentum: 0.3, nesterov: 0.3, rmsprop: 0.01, adagrad: 0.3, adam: 0.03 },
};

export const FIRST_RACE: readonly PathOptimizerKind[] = ['gd', 'sgd', 'momentum', 'adam'];

/** Learning-rate sliders run over these powers of ten. */
export const LR_LOG_RANGE: readonly [number, number] = [-5, 1];

/** One colour per optimizer, the same on every view (Okabe–Ito, readable on the heat map). */
export const OPTIMIZER_COLORS: Record<PathOptimizerKind, string> = {
  gd: '#ffffff',
  sgd: '#ff7a1a',
  momentum: '#3fd0ff',
  nesterov: '#c9f04a',
  rmsprop: '#ff5fa2',
  adagrad: '#b892ff',
  adam: '#ffd23f',
};

/** The same optimizers on white (the charts and the controls), darker where the map's are pale. */
export const OPTIMIZER_INK: Record<PathOptimizerKind, string> = {
  gd: '#1c2430',
  sgd: '#e8590c',
  momentum: '#0c8599',
  nesterov: '#5c940d',
  rmsprop: '#c2255c',
  adagrad: '#7048e8',
  adam: '#b08800',
};

/** Steps each path takes per animation frame, by speed setting. */
export const SPEEDS = [1, 4, 16] as const;
/** The longest path: enough for Rosenbrock's valley at a safe rate. */
export const MAX_STEPS = 4000;
export const SGD_BATCH = 4;
export const SGD_NOISE = 0.3;
