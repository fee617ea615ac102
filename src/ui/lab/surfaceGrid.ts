// The loss sampled at the centres of an n × n grid of cells over a surface's domain, and how its values map to colour:
// clipped to the 2nd–98th percentile (so one steep corner does not wash out the rest) and, for
// surfaces that span orders of magnitude, on a log scale.
import type { ToySurface } from '../../engine/analysis/surfaces/index';

export interface SurfaceGrid {
  /** n × n values, row 0 at the domain's lowest w2, column 0 at its lowest w1. */
  values: Float64Array;
  n: number;
  /** The colour scale's range, in the transformed (maybe log) units. */
  low: number;
  high: number;
  transform: (loss: number) => number;
}

export function sampleSurface(surface: ToySurface, n: number): SurfaceGrid {
  const [a1, b1] = surface.domain.w1;
  const [a2, b2] = surface.domain.w2;
  const floor = surface.logScale ? minimumOnGrid(surface, n) : 0;
  const transform = surface.logScale
    ? (v: number) => Math.log10(Math.max(v - floor, 0) + 1e-3)
    : (v: number) => v;
  const values = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    const w2 = a2 + ((b2 - a2) * (r + 0.5)) / n;
    for (let c = 0; c < n; c++) {
      const w1 = a1 + ((b1 - a1) * (c + 0.5)) / n;
      values[r * n + c] = transform(surface.loss(w1, w2));
    }
  }
  return gridOfValues(values, n, transform);
}

/** A grid of already transformed values, its colour range clipped to their 2nd–98th percentile. */
export function gridOfValues(
  values: Float64Array,
  n: number,
  transform: (loss: number) => number = (v) => v,
): SurfaceGrid {
  const sorted = Float64Array.from(values).sort();
  return {
    values,
    n,
    low: sorted[Math.floor(0.02 * (sorted.length - 1))],
    high: sorted[Math.floor(0.98 * (sorted.length - 1))],
    transform,
  };
}

function minimumOnGrid(surface: ToySurface, n: number): number {
  let min = Infinity;
  for (const m of surface.minima) min = Math.min(min, surface.loss(m[0], m[1]));
  const [a1, b1] = surface.domain.w1;
  const [a2, b2] = surface.domain.w2;
  for (let r = 0; r < n; r += 4)
    for (let c = 0; c < n; c += 4)
      min = Math.min(
        min,
        surface.loss(a1 + ((b1 - a1) * c) / (n - 1), a2 + ((b2 - a2) * r) / (n - 1)),
      );
  return Math.min(min, 0);
}

/** 0..1 position of a (transformed) value on the colour scale. */
export function colorPosition(grid: SurfaceGrid, value: number): number {
  const t = (value - grid.low) / (grid.high - grid.low || 1);
  return t < 0 ? 0 : t > 1 ? 1 : t;
}
