// The geometry of an embedding map, as plain functions (testable without a canvas): the view
// that fits a layout, zoom about a point and pan, finding the point under the cursor, and which
// labels to draw so that none overlaps another.

/** Screen = (x·scale + dx, −y·scale + dy): y up, as in a plot. */
export interface MapView {
  scale: number;
  dx: number;
  dy: number;
}

export function toScreen(v: MapView, x: number, y: number): [number, number] {
  return [x * v.scale + v.dx, -y * v.scale + v.dy];
}

export function fromScreen(v: MapView, sx: number, sy: number): [number, number] {
  return [(sx - v.dx) / v.scale, -(sy - v.dy) / v.scale];
}

/** The view that shows every point of `layout` (n × 2) inside width × height, `margin` pixels in. */
export function fitView(layout: Float32Array, width: number, height: number, margin = 24): MapView {
  const n = layout.length / 2;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = layout[2 * i];
    const y = layout[2 * i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  if (!(maxX >= minX)) return { scale: 1, dx: width / 2, dy: height / 2 };
  const w = Math.max(1, width - 2 * margin);
  const h = Math.max(1, height - 2 * margin);
  const spanX = Math.max(maxX - minX, 1e-12);
  const spanY = Math.max(maxY - minY, 1e-12);
  const scale = Math.min(w / spanX, h / spanY);
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  return { scale, dx: width / 2 - cx * scale, dy: height / 2 + cy * scale };
}

/** Zoom by `factor` keeping the point under (sx, sy) where it is. */
export function zoomAt(v: MapView, sx: number, sy: number, factor: number): MapView {
  const scale = v.scale * factor;
  return { scale, dx: sx - (sx - v.dx) * factor, dy: sy - (sy - v.dy) * factor };
}

export function pan(v: MapView, ddx: number, ddy: number): MapView {
  return { scale: v.scale, dx: v.dx + ddx, dy: v.dy + ddy };
}

/** The point nearest (sx, sy) on screen within `radius` pixels, or −1. */
export function pointAt(
  layout: Float32Array,
  v: MapView,
  sx: number,
  sy: number,
  radius: number,
): number {
  let best = -1;
  let bestD = radius * radius;
  const n = layout.length / 2;
  for (let i = 0; i < n; i++) {
    const px = layout[2 * i] * v.scale + v.dx - sx;
    const py = -layout[2 * i + 1] * v.scale + v.dy - sy;
    const d = px * px + py * py;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** The points whose label contains `query` (case-insensitive); empty query: none. */
export function searchLabels(labels: readonly string[], query: string): Set<number> {
  const q = query.trim().toLowerCase();
  const out = new Set<number>();
  if (q === '') return out;
  labels.forEach((label, i) => {
    if (label.toLowerCase().includes(q)) out.add(i);
  });
  return out;
}

export interface LabelBox {
  index: number;
  /** Top-left corner and size of the text box on screen. */
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Greedy label placement: candidates in priority order (`order`), each label to the right of
 * its point, kept only when its box overlaps no box kept before and lies on screen. A uniform
 * grid of buckets makes each overlap test look at a few boxes, so thousands of candidates cost
 * a millisecond or two. At most `max` labels.
 */
export function placeLabels(
  order: Iterable<number>,
  layout: Float32Array,
  v: MapView,
  labelWidth: (i: number) => number,
  lineHeight: number,
  width: number,
  height: number,
  max: number,
  gap = 2,
): LabelBox[] {
  const cell = 64;
  const cols = Math.max(1, Math.ceil(width / cell));
  const rows = Math.max(1, Math.ceil(height / cell));
  const buckets: LabelBox[][] = Array.from({ length: cols * rows }, () => []);
  const kept: LabelBox[] = [];
  for (const i of order) {
    if (kept.length >= max) break;
    const [sx, sy] = toScreen(v, layout[2 * i], layout[2 * i + 1]);
    const box = { index: i, x: sx + 4, y: sy - lineHeight / 2, w: labelWidth(i), h: lineHeight };
    if (box.x < 0 || box.y < 0 || box.x + box.w > width || box.y + box.h > height) continue;
    const c0 = Math.max(0, Math.floor((box.x - gap) / cell));
    const c1 = Math.min(cols - 1, Math.floor((box.x + box.w + gap) / cell));
    const r0 = Math.max(0, Math.floor((box.y - gap) / cell));
    const r1 = Math.min(rows - 1, Math.floor((box.y + box.h + gap) / cell));
    let free = true;
    for (let r = r0; r <= r1 && free; r++)
      for (let c = c0; c <= c1 && free; c++)
        for (const o of buckets[r * cols + c])
          if (
            box.x < o.x + o.w + gap &&
            o.x < box.x + box.w + gap &&
            box.y < o.y + o.h + gap &&
            o.y < box.y + box.h + gap
          ) {
            free = false;
            break;
          }
    if (!free) continue;
    kept.push(box);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) buckets[r * cols + c].push(box);
  }
  return kept;
}
