// The colours of the decision-boundary maps, as pixels: each cell tinted by the class colours
// blended by probability (a faint wash where the model is unsure, a strong tint where it is
// sure, as TensorFlow Playground draws it), or by a diverging scale for values (regression
// outputs, hidden activations): one colour below zero, white at zero, another above.
import type { BoundaryFrame } from '../../engine/analysis/decisionBoundary';

export type Rgb = readonly [number, number, number];

const WHITE: Rgb = [255, 255, 255];
/** Tint of a cell the model is unsure of (uniform probabilities), and of one it is sure of. */
const UNSURE_TINT = 0.12;
const SURE_TINT = 0.72;
/** Tint of the diverging scale at the ends of its domain. */
const VALUE_TINT = 0.8;

export function hexToRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function rgbCss([r, g, b]: Rgb): string {
  return `rgb(${r}, ${g}, ${b})`;
}

/** White moved towards `rgb` by `t` in [0, 1]. */
function tint(rgb: Rgb, t: number): Rgb {
  return [
    WHITE[0] + (rgb[0] - WHITE[0]) * t,
    WHITE[1] + (rgb[1] - WHITE[1]) * t,
    WHITE[2] + (rgb[2] - WHITE[2]) * t,
  ];
}

/** Pixel i of `out` set to white moved towards (r, g, b) by t, opaque. */
function setTinted(out: Uint8ClampedArray, i: number, r: number, g: number, b: number, t: number) {
  out[4 * i] = 255 + (r - 255) * t;
  out[4 * i + 1] = 255 + (g - 255) * t;
  out[4 * i + 2] = 255 + (b - 255) * t;
  out[4 * i + 3] = 255;
}

/**
 * `cells` RGBA pixels for class probabilities (cells × classes): the probability-weighted mix of
 * the class colours, tinted by confidence, (max p − 1/K)/(1 − 1/K). Discretised, each cell
 * takes its most likely class's colour at one strength.
 */
export function paintClasses(
  probabilities: Float32Array,
  classes: number,
  colors: readonly Rgb[],
  discretize: boolean,
  out: Uint8ClampedArray,
): void {
  const cells = probabilities.length / classes;
  for (let i = 0; i < cells; i++) {
    const base = i * classes;
    let best = 0;
    let r = 0;
    let g = 0;
    let b = 0;
    for (let k = 0; k < classes; k++) {
      const p = probabilities[base + k];
      if (p > probabilities[base + best]) best = k;
      r += p * colors[k][0];
      g += p * colors[k][1];
      b += p * colors[k][2];
    }
    if (discretize) {
      const [cr, cg, cb] = colors[best];
      setTinted(out, i, cr, cg, cb, (UNSURE_TINT + SURE_TINT) / 2);
    } else {
      const sure = Math.max(0, (probabilities[base + best] - 1 / classes) / (1 - 1 / classes));
      setTinted(out, i, r, g, b, UNSURE_TINT + (SURE_TINT - UNSURE_TINT) * sure);
    }
  }
}

/** The diverging colour of `v` on [−domain, domain]: `negative` below zero, white at zero, `positive` above. */
export function divergingColor(
  v: number,
  domain: number,
  negative: Rgb,
  positive: Rgb,
  strength = VALUE_TINT,
): Rgb {
  if (!Number.isFinite(v)) return WHITE;
  const t = Math.max(-1, Math.min(1, v / domain));
  return tint(t < 0 ? negative : positive, Math.abs(t) * strength);
}

/**
 * RGBA pixels for `count` values from `offset` on the diverging scale; discretised, only the
 * sign shows.
 */
export function paintValues(
  values: Float32Array,
  offset: number,
  count: number,
  domain: number,
  negative: Rgb,
  positive: Rgb,
  discretize: boolean,
  out: Uint8ClampedArray,
): void {
  for (let i = 0; i < count; i++) {
    const v = values[offset + i];
    const t = !Number.isFinite(v)
      ? 0
      : discretize
        ? Math.sign(v) * (VALUE_TINT / 2)
        : Math.max(-1, Math.min(1, v / domain)) * VALUE_TINT;
    const [r, g, b] = t < 0 ? negative : positive;
    setTinted(out, i, r, g, b, Math.abs(t));
  }
}

/** The largest magnitude among `values` (at least `floor`): the half-width of a symmetric domain. */
export function maxMagnitude(values: ArrayLike<number>, floor = 1e-6): number {
  let m = floor;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (a > m) m = a;
  }
  return m;
}

/** A regression frame's colour domain: as wide as the targets reach, so the points and the map agree. */
export function regressionDomain(frame: BoundaryFrame): number {
  const { trainTargets, testTargets } = frame.points;
  return Math.max(maxMagnitude(trainTargets ?? []), maxMagnitude(testTargets ?? []));
}
