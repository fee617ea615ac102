// A height field in 3-D, painted by hand on a canvas: n × n heights in [0, 1] as a mesh of
// quads drawn back to front under an orthographic camera (projection3d.ts). No 3-D library:
// for one height field the painter's algorithm is enough. Shared by the lab's toy surfaces and
// the real network's loss slice; each adds its own overlay on top.
import { useCallback, useRef, type PointerEvent } from 'react';
import { interpolateViridis } from 'd3';
import { fitCanvas } from '../viz/planeCanvas';
import { clampElevation, project, type Camera } from './projection3d';

export const VIEW_WIDTH = 400;
export const VIEW_HEIGHT = 360;
const SCALE = VIEW_WIDTH / 1.55;

export type ToScreen = (u: number, v: number, h: number) => { x: number; y: number; depth: number };

/** Screen coordinates of (u, v) ∈ [−½, ½]² at height h ∈ [0, 1] under `camera`. */
export function screenOf(camera: Camera): ToScreen {
  return (u, v, h) => {
    const p = project(camera, u, v, h);
    return {
      x: VIEW_WIDTH / 2 + p.x * SCALE,
      y: VIEW_HEIGHT / 2 + p.y * SCALE + 10,
      depth: p.depth,
    };
  };
}

/**
 * The mesh as an offscreen layer: `heights` row r at v = (r + ½)/n − ½ (low v first), column
 * c at u likewise, each quad coloured by its mean height.
 */
export function paintHeightField(
  heights: Float64Array,
  n: number,
  toScreen: ToScreen,
): HTMLCanvasElement {
  const layer = document.createElement('canvas');
  const ctx = fitCanvas(layer, VIEW_WIDTH, VIEW_HEIGHT)!;
  const quads: { pts: number[]; depth: number; color: string }[] = [];
  const uv = (k: number) => (k + 0.5) / n - 0.5;
  for (let r = 0; r + 1 < n; r++) {
    for (let c = 0; c + 1 < n; c++) {
      const corners = [
        [c, r],
        [c + 1, r],
        [c + 1, r + 1],
        [c, r + 1],
      ].map(([cc, rr]) => toScreen(uv(cc), uv(rr), heights[rr * n + cc]));
      const h =
        (heights[r * n + c] +
          heights[r * n + c + 1] +
          heights[(r + 1) * n + c] +
          heights[(r + 1) * n + c + 1]) /
        4;
      quads.push({
        pts: corners.flatMap((p) => [p.x, p.y]),
        depth: corners.reduce((s, p) => s + p.depth, 0) / 4,
        color: interpolateViridis(h),
      });
    }
  }
  quads.sort((a, b) => a.depth - b.depth);
  ctx.lineWidth = 0.5;
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.18)';
  for (const q of quads) {
    ctx.beginPath();
    ctx.moveTo(q.pts[0], q.pts[1]);
    for (let k = 2; k < 8; k += 2) ctx.lineTo(q.pts[k], q.pts[k + 1]);
    ctx.closePath();
    ctx.fillStyle = q.color;
    ctx.fill();
    ctx.stroke();
  }
  return layer;
}

/**
 * The mesh layer for the current camera, repainted only when the camera or the heights
 * change, and the pointer handlers that turn the camera by dragging (`onTurn` hears each move).
 */
export function useOrbitView(heights: Float64Array, n: number, onTurn: () => void) {
  const camera = useRef<Camera>({ azimuth: -0.6, elevation: 0.6 });
  const drag = useRef<{ x: number; y: number } | null>(null);
  const cache = useRef<{ key: string; heights: Float64Array; layer: HTMLCanvasElement } | null>(
    null,
  );

  const meshLayer = useCallback((): { layer: HTMLCanvasElement; toScreen: ToScreen } => {
    const cam = camera.current;
    const toScreen = screenOf(cam);
    const key = `${cam.azimuth.toFixed(3)},${cam.elevation.toFixed(3)}`;
    if (cache.current?.key !== key || cache.current.heights !== heights)
      cache.current = { key, heights, layer: paintHeightField(heights, n, toScreen) };
    return { layer: cache.current.layer, toScreen };
  }, [heights, n]);

  const handlers = {
    onPointerDown: (e: PointerEvent<HTMLCanvasElement>) => {
      drag.current = { x: e.clientX, y: e.clientY };
      e.currentTarget.setPointerCapture(e.pointerId);
    },
    onPointerMove: (e: PointerEvent<HTMLCanvasElement>) => {
      if (drag.current === null) return;
      const cam = camera.current;
      camera.current = {
        azimuth: cam.azimuth + (e.clientX - drag.current.x) * 0.01,
        elevation: clampElevation(cam.elevation + (e.clientY - drag.current.y) * 0.01),
      };
      drag.current = { x: e.clientX, y: e.clientY };
      onTurn();
    },
    onPointerUp: () => {
      drag.current = null;
    },
  };
  return { meshLayer, handlers };
}
