// The surface seen from above: heat map and contours of the loss over (w1, w2) with d3 axes,
// the lesson's overlays, and every optimizer's path as it grows. A click picks the start point
// and restarts the race from there; the pointer's position reads out w and L.
import { useCallback, useMemo, useRef, useState, type PointerEvent, type RefObject } from 'react';
import { scaleLinear } from 'd3';
import type { ToySurface } from '../../engine/analysis/surfaces/index';
import { fitCanvas } from '../viz/planeCanvas';
import { OPTIMIZER_COLORS } from './labDefaults';
import type { Race } from './labRace';
import { drawPath, drawStart, paintSurfaceLayer, plotMapping } from './paintSurface';
import type { SurfaceGrid } from './surfaceGrid';
import { drawOverlays } from './surfaceOverlays';
import { useRaceFrames } from './useRaceFrames';
import { AxisTicks } from './AxisTicks';

const PLOT = 400;
const LEFT = 44;
const BOTTOM = 36;
const PAD = 8;
const WIDTH = LEFT + PLOT + PAD;
const HEIGHT = PAD + PLOT + BOTTOM;

interface Props {
  surface: ToySurface;
  grid: SurfaceGrid;
  race: RefObject<Race | null>;
  start: readonly [number, number];
  onPick: (w: [number, number]) => void;
}

export function ContourMap({ surface, grid, race, start, onPick }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<string | null>(null);
  const x = useMemo(
    () =>
      scaleLinear()
        .domain(surface.domain.w1)
        .range([LEFT, LEFT + PLOT]),
    [surface],
  );
  const y = useMemo(
    () =>
      scaleLinear()
        .domain(surface.domain.w2)
        .range([PAD + PLOT, PAD]),
    [surface],
  );
  const layer = useMemo(() => paintSurfaceLayer(grid, PLOT), [grid]);

  const draw = useCallback(
    (r: Race | null) => {
      const canvas = canvasRef.current;
      if (canvas === null) return;
      const ctx = fitCanvas(canvas, WIDTH, HEIGHT);
      if (ctx === null) return;
      ctx.clearRect(0, 0, WIDTH, HEIGHT);
      ctx.drawImage(layer, LEFT, PAD, PLOT, PLOT);
      ctx.save();
      ctx.beginPath();
      ctx.rect(LEFT, PAD, PLOT, PLOT);
      ctx.clip();
      const map = plotMapping(surface.domain, LEFT, PAD, PLOT);
      drawOverlays(ctx, surface, map);
      drawStart(ctx, map.x(start[0]), map.y(start[1]));
      if (r !== null && r.surface === surface) {
        for (const p of r.paths) drawPath(ctx, p, map, OPTIMIZER_COLORS[p.config.kind]);
      }
      ctx.restore();
    },
    [layer, surface, start],
  );
  useRaceFrames(race, draw);

  const weightsAt = (e: PointerEvent<HTMLCanvasElement>): [number, number] | null => {
    const rect = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - rect.left;
    const py = e.clientY - rect.top;
    if (px < LEFT || px > LEFT + PLOT || py < PAD || py > PAD + PLOT) return null;
    return [x.invert(px), y.invert(py)];
  };

  return (
    <div className="lab-map" style={{ width: WIDTH, height: HEIGHT }}>
      <canvas
        ref={canvasRef}
        className="lab-map-canvas"
        style={{ width: WIDTH, height: HEIGHT }}
        data-testid="lab-contour-map"
        aria-label="Loss surface seen from above; click to start the optimizers there"
        onPointerDown={(e) => {
          const w = weightsAt(e);
          if (w !== null) onPick(w);
        }}
        onPointerMove={(e) => {
          const w = weightsAt(e);
          setHover(
            w === null
              ? null
              : `w = (${w[0].toFixed(2)}, ${w[1].toFixed(2)})   L = ${formatLoss(surface.loss(w[0], w[1]))}`,
          );
        }}
        onPointerLeave={() => setHover(null)}
      />
      <svg className="lab-axes" width={WIDTH} height={HEIGHT} aria-hidden="true">
        <rect x={LEFT} y={PAD} width={PLOT} height={PLOT} className="lab-frame" />
        <AxisTicks x={x} y={y} xTicks={6} yTicks={6} bottom={PAD + PLOT} left={LEFT} />
        <text className="lab-axis-label" x={LEFT + PLOT / 2} y={HEIGHT - 3} textAnchor="middle">
          w₁
        </text>
        <text
          className="lab-axis-label"
          textAnchor="middle"
          transform={`translate(11,${PAD + PLOT / 2}) rotate(-90)`}
        >
          w₂
        </text>
      </svg>
      <div className="lab-readout" aria-live="off">
        {hover ?? 'Click the map to start every optimizer from there'}
      </div>
    </div>
  );
}

export function formatLoss(v: number): string {
  const a = Math.abs(v);
  if (!Number.isFinite(v)) return String(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2);
  return v.toFixed(a < 1 ? 4 : 2);
}
