// The real network's loss over a plane in 3-D (the lab's hand-drawn height field): heights
// and colours on the map's clipped scale, the training path floating on it when there is
// one, the current weights marked. Drag to turn it.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useOrbitView, VIEW_HEIGHT, VIEW_WIDTH, type ToScreen } from '../lab/heightField3d';
import { colorPosition, type SurfaceGrid } from '../lab/surfaceGrid';
import { fitCanvas } from '../viz/planeCanvas';
import type { PlaneSurface } from './planeSurface';

interface Props {
  surface: PlaneSurface;
  grid: SurfaceGrid;
  testId: string;
}

export function Landscape3D({ surface, grid, testId }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { size } = surface;
  const heights = useMemo(
    () => Float64Array.from(grid.values, (v) => colorPosition(grid, v)),
    [grid],
  );
  const frame = useRef(0);
  const drawRef = useRef<() => void>(() => {});
  const { meshLayer, handlers } = useOrbitView(heights, size, () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => drawRef.current());
  });

  const draw = useCallback(() => {
    const canvas = canvasRef.current;
    const ctx = canvas === null ? null : fitCanvas(canvas, VIEW_WIDTH, VIEW_HEIGHT);
    if (ctx === null) return;
    ctx.clearRect(0, 0, VIEW_WIDTH, VIEW_HEIGHT);
    const { layer, toScreen } = meshLayer();
    ctx.drawImage(layer, 0, 0, VIEW_WIDTH, VIEW_HEIGHT);
    drawOverlay(ctx, surface, heights, toScreen);
  }, [meshLayer, surface, heights]);

  useEffect(() => {
    drawRef.current = draw;
    draw();
    return () => cancelAnimationFrame(frame.current);
  }, [draw]);

  return (
    <div className="lab-3d">
      <canvas
        ref={canvasRef}
        style={{ width: VIEW_WIDTH, height: VIEW_HEIGHT, touchAction: 'none' }}
        data-testid={testId}
        aria-label="The loss in 3-D; drag to turn it"
        {...handlers}
      />
      <p className="lab-hint">
        Drag to turn it. Height and colour: the loss (clipped as on the map).
      </p>
    </div>
  );
}

/** The path (if any) and the current weights on the mesh, a little above it. */
function drawOverlay(
  ctx: CanvasRenderingContext2D,
  s: PlaneSurface,
  heights: Float64Array,
  toScreen: ToScreen,
): void {
  const n = s.size;
  // Sample c sits at the centre of mesh cell c: u = (c + ½)/n − ½.
  const at = (pa: number, pb: number) => {
    const c = ((pa - s.a[0]) / (s.a[1] - s.a[0])) * (n - 1);
    const r = ((pb - s.b[0]) / (s.b[1] - s.b[0])) * (n - 1);
    return toScreen((c + 0.5) / n - 0.5, (r + 0.5) / n - 0.5, heightAt(heights, n, c, r) + 0.015);
  };
  if (s.path !== null) {
    ctx.beginPath();
    for (let i = 0; i < s.path.length / 2; i++) {
      const p = at(s.path[2 * i], s.path[2 * i + 1]);
      if (i === 0) ctx.moveTo(p.x, p.y);
      else ctx.lineTo(p.x, p.y);
    }
    ctx.lineWidth = 3.5;
    ctx.strokeStyle = 'rgba(0, 0, 0, 0.55)';
    ctx.stroke();
    ctx.lineWidth = 1.8;
    ctx.strokeStyle = '#ff6f59';
    ctx.stroke();
  }
  const now = at(0, 0);
  ctx.beginPath();
  ctx.arc(now.x, now.y, 4.5, 0, 2 * Math.PI);
  ctx.fillStyle = '#fff';
  ctx.fill();
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = '#111';
  ctx.stroke();
}

/** Bilinear height at fractional sample (c, r), clamped to the grid. */
function heightAt(h: Float64Array, n: number, c: number, r: number): number {
  const cc = Math.min(Math.max(c, 0), n - 1);
  const rr = Math.min(Math.max(r, 0), n - 1);
  const c0 = Math.min(Math.floor(cc), n - 2);
  const r0 = Math.min(Math.floor(rr), n - 2);
  const fc = cc - c0;
  const fr = rr - r0;
  const v = (i: number, j: number) => h[(r0 + i) * n + c0 + j];
  return (1 - fr) * ((1 - fc) * v(0, 0) + fc * v(0, 1)) + fr * ((1 - fc) * v(1, 0) + fc * v(1, 1));
}
