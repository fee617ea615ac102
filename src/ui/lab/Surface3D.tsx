// The surface in 3-D, drawn by hand on a canvas: a 36 × 36 mesh of quads painted back to front
// (heights clipped as the heat map's colours are), the paths floating on it. Drag to turn it.
// No 3-D library: an orthographic camera and the painter's algorithm are enough for one
// height field, and the mesh is repainted only when the camera or the surface changes.
import { useCallback, useMemo, useRef, type RefObject } from 'react';
import { interpolateViridis } from 'd3';
import type { ToySurface } from '../../engine/analysis/surfaces/index';
import { fitCanvas } from '../viz/planeCanvas';
import { OPTIMIZER_COLORS } from './labDefaults';
import type { Race } from './labRace';
import { clampElevation, project, type Camera } from './projection3d';
import { colorPosition, sampleSurface, type SurfaceGrid } from './surfaceGrid';
import { useRaceFrames } from './useRaceFrames';

const WIDTH = 400;
const HEIGHT = 360;
const MESH = 36;
const SCALE = WIDTH / 1.55;

interface Props {
  surface: ToySurface;
  /** The map's grid: the mesh shares its colour scale. */
  grid: SurfaceGrid;
  race: RefObject<Race | null>;
}

interface Quad {
  pts: number[];
  depth: number;
  color: string;
}

export function Surface3D({ surface, grid, race }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const camera = useRef<Camera>({ azimuth: -0.6, elevation: 0.6 });
  const drag = useRef<{ x: number; y: number } | null>(null);
  const meshCache = useRef<{ key: string; layer: HTMLCanvasElement } | null>(null);
  const mesh = useMemo(() => {
    const coarse = sampleSurface(surface, MESH);
    // Heights on the map's scale, so a colour means the same height in both views.
    return Float64Array.from(coarse.values, (v) => colorPosition(grid, v));
  }, [surface, grid]);

  const toScreen = useCallback((u: number, v: number, h: number) => {
    const p = project(camera.current, u, v, h);
    return { x: WIDTH / 2 + p.x * SCALE, y: HEIGHT / 2 + p.y * SCALE + 10, depth: p.depth };
  }, []);

  const meshLayer = useCallback((): HTMLCanvasElement => {
    const cam = camera.current;
    const key = `${cam.azimuth.toFixed(3)},${cam.elevation.toFixed(3)}`;
    if (meshCache.current?.key === key) return meshCache.current.layer;
    const layer = document.createElement('canvas');
    const ctx = fitCanvas(layer, WIDTH, HEIGHT)!;
    const quads: Quad[] = [];
    const uv = (k: number) => (k + 0.5) / MESH - 0.5;
    for (let r = 0; r + 1 < MESH; r++) {
      for (let c = 0; c + 1 < MESH; c++) {
        const corners = [
          [c, r],
          [c + 1, r],
          [c + 1, r + 1],
          [c, r + 1],
        ].map(([cc, rr]) => toScreen(uv(cc), uv(rr), mesh[rr * MESH + cc]));
        const h =
          (mesh[r * MESH + c] +
            mesh[r * MESH + c + 1] +
            mesh[(r + 1) * MESH + c] +
            mesh[(r + 1) * MESH + c + 1]) /
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
    meshCache.current = { key, layer };
    return layer;
  }, [mesh, toScreen]);

  const draw = useCallback(
    (r: Race | null) => {
      const canvas = canvasRef.current;
      if (canvas === null) return;
      const ctx = fitCanvas(canvas, WIDTH, HEIGHT);
      if (ctx === null) return;
      ctx.clearRect(0, 0, WIDTH, HEIGHT);
      ctx.drawImage(meshLayer(), 0, 0, WIDTH, HEIGHT);
      if (r === null || r.surface !== surface) return;
      const [a1, b1] = surface.domain.w1;
      const [a2, b2] = surface.domain.w2;
      for (const p of r.paths) {
        ctx.beginPath();
        let open = false;
        for (let i = 0; i < p.length; i++) {
          const u = (p.points[2 * i] - a1) / (b1 - a1) - 0.5;
          const v = (p.points[2 * i + 1] - a2) / (b2 - a2) - 0.5;
          if (!(Math.abs(u) <= 0.5 && Math.abs(v) <= 0.5)) {
            open = false; // off the mesh: the line breaks rather than cutting across it
            continue;
          }
          const s = toScreen(u, v, colorPosition(grid, grid.transform(p.losses[i])) + 0.01);
          if (open) ctx.lineTo(s.x, s.y);
          else ctx.moveTo(s.x, s.y);
          open = true;
        }
        ctx.lineWidth = 3.5;
        ctx.strokeStyle = 'rgba(0, 0, 0, 0.55)';
        ctx.stroke();
        ctx.lineWidth = 1.8;
        ctx.strokeStyle = OPTIMIZER_COLORS[p.config.kind];
        ctx.stroke();
      }
    },
    [meshLayer, surface, grid, toScreen],
  );
  const cameraMoved = useRef(false);
  useRaceFrames(race, draw, cameraMoved);

  return (
    <div className="lab-3d">
      <canvas
        ref={canvasRef}
        style={{ width: WIDTH, height: HEIGHT, touchAction: 'none' }}
        data-testid="lab-surface-3d"
        aria-label="Loss surface in 3-D; drag to turn it"
        onPointerDown={(e) => {
          drag.current = { x: e.clientX, y: e.clientY };
          e.currentTarget.setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => {
          if (drag.current === null) return;
          const cam = camera.current;
          camera.current = {
            azimuth: cam.azimuth + (e.clientX - drag.current.x) * 0.01,
            elevation: clampElevation(cam.elevation + (e.clientY - drag.current.y) * 0.01),
          };
          drag.current = { x: e.clientX, y: e.clientY };
          cameraMoved.current = true;
        }}
        onPointerUp={() => (drag.current = null)}
      />
      <p className="lab-hint">
        Drag to turn the surface. Height and colour: the loss (clipped at the 98th percentile).
      </p>
    </div>
  );
}
