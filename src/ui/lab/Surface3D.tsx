// The toy surface in 3-D: a 36 × 36 height field (heightField3d.ts; heights clipped as the
// heat map's colours are), the optimizers' paths floating on it. Drag to turn it.
import { useCallback, useMemo, useRef, type RefObject } from 'react';
import type { ToySurface } from '../../engine/analysis/surfaces/index';
import { fitCanvas } from '../viz/planeCanvas';
import { OPTIMIZER_COLORS } from './labDefaults';
import type { Race } from './labRace';
import { useOrbitView, VIEW_HEIGHT, VIEW_WIDTH } from './heightField3d';
import { colorPosition, sampleSurface, type SurfaceGrid } from './surfaceGrid';
import { useRaceFrames } from './useRaceFrames';

const MESH = 36;

interface Props {
  surface: ToySurface;
  /** The map's grid: the mesh shares its colour scale. */
  grid: SurfaceGrid;
  race: RefObject<Race | null>;
}

export function Surface3D({ surface, grid, race }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const mesh = useMemo(() => {
    const coarse = sampleSurface(surface, MESH);
    // Heights on the map's scale, so a colour means the same height in both views.
    return Float64Array.from(coarse.values, (v) => colorPosition(grid, v));
  }, [surface, grid]);
  const cameraMoved = useRef(false);
  const { meshLayer, handlers } = useOrbitView(mesh, MESH, () => (cameraMoved.current = true));

  const draw = useCallback(
    (r: Race | null) => {
      const canvas = canvasRef.current;
      if (canvas === null) return;
      const ctx = fitCanvas(canvas, VIEW_WIDTH, VIEW_HEIGHT);
      if (ctx === null) return;
      ctx.clearRect(0, 0, VIEW_WIDTH, VIEW_HEIGHT);
      const { layer, toScreen } = meshLayer();
      ctx.drawImage(layer, 0, 0, VIEW_WIDTH, VIEW_HEIGHT);
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
    [meshLayer, surface, grid],
  );
  useRaceFrames(race, draw, cameraMoved);

  return (
    <div className="lab-3d">
      <canvas
        ref={canvasRef}
        style={{ width: VIEW_WIDTH, height: VIEW_HEIGHT, touchAction: 'none' }}
        data-testid="lab-surface-3d"
        aria-label="Loss surface in 3-D; drag to turn it"
        {...handlers}
      />
      <p className="lab-hint">
        Drag to turn the surface. Height and colour: the loss (clipped at the 98th percentile).
      </p>
    </div>
  );
}
