// Painting an embedding map on a 2-D canvas: points batched into one path per colour (a few
// milliseconds for 10⁴ points), search matches on top with an outline, the hovered point ringed,
// and labels with a white halo where placeLabels found room.
import { groupColor } from './mapColors';
import { placeLabels, toScreen, type MapView } from './mapView';

export const MAP_BACKGROUND = '#ffffff';
const FONT = '11px system-ui, sans-serif';
const LINE_HEIGHT = 13;

export interface MapScene {
  layout: Float32Array;
  labels: readonly string[];
  groups: Int32Array | null;
  view: MapView;
  width: number;
  height: number;
  /** Highlighted points (search matches, a legend group); the rest fade when any are. */
  highlighted: Set<number>;
  hovered: number;
  labelMode: 'all' | 'hover';
  maxLabels: number;
  /** Cached label widths in pixels (−1: not measured yet), one per point. */
  labelWidths: Float32Array;
}

export function paintMap(ctx: CanvasRenderingContext2D, s: MapScene): number {
  const { layout, view, width, height, highlighted } = s;
  const n = layout.length / 2;
  ctx.fillStyle = MAP_BACKGROUND;
  ctx.fillRect(0, 0, width, height);
  const focus = highlighted.size > 0;
  const r = n > 3000 ? 1.6 : n > 800 ? 2.2 : 3;

  // One path per colour.
  const byColor = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const c = groupColor(s.groups ? s.groups[i] : -1);
    let list = byColor.get(c);
    if (list === undefined) byColor.set(c, (list = []));
    list.push(i);
  }
  ctx.globalAlpha = focus ? 0.18 : 0.85;
  for (const [color, list] of byColor) {
    ctx.fillStyle = color;
    ctx.beginPath();
    for (const i of list) {
      const [x, y] = toScreen(view, layout[2 * i], layout[2 * i + 1]);
      if (x < -r || y < -r || x > width + r || y > height + r) continue;
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
    ctx.fill();
  }
  ctx.globalAlpha = 1;
  if (focus) {
    ctx.strokeStyle = '#1c2430';
    ctx.lineWidth = 1;
    for (const i of highlighted) {
      const [x, y] = toScreen(view, layout[2 * i], layout[2 * i + 1]);
      ctx.fillStyle = groupColor(s.groups ? s.groups[i] : -1);
      ctx.beginPath();
      ctx.arc(x, y, r + 1.5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  }
  if (s.hovered >= 0) {
    const [x, y] = toScreen(view, layout[2 * s.hovered], layout[2 * s.hovered + 1]);
    ctx.strokeStyle = '#1c2430';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(x, y, r + 4, 0, 2 * Math.PI);
    ctx.stroke();
  }
  return paintLabels(ctx, s);
}

/** Draws the labels that fit; returns how many. */
function paintLabels(ctx: CanvasRenderingContext2D, s: MapScene): number {
  const n = s.layout.length / 2;
  ctx.font = FONT;
  const widths = s.labelWidths;
  const width = (i: number) => {
    if (widths[i] < 0) widths[i] = ctx.measureText(s.labels[i] ?? '').width;
    return widths[i];
  };
  function* order(): Generator<number> {
    if (s.hovered >= 0) yield s.hovered;
    for (const i of s.highlighted) yield i;
    // In 'all' mode the rest follow in index order: callers list the most important first
    // (the most frequent words), so those are the labels that win the space.
    if (s.labelMode === 'all' && s.highlighted.size === 0) for (let i = 0; i < n; i++) yield i;
  }
  const boxes = placeLabels(
    order(),
    s.layout,
    s.view,
    width,
    LINE_HEIGHT,
    s.width,
    s.height,
    s.maxLabels,
  );
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  ctx.lineWidth = 3;
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
  for (const b of boxes) {
    const text = s.labels[b.index] ?? '';
    const y = b.y + b.h / 2;
    ctx.strokeText(text, b.x, y);
    ctx.fillStyle = b.index === s.hovered || s.highlighted.has(b.index) ? '#1c2430' : '#3d4654';
    ctx.fillText(text, b.x, y);
  }
  return boxes.length;
}
