// A streaming line chart: d3 scales and SVG axes, the curves on a canvas, redrawn on animation
// frames when the run's series change — never by re-rendering React for each point.
import {
  axisBottom,
  axisLeft,
  format as d3format,
  scaleLinear,
  scaleLog,
  select,
  type ScaleContinuousNumeric,
} from 'd3';
import { useEffect, useRef, useState } from 'react';
import { runSeries, smoothInto, type Series } from '../store/runSeries';

export interface Curve {
  series: Series;
  label: string;
  color: string;
  /** 'line': raw values faint, smoothed values solid; 'points': markers joined by a thin line. */
  kind: 'line' | 'points';
}

interface LiveChartProps {
  title: string;
  yLabel: string;
  curves: Curve[];
  /** A fixed y range (accuracy); otherwise it fits the data. */
  yDomain?: [number, number];
  yFormat?: string;
  smoothing: number;
  logScale?: boolean;
  testId: string;
}

const HEIGHT = 260;
const MARGIN = { top: 14, right: 18, bottom: 44, left: 60 };
const EMPTY_STEPS = 100;
/** The canvas overhangs the plot area so markers and thick lines at its edges are not cut. */
const BLEED = 6;

export function LiveChart({
  title,
  yLabel,
  curves,
  yDomain,
  yFormat,
  smoothing,
  logScale,
  testId,
}: LiveChartProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const xAxisRef = useRef<SVGGElement>(null);
  const yAxisRef = useRef<SVGGElement>(null);
  const [width, setWidth] = useState(0);
  const [empty, setEmpty] = useState(true);

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    const xAxisNode = xAxisRef.current;
    const yAxisNode = yAxisRef.current;
    if (!canvas || !xAxisNode || !yAxisNode || width === 0) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
    const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round((innerW + 2 * BLEED) * dpr);
    canvas.height = Math.round((innerH + 2 * BLEED) * dpr);
    canvas.style.width = `${innerW + 2 * BLEED}px`;
    canvas.style.height = `${innerH + 2 * BLEED}px`;
    let smoothed = new Float32Array(1024);
    let drawnVersion = -1;
    let wasEmpty = true;
    let frame = 0;

    const draw = () => {
      frame = requestAnimationFrame(draw);
      if (drawnVersion === runSeries.version) return;
      drawnVersion = runSeries.version;

      let lastStep = 0;
      let lo = Infinity;
      let hi = -Infinity;
      for (const c of curves) {
        const s = c.series;
        lastStep = Math.max(lastStep, s.lastStep());
        for (let i = 0; i < s.length; i++) {
          const v = s.values[i];
          if (!Number.isFinite(v) || (logScale && v <= 0)) continue;
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
      const isEmpty = lastStep === 0;
      if (isEmpty !== wasEmpty) setEmpty(isEmpty);
      wasEmpty = isEmpty;

      const x = scaleLinear()
        .domain([0, Math.max(lastStep, isEmpty ? EMPTY_STEPS : 10)])
        .range([0, innerW]);
      let y: ScaleContinuousNumeric<number, number>;
      if (yDomain) {
        y = scaleLinear().domain(yDomain).range([innerH, 0]);
      } else if (logScale && Number.isFinite(lo)) {
        y = scaleLog()
          .domain([lo, Math.max(hi, lo * 10)])
          .range([innerH, 0])
          .nice();
      } else {
        y = scaleLinear()
          .domain([0, Number.isFinite(hi) && hi > 0 ? hi : 1])
          .range([innerH, 0])
          .nice();
      }

      select(xAxisNode).call(
        axisBottom(x)
          .ticks(Math.max(2, Math.floor(innerW / 90)))
          .tickFormat(d3format('~s'))
          .tickSizeOuter(0),
      );
      const yTicks = Math.max(2, Math.floor(innerH / 45));
      select(yAxisNode).call(
        axisLeft(y)
          .ticks(yTicks, yFormat ?? '~r')
          .tickSize(-innerW)
          .tickPadding(8),
      );

      ctx.setTransform(dpr, 0, 0, dpr, BLEED * dpr, BLEED * dpr);
      ctx.clearRect(-BLEED, -BLEED, innerW + 2 * BLEED, innerH + 2 * BLEED);
      ctx.lineJoin = 'round';
      ctx.lineCap = 'round';
      for (const c of curves) {
        const s = c.series;
        if (s.length === 0) continue;
        if (c.kind === 'line') {
          if (smoothed.length < s.length) smoothed = new Float32Array(s.values.length);
          smoothInto(s.values, s.length, smoothing, smoothed);
          ctx.globalAlpha = 0.22;
          ctx.lineWidth = 1;
          strokeColumns(ctx, s.steps, s.values, s.length, x, y, c.color);
          ctx.globalAlpha = 1;
          ctx.lineWidth = 2;
          strokeColumnMeans(ctx, s.steps, smoothed, s.length, x, y, c.color);
        } else {
          ctx.globalAlpha = 0.7;
          ctx.lineWidth = 1.25;
          strokeColumns(ctx, s.steps, s.values, s.length, x, y, c.color);
          ctx.globalAlpha = 1;
          drawPoints(ctx, s, x, y, c.color);
        }
      }
    };
    frame = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(frame);
  }, [width, curves, yDomain, yFormat, smoothing, logScale]);

  const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="chart-head">
        <span className="chart-title">{title}</span>
        <span className="chart-legend">
          {curves.map((c) => (
            <span key={c.label} className="legend-item">
              <span
                className={c.kind === 'points' ? 'legend-swatch dot' : 'legend-swatch'}
                style={{ background: c.color }}
              />
              {c.label}
            </span>
          ))}
        </span>
      </figcaption>
      <div className="chart-box" ref={boxRef} style={{ height: HEIGHT }}>
        <canvas
          ref={canvasRef}
          className="chart-canvas"
          style={{ left: MARGIN.left - BLEED, top: MARGIN.top - BLEED }}
        />
        <svg className="chart-axes" width={width} height={HEIGHT} aria-hidden="true">
          <g
            ref={yAxisRef}
            className="axis axis-y"
            transform={`translate(${MARGIN.left},${MARGIN.top})`}
          />
          <g
            ref={xAxisRef}
            className="axis axis-x"
            transform={`translate(${MARGIN.left},${MARGIN.top + innerH})`}
          />
          <text
            className="axis-label"
            x={MARGIN.left + innerW / 2}
            y={HEIGHT - 6}
            textAnchor="middle"
          >
            Step
          </text>
          <text
            className="axis-label"
            transform={`translate(14,${MARGIN.top + innerH / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            {yLabel}
          </text>
        </svg>
        {empty && (
          <div
            className="chart-empty"
            style={{ left: MARGIN.left, top: MARGIN.top, width: innerW, height: innerH }}
          >
            Press Train to watch the curve.
          </div>
        )}
      </div>
    </figure>
  );
}

/**
 * Strokes a curve, collapsing the points that fall in one pixel column into a vertical
 * min–max segment, so a long run costs one segment per column and spikes stay visible.
 */
function strokeColumns(
  ctx: CanvasRenderingContext2D,
  steps: Float64Array,
  values: Float32Array,
  length: number,
  x: (v: number) => number,
  y: (v: number) => number,
  color: string,
): void {
  ctx.strokeStyle = color;
  ctx.beginPath();
  let column = NaN;
  let top = 0;
  let bottom = 0;
  let started = false;
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    const px = x(steps[i]);
    const py = y(v);
    if (!Number.isFinite(py)) continue;
    const c = Math.round(px);
    if (c === column) {
      if (py < top) top = py;
      if (py > bottom) bottom = py;
      continue;
    }
    if (started && bottom > top) {
      ctx.lineTo(column, top);
      ctx.lineTo(column, bottom);
    }
    if (started) ctx.lineTo(px, py);
    else ctx.moveTo(px, py);
    started = true;
    column = c;
    top = py;
    bottom = py;
  }
  if (started && bottom > top) {
    ctx.lineTo(column, top);
    ctx.lineTo(column, bottom);
  }
  ctx.stroke();
}

/**
 * Strokes a smooth curve with one vertex per pixel column, at the mean of the points that
 * fall in it: the trend line stays a line however many steps the run has.
 */
function strokeColumnMeans(
  ctx: CanvasRenderingContext2D,
  steps: Float64Array,
  values: Float32Array,
  length: number,
  x: (v: number) => number,
  y: (v: number) => number,
  color: string,
): void {
  ctx.strokeStyle = color;
  ctx.beginPath();
  let column = NaN;
  let sumX = 0;
  let sumY = 0;
  let count = 0;
  let started = false;
  const vertex = () => {
    if (count === 0) return;
    if (started) ctx.lineTo(sumX / count, sumY / count);
    else ctx.moveTo(sumX / count, sumY / count);
    started = true;
  };
  for (let i = 0; i < length; i++) {
    const py = y(values[i]);
    if (!Number.isFinite(py)) continue;
    const px = x(steps[i]);
    const c = Math.round(px);
    if (c !== column) {
      vertex();
      column = c;
      sumX = 0;
      sumY = 0;
      count = 0;
    }
    sumX += px;
    sumY += py;
    count++;
  }
  vertex();
  ctx.stroke();
}

function drawPoints(
  ctx: CanvasRenderingContext2D,
  s: Series,
  x: (v: number) => number,
  y: (v: number) => number,
  color: string,
): void {
  ctx.fillStyle = color;
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 1.5;
  for (let i = 0; i < s.length; i++) {
    const py = y(s.values[i]);
    if (!Number.isFinite(py)) continue;
    ctx.beginPath();
    ctx.arc(x(s.steps[i]), py, 3.5, 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
  }
}
