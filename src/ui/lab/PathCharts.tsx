// Loss and gradient norm along every path, against the step: two small charts, lines on a
// canvas, d3 axes redrawn as the paths grow. The gradient norm is on a log scale (near a
// saddle it dips by orders of magnitude before the path escapes); the loss is too, where it
// stays positive.
import { useCallback, useRef, type RefObject } from 'react';
import {
  axisBottom,
  axisLeft,
  scaleLinear,
  scaleLog,
  select,
  type ScaleContinuousNumeric,
} from 'd3';
import type { OptimizerPath } from '../../engine/analysis/pathOptimizers';
import { fitCanvas } from '../viz/planeCanvas';
import { OPTIMIZER_INK } from './labDefaults';
import type { Race } from './labRace';
import { useRaceFrames } from './useRaceFrames';

const W = 300;
const H = 160;
const M = { left: 50, right: 8, top: 8, bottom: 26 };

type Series = 'losses' | 'gradNorms';

function ChartOf({
  race,
  series,
  title,
}: {
  race: RefObject<Race | null>;
  series: Series;
  title: string;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const xAxis = useRef<SVGGElement>(null);
  const yAxis = useRef<SVGGElement>(null);
  const draw = useCallback(
    (r: Race | null) => {
      const canvas = canvasRef.current;
      if (canvas === null || xAxis.current === null || yAxis.current === null) return;
      const ctx = fitCanvas(canvas, W, H);
      if (ctx === null) return;
      ctx.clearRect(0, 0, W, H);
      const paths = r?.paths ?? [];
      let steps = 1;
      let lo = Infinity;
      let hi = -Infinity;
      for (const p of paths) {
        steps = Math.max(steps, p.length - 1);
        for (let i = 0; i < p.length; i++) {
          const v = p[series][i];
          if (!Number.isFinite(v)) continue;
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      if (!(hi >= lo)) {
        lo = series === 'gradNorms' ? 1e-3 : 0;
        hi = 1;
      }
      const log = series === 'gradNorms' || lo > 0;
      const floor = series === 'gradNorms' ? Math.max(lo, hi * 1e-9, 1e-12) : lo;
      const x = scaleLinear()
        .domain([0, steps])
        .range([M.left, W - M.right]);
      const y: ScaleContinuousNumeric<number, number> = log
        ? scaleLog()
            .domain([Math.max(floor, 1e-12), Math.max(hi, floor * 10)])
            .range([H - M.bottom, M.top])
            .nice()
        : scaleLinear()
            .domain([lo, hi === lo ? lo + 1 : hi])
            .range([H - M.bottom, M.top])
            .nice();
      select(xAxis.current).call(axisBottom(x).ticks(4, 's'));
      select(yAxis.current).call(axisLeft(y).ticks(log ? 3 : 4, log ? '.0e' : '.2~g'));
      ctx.save();
      ctx.beginPath();
      ctx.rect(M.left, M.top, W - M.left - M.right, H - M.top - M.bottom);
      ctx.clip();
      for (const p of paths) drawSeries(ctx, p, series, x, y, floor);
      ctx.restore();
    },
    [series],
  );
  useRaceFrames(race, draw);
  return (
    <figure className="lab-chart">
      <figcaption>{title}</figcaption>
      <div className="lab-chart-body" style={{ width: W, height: H }}>
        <canvas
          ref={canvasRef}
          style={{ width: W, height: H }}
          data-testid={`lab-chart-${series}`}
        />
        <svg width={W} height={H} className="lab-chart-axes" aria-hidden="true">
          <g ref={xAxis} transform={`translate(0,${H - M.bottom})`} />
          <g ref={yAxis} transform={`translate(${M.left},0)`} />
        </svg>
      </div>
    </figure>
  );
}

function drawSeries(
  ctx: CanvasRenderingContext2D,
  p: OptimizerPath,
  series: Series,
  x: (v: number) => number,
  y: (v: number) => number,
  floor: number,
) {
  const values = p[series];
  ctx.beginPath();
  for (let i = 0; i < p.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) break;
    const px = x(i);
    const py = y(Math.max(v, floor));
    if (i === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
  ctx.lineWidth = 1.6;
  ctx.strokeStyle = OPTIMIZER_INK[p.config.kind];
  ctx.stroke();
}

export function PathCharts({ race }: { race: RefObject<Race | null> }) {
  return (
    <div className="lab-charts">
      <ChartOf race={race} series="losses" title="Loss along each path, by step" />
      <ChartOf race={race} series="gradNorms" title="Gradient norm ‖∇L‖ along each path, by step" />
    </div>
  );
}
