// Painting a toy surface's map: the heat map (viridis, low loss dark) and its contour lines
// into an off-screen canvas once per surface, then on every frame the overlays and the paths.
import { contours, geoPath, geoTransform, interpolateViridis, rgb } from 'd3';
import type { OptimizerPath } from '../../engine/analysis/pathOptimizers';
import type { Domain } from '../../engine/analysis/surfaces/index';
import { colorPosition, type SurfaceGrid } from './surfaceGrid';

export const CONTOUR_LEVELS = 14;

/** The heat map and contours of `grid` as a size × size canvas. */
export function paintSurfaceLayer(grid: SurfaceGrid, size: number): HTMLCanvasElement {
  const { n, values } = grid;
  const cells = document.createElement('canvas');
  cells.width = n;
  cells.height = n;
  const cellCtx = cells.getContext('2d')!;
  const image = cellCtx.createImageData(n, n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      // Row 0 is the lowest w2, which belongs at the bottom of the picture.
      const color = rgb(interpolateViridis(colorPosition(grid, values[r * n + c])));
      const o = 4 * ((n - 1 - r) * n + c);
      image.data[o] = color.r;
      image.data[o + 1] = color.g;
      image.data[o + 2] = color.b;
      image.data[o + 3] = 255;
    }
  }
  cellCtx.putImageData(image, 0, 0);

  const layer = document.createElement('canvas');
  const dpr = window.devicePixelRatio || 1;
  layer.width = Math.round(size * dpr);
  layer.height = Math.round(size * dpr);
  const ctx = layer.getContext('2d')!;
  ctx.scale(dpr, dpr);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(cells, 0, 0, size, size);

  const thresholds = Array.from(
    { length: CONTOUR_LEVELS },
    (_, k) => grid.low + ((grid.high - grid.low) * (k + 0.5)) / CONTOUR_LEVELS,
  );
  const scale = size / n;
  const path = geoPath(
    geoTransform({
      point(x, y) {
        this.stream.point(x * scale, size - y * scale);
      },
    }),
    ctx,
  );
  ctx.lineWidth = 0.8;
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.45)';
  for (const contour of contours().size([n, n]).thresholds(thresholds)(Array.from(values))) {
    ctx.beginPath();
    path(contour);
    ctx.stroke();
  }
  return layer;
}

/** Maps (w1, w2) to the plot's pixels. */
export interface PlotMapping {
  x: (w1: number) => number;
  y: (w2: number) => number;
}

export function plotMapping(domain: Domain, x0: number, y0: number, size: number): PlotMapping {
  const [a1, b1] = domain.w1;
  const [a2, b2] = domain.w2;
  return {
    x: (w1) => x0 + ((w1 - a1) / (b1 - a1)) * size,
    y: (w2) => y0 + size - ((w2 - a2) / (b2 - a2)) * size,
  };
}

/** One optimizer's path, with a dark halo so it reads on every colour, and its head as a dot. */
export function drawPath(
  ctx: CanvasRenderingContext2D,
  path: OptimizerPath,
  map: PlotMapping,
  color: string,
): void {
  const n = path.length;
  const pts = path.points;
  ctx.lineJoin = 'round';
  for (const [width, stroke] of [
    [3.5, 'rgba(0, 0, 0, 0.55)'],
    [1.6, color],
  ] as const) {
    ctx.beginPath();
    for (let i = 0; i < n; i++) {
      const x = map.x(pts[2 * i]);
      const y = map.y(pts[2 * i + 1]);
      if (!Number.isFinite(x) || !Number.isFinite(y)) break;
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.lineWidth = width;
    ctx.strokeStyle = stroke;
    ctx.stroke();
  }
  const hx = map.x(pts[2 * (n - 1)]);
  const hy = map.y(pts[2 * (n - 1) + 1]);
  if (Number.isFinite(hx) && Number.isFinite(hy)) {
    ctx.beginPath();
    ctx.arc(hx, hy, 4, 0, 2 * Math.PI);
    ctx.fillStyle = color;
    ctx.fill();
    ctx.lineWidth = 1.2;
    ctx.strokeStyle = '#111';
    ctx.stroke();
  }
}

/** A cross at the start point. */
export function drawStart(ctx: CanvasRenderingContext2D, x: number, y: number): void {
  ctx.lineWidth = 2;
  ctx.strokeStyle = '#fff';
  ctx.beginPath();
  ctx.moveTo(x - 6, y - 6);
  ctx.lineTo(x + 6, y + 6);
  ctx.moveTo(x + 6, y - 6);
  ctx.lineTo(x - 6, y + 6);
  ctx.stroke();
}
