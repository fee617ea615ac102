// A curve of any length reduced to at most a few vertices per pixel column, so drawing it (on a
// canvas, or into an exported SVG) costs the chart's width, not the run's length. Buffers are
// reused from frame to frame; nothing is allocated while a run streams in.

/** Vertices in pixel coordinates; `length` of the arrays are in use. */
export class Polyline {
  xs = new Float32Array(256);
  ys = new Float32Array(256);
  length = 0;

  clear(): void {
    this.length = 0;
  }

  push(x: number, y: number): void {
    if (this.length === this.xs.length) {
      const xs = new Float32Array(this.xs.length * 2);
      const ys = new Float32Array(this.ys.length * 2);
      xs.set(this.xs);
      ys.set(this.ys);
      this.xs = xs;
      this.ys = ys;
    }
    this.xs[this.length] = x;
    this.ys[this.length] = y;
    this.length++;
  }
}

type Scale = (v: number) => number;

/**
 * The raw curve, with the points that fall in one pixel column collapsed into a vertical
 * min–max segment: one segment per column however long the run, and spikes stay visible.
 * Non-finite values (and values the scale cannot place, such as 0 on a log axis) are skipped.
 */
export function columnExtents(
  steps: ArrayLike<number>,
  values: ArrayLike<number>,
  length: number,
  x: Scale,
  y: Scale,
  out: Polyline,
): Polyline {
  out.clear();
  let column = NaN;
  let top = 0;
  let bottom = 0;
  let started = false;
  const closeColumn = () => {
    if (started && bottom > top) {
      out.push(column, top);
      out.push(column, bottom);
    }
  };
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    const py = y(v);
    if (!Number.isFinite(py)) continue;
    const px = x(steps[i]);
    const c = Math.round(px);
    if (c === column) {
      if (py < top) top = py;
      if (py > bottom) bottom = py;
      continue;
    }
    closeColumn();
    out.push(px, py);
    started = true;
    column = c;
    top = py;
    bottom = py;
  }
  closeColumn();
  return out;
}

/**
 * A trend line with one vertex per pixel column, at the mean of the points in it: the
 * smoothed curve stays a line however many steps the run has.
 */
export function columnMeans(
  steps: ArrayLike<number>,
  values: ArrayLike<number>,
  length: number,
  x: Scale,
  y: Scale,
  out: Polyline,
): Polyline {
  out.clear();
  let column = NaN;
  let sumX = 0;
  let sumY = 0;
  let count = 0;
  for (let i = 0; i < length; i++) {
    const py = y(values[i]);
    if (!Number.isFinite(py)) continue;
    const px = x(steps[i]);
    const c = Math.round(px);
    if (c !== column) {
      if (count > 0) out.push(sumX / count, sumY / count);
      column = c;
      sumX = 0;
      sumY = 0;
      count = 0;
    }
    sumX += px;
    sumY += py;
    count++;
  }
  if (count > 0) out.push(sumX / count, sumY / count);
  return out;
}

/** Every placeable point, one vertex each (test evaluations: a few hundred at most). */
export function allPoints(
  steps: ArrayLike<number>,
  values: ArrayLike<number>,
  length: number,
  x: Scale,
  y: Scale,
  out: Polyline,
): Polyline {
  out.clear();
  for (let i = 0; i < length; i++) {
    const py = y(values[i]);
    if (Number.isFinite(py)) out.push(x(steps[i]), py);
  }
  return out;
}
