// A loss surface of the real network seen from above: the lab's heat map and contours over a
// plane of weight space (a random filter-normalised slice, or the PCA plane of the training
// path) with d3 axes, the current weights (0, 0) crossed, and optionally the path drawn on it.
import { useEffect, useMemo, useRef } from 'react';
import { scaleLinear } from 'd3';
import { drawStart, paintSurfaceLayer } from '../lab/paintSurface';
import type { SurfaceGrid } from '../lab/surfaceGrid';
import { fitCanvas } from '../viz/planeCanvas';
import { AxisTicks } from '../lab/AxisTicks';
import type { PlaneSurface } from './planeSurface';

const PLOT = 320;
const LEFT = 54;
const BOTTOM = 36;
const PAD = 8;
const WIDTH = LEFT + PLOT + PAD;
const HEIGHT = PAD + PLOT + BOTTOM;
const PATH_COLOR = '#ff6f59';

interface Props {
  surface: PlaneSurface;
  grid: SurfaceGrid;
  testId: string;
  label: string;
}

export function LandscapeMap({ surface, grid, testId, label }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { size, a, b, path } = surface;
  // Each sample fills one cell, so the plot reaches half a cell past the outermost samples.
  const halfA = (a[1] - a[0]) / (2 * (size - 1));
  const halfB = (b[1] - b[0]) / (2 * (size - 1));
  const x = scaleLinear()
    .domain([a[0] - halfA, a[1] + halfA])
    .range([LEFT, LEFT + PLOT]);
  const y = scaleLinear()
    .domain([b[0] - halfB, b[1] + halfB])
    .range([PAD + PLOT, PAD]);
  const layer = useMemo(() => paintSurfaceLayer(grid, PLOT), [grid]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas === null ? null : fitCanvas(canvas, WIDTH, HEIGHT);
    if (ctx === null) return;
    ctx.clearRect(0, 0, WIDTH, HEIGHT);
    ctx.drawImage(layer, LEFT, PAD, PLOT, PLOT);
    if (path !== null) drawTrajectory(ctx, path, x, y);
    drawStart(ctx, x(0), y(0));
  }, [layer, path, x, y]);

  return (
    <div className="lab-map" style={{ width: WIDTH, height: HEIGHT }}>
      <canvas
        ref={canvasRef}
        className="lab-map-canvas"
        style={{ width: WIDTH, height: HEIGHT }}
        data-testid={testId}
        data-center-x={x(0)}
        data-center-y={y(0)}
        aria-label={label}
      />
      <svg className="lab-axes" width={WIDTH} height={HEIGHT} aria-hidden="true">
        <rect x={LEFT} y={PAD} width={PLOT} height={PLOT} className="lab-frame" />
        <AxisTicks x={x} y={y} xTicks={5} yTicks={5} bottom={PAD + PLOT} left={LEFT} />
        <text className="lab-axis-label" x={LEFT + PLOT / 2} y={HEIGHT - 3} textAnchor="middle">
          {surface.axisNames[0]}
        </text>
        <text
          className="lab-axis-label"
          textAnchor="middle"
          transform={`translate(11,${PAD + PLOT / 2}) rotate(-90)`}
        >
          {surface.axisNames[1]}
        </text>
      </svg>
    </div>
  );
}

/** The path with a dark halo so it reads on every colour, a dot per snapshot, θ₀ ringed. */
function drawTrajectory(
  ctx: CanvasRenderingContext2D,
  path: Float32Array,
  x: (v: number) => number,
  y: (v: number) => number,
): void {
  const n = path.length / 2;
  ctx.lineJoin = 'round';
  for (const [width, stroke] of [
    [3.5, 'rgba(0, 0, 0, 0.55)'],
    [1.6, PATH_COLOR],
  ] as const) {
    ctx.beginPath();
    for (let i = 0; i < n; i++) {
      if (i === 0) ctx.moveTo(x(path[0]), y(path[1]));
      else ctx.lineTo(x(path[2 * i]), y(path[2 * i + 1]));
    }
    ctx.lineWidth = width;
    ctx.strokeStyle = stroke;
    ctx.stroke();
  }
  ctx.fillStyle = PATH_COLOR;
  for (let i = 0; i < n; i++) {
    ctx.beginPath();
    ctx.arc(x(path[2 * i]), y(path[2 * i + 1]), 2.2, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.beginPath();
  ctx.arc(x(path[0]), y(path[1]), 5, 0, 2 * Math.PI);
  ctx.lineWidth = 2;
  ctx.strokeStyle = '#fff';
  ctx.stroke();
}
