// A 2-D slice of the real network's loss seen from above: the lab's heat map and contours of
// L(θ + a·d₁ + b·d₂) with d3 axes in units of the filter-normalised directions, and the
// current weights (a = b = 0) marked by a cross at the centre.
import { useEffect, useMemo, useRef } from 'react';
import { scaleLinear } from 'd3';
import type { LossSliceFrame } from '../../engine/analysis/landscapeFrames';
import { drawStart, paintSurfaceLayer } from '../lab/paintSurface';
import { gridOfValues } from '../lab/surfaceGrid';
import { fitCanvas } from '../viz/planeCanvas';
import { AxisTicks } from '../lab/AxisTicks';

const PLOT = 320;
const LEFT = 54;
const BOTTOM = 36;
const PAD = 8;
const WIDTH = LEFT + PLOT + PAD;
const HEIGHT = PAD + PLOT + BOTTOM;

export function SliceMap({ frame }: { frame: LossSliceFrame }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  // Each sample fills one cell, so the plot reaches half a cell past the outermost samples.
  const half = frame.range / (frame.size - 1);
  const domain: [number, number] = [-frame.range - half, frame.range + half];
  const x = scaleLinear()
    .domain(domain)
    .range([LEFT, LEFT + PLOT]);
  const y = scaleLinear()
    .domain(domain)
    .range([PAD + PLOT, PAD]);
  const layer = useMemo(
    () => paintSurfaceLayer(gridOfValues(Float64Array.from(frame.losses), frame.size), PLOT),
    [frame],
  );

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas === null ? null : fitCanvas(canvas, WIDTH, HEIGHT);
    if (ctx === null) return;
    ctx.clearRect(0, 0, WIDTH, HEIGHT);
    ctx.drawImage(layer, LEFT, PAD, PLOT, PLOT);
    drawStart(ctx, LEFT + PLOT / 2, PAD + PLOT / 2);
  }, [layer]);

  return (
    <div className="lab-map" style={{ width: WIDTH, height: HEIGHT }}>
      <canvas
        ref={canvasRef}
        className="lab-map-canvas"
        style={{ width: WIDTH, height: HEIGHT }}
        data-testid="landscape-slice-map"
        data-center-x={LEFT + PLOT / 2}
        data-center-y={PAD + PLOT / 2}
        aria-label="Loss around the current weights; the cross marks them"
      />
      <svg className="lab-axes" width={WIDTH} height={HEIGHT} aria-hidden="true">
        <rect x={LEFT} y={PAD} width={PLOT} height={PLOT} className="lab-frame" />
        <AxisTicks x={x} y={y} xTicks={5} yTicks={5} bottom={PAD + PLOT} left={LEFT} />
        <text className="lab-axis-label" x={LEFT + PLOT / 2} y={HEIGHT - 3} textAnchor="middle">
          a (along d₁)
        </text>
        <text
          className="lab-axis-label"
          textAnchor="middle"
          transform={`translate(11,${PAD + PLOT / 2}) rotate(-90)`}
        >
          b (along d₂)
        </text>
      </svg>
    </div>
  );
}
