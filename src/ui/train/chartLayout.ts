// Where a chart's curves go: scales, ticks and the downsampled polylines of every curve, from
// the run's series. One layout feeds both the canvas on screen and the exported SVG and PNG,
// so a download is exactly what the chart shows. The cache keeps smoothed copies and polyline
// buffers between frames, so a frame costs the new points and the chart's width.
import {
  format as d3format,
  scaleLinear,
  scaleLog,
  type ScaleContinuousNumeric,
  type ScaleLinear,
} from 'd3';
import { Smoother, type Series } from '../store/runSeries';
import { allPoints, columnExtents, columnMeans, Polyline } from './polyline';

export interface Curve {
  series: Series;
  label: string;
  /** The read-out's name for it, where the legend's is long. */
  shortLabel?: string;
  color: string;
  /** 'line': raw values faint, smoothed values solid; 'points': markers joined by a thin line. */
  kind: 'line' | 'points';
}

export type XAxis = 'step' | 'epoch';

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface LayoutOptions {
  /** The whole chart, axes included, in CSS pixels. */
  width: number;
  height: number;
  margin: Margin;
  /** A fixed y range (accuracy); otherwise it fits the data. */
  yDomain?: readonly [number, number];
  /** d3-format specifier of the y tick labels. */
  yFormat: string;
  logScale: boolean;
  xAxis: XAxis;
  /** Steps per epoch of the run (0 when unknown: the axis then counts steps). */
  stepsPerEpoch: number;
  /** Steps in the whole run (0 when unknown): the x axis never goes past it. */
  totalSteps: number;
  smoothing: number;
}

export interface Tick {
  value: number;
  /** Position along its axis inside the plot area, in pixels. */
  at: number;
  label: string;
}

export interface CurveLayout {
  curve: Curve;
  /** 'line': the raw values as column extents; 'points': every point. */
  raw: Polyline;
  /** 'line' only: the smoothed trend, one vertex per column. */
  trend: Polyline | null;
}

export interface ChartLayout {
  options: LayoutOptions;
  innerW: number;
  innerH: number;
  x: ScaleLinear<number, number>;
  y: ScaleContinuousNumeric<number, number>;
  /** Pixel x of a step (the axis may count epochs). */
  xOfStep: (step: number) => number;
  /** What the x axis counts, after falling back to steps when epochs are unknown. */
  xAxis: XAxis;
  xTicks: Tick[];
  yTicks: Tick[];
  curves: CurveLayout[];
  empty: boolean;
}

/** The x range of a chart with nothing on it yet. */
const EMPTY_STEPS = 100;

class CurveCache {
  readonly smoother = new Smoother();
  readonly raw = new Polyline();
  readonly trend = new Polyline();
  /** y extents of the finite (for log: positive) values seen, extended as points arrive. */
  scanned = 0;
  revision = -1;
  lo = Infinity;
  hi = -Infinity;
  positiveLo = Infinity;
}

export class ChartLayoutCache {
  private caches = new Map<Series, CurveCache>();

  private cacheOf(series: Series): CurveCache {
    let cache = this.caches.get(series);
    if (!cache) {
      cache = new CurveCache();
      this.caches.set(series, cache);
    }
    return cache;
  }

  /** Extends the y extents with the series' new points. */
  private extents(series: Series): CurveCache {
    const c = this.cacheOf(series);
    if (c.revision !== series.revision || series.length < c.scanned) {
      c.revision = series.revision;
      c.scanned = 0;
      c.lo = Infinity;
      c.hi = -Infinity;
      c.positiveLo = Infinity;
    }
    for (let i = c.scanned; i < series.length; i++) {
      const v = series.values[i];
      if (!Number.isFinite(v)) continue;
      if (v < c.lo) c.lo = v;
      if (v > c.hi) c.hi = v;
      if (v > 0 && v < c.positiveLo) c.positiveLo = v;
    }
    c.scanned = series.length;
    return c;
  }

  layout(curves: readonly Curve[], o: LayoutOptions): ChartLayout {
    const innerW = Math.max(10, o.width - o.margin.left - o.margin.right);
    const innerH = Math.max(10, o.height - o.margin.top - o.margin.bottom);
    const xAxis: XAxis = o.xAxis === 'epoch' && o.stepsPerEpoch > 0 ? 'epoch' : 'step';
    const perUnit = xAxis === 'epoch' ? o.stepsPerEpoch : 1;

    let lastStep = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (const curve of curves) {
      lastStep = Math.max(lastStep, curve.series.lastStep());
      const c = this.extents(curve.series);
      lo = Math.min(lo, o.logScale ? c.positiveLo : c.lo);
      hi = Math.max(hi, c.hi);
    }
    const empty = lastStep === 0;
    const last = lastStep / perUnit;
    const total = o.totalSteps > 0 ? o.totalSteps / perUnit : Infinity;
    const xMax = empty
      ? Math.min(xAxis === 'epoch' ? 1 : EMPTY_STEPS, total)
      : Math.min(Math.max(roomToGrow(last), last), Math.max(total, last));
    const x = scaleLinear().domain([0, xMax]).range([0, innerW]);
    let y: ScaleContinuousNumeric<number, number>;
    if (o.yDomain) {
      y = scaleLinear().domain(o.yDomain).range([innerH, 0]);
    } else if (o.logScale && Number.isFinite(lo)) {
      y = scaleLog()
        .domain([lo, Math.max(hi, lo * 10)])
        .range([innerH, 0])
        .nice();
    } else {
      y = scaleLinear()
        .domain([Math.min(0, Number.isFinite(lo) ? lo : 0), Number.isFinite(hi) && hi > 0 ? hi : 1])
        .range([innerH, 0])
        .nice();
    }
    const xOfStep = (step: number) => x(step / perUnit);

    const xCount = Math.max(2, Math.floor(innerW / 90));
    const xFormat = d3format(xAxis === 'epoch' ? '~g' : '~s');
    const xTicks = x.ticks(xCount).map((value) => ({ value, at: x(value), label: xFormat(value) }));
    const yCount = Math.max(2, Math.floor(innerH / 45));
    const yFormat = y.tickFormat(yCount, o.yFormat);
    const yTicks = y
      .ticks(yCount)
      .map((value) => ({ value, at: y(value), label: yFormat(value) }))
      .filter((t) => Number.isFinite(t.at));

    const laid: CurveLayout[] = curves.map((curve) => {
      const s = curve.series;
      const c = this.cacheOf(s);
      if (curve.kind === 'points') {
        return {
          curve,
          raw: allPoints(s.steps, s.values, s.length, xOfStep, y, c.raw),
          trend: null,
        };
      }
      c.smoother.update(s, o.smoothing);
      return {
        curve,
        raw: columnExtents(s.steps, s.values, s.length, xOfStep, y, c.raw),
        trend: columnMeans(s.steps, c.smoother.values, s.length, xOfStep, y, c.trend),
      };
    });
    return {
      options: o,
      innerW,
      innerH,
      x,
      y,
      xOfStep,
      xAxis,
      xTicks,
      yTicks,
      curves: laid,
      empty,
    };
  }

  /** The smoothed value of a line curve at point `index` (as of the latest layout). */
  smoothedAt(series: Series, index: number): number {
    return this.cacheOf(series).smoother.values[index];
  }
}

/**
 * The x axis's end for a curve that has reached `last`: the next of 1, 2, 5 × 10ᵏ. The axis then
 * changes a few times a run instead of every frame (its ticks stay put while the curve grows
 * into it), and the curve always fills 40–100 % of the width. Capped at the run's length.
 */
export function roomToGrow(last: number): number {
  if (!(last > 0)) return 1;
  const decade = Math.pow(10, Math.floor(Math.log10(last)));
  for (const m of [1, 2, 5, 10]) if (m * decade >= last * (1 - 1e-12)) return m * decade;
  return 10 * decade;
}

/** Index of the last point at or before `step`; -1 when the series starts after it. */
export function indexAtStep(series: Series, step: number): number {
  let lo = 0;
  let hi = series.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (series.steps[mid] <= step) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
