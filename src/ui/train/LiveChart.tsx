// A streaming line chart: d3 scales and SVG axes, the curves on a canvas, redrawn on the next
// animation frame after the run's series change — never by re-rendering React for each point,
// and not at all while nothing changes. The hover read-out and the cursor move on the same
// frames; PNG and SVG downloads are drawn from the layout on screen.
import { axisBottom, axisLeft, select } from 'd3';
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { onRunSeriesChange, runSeries } from '../store/runSeries';
import {
  ChartLayoutCache,
  indexAtStep,
  type ChartLayout,
  type Curve,
  type XAxis,
} from './chartLayout';
import { chartSvg, type ChartText } from './chartSvg';
import { downloadBlob, svgToPng } from './download';
import type { Polyline } from './polyline';

export type { Curve } from './chartLayout';

interface LiveChartProps {
  title: string;
  yLabel: string;
  curves: Curve[];
  /** A fixed y range (accuracy); otherwise it fits the data. */
  yDomain?: readonly [number, number];
  yFormat?: string;
  /** How the read-out writes a value. */
  formatValue: (v: number) => string;
  smoothing: number;
  logScale?: boolean;
  xAxis: XAxis;
  stepsPerEpoch: number;
  /** Steps in the whole run (0 when unknown): the x axis grows towards it. */
  totalSteps: number;
  testId: string;
  /** Downloads are named `<fileName>-step-<n>.png`. */
  fileName: string;
}

const HEIGHT = 260;
const MARGIN = { top: 14, right: 18, bottom: 44, left: 60 };
/** The canvas overhangs the plot area so markers and thick lines at its edges are not cut. */
const BLEED = 6;
const READOUT_GAP = 14;

function stroke(ctx: CanvasRenderingContext2D, line: Polyline): void {
  if (line.length === 0) return;
  ctx.beginPath();
  ctx.moveTo(line.xs[0], line.ys[0]);
  for (let i = 1; i < line.length; i++) ctx.lineTo(line.xs[i], line.ys[i]);
  ctx.stroke();
}

function drawCurves(ctx: CanvasRenderingContext2D, layout: ChartLayout): void {
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  for (const { curve, raw, trend } of layout.curves) {
    ctx.strokeStyle = curve.color;
    if (curve.kind === 'line') {
      ctx.globalAlpha = 0.22;
      ctx.lineWidth = 1;
      stroke(ctx, raw);
      ctx.globalAlpha = 1;
      ctx.lineWidth = 2;
      if (trend) stroke(ctx, trend);
    } else {
      ctx.globalAlpha = 0.7;
      ctx.lineWidth = 1.25;
      stroke(ctx, raw);
      ctx.globalAlpha = 1;
      ctx.fillStyle = curve.color;
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 1.5;
      for (let i = 0; i < raw.length; i++) {
        ctx.beginPath();
        ctx.arc(raw.xs[i], raw.ys[i], 3.5, 0, Math.PI * 2);
        ctx.fill();
        ctx.stroke();
      }
    }
  }
}

function xLabelOf(axis: XAxis): string {
  return axis === 'epoch' ? 'Epoch' : 'Step';
}

export function LiveChart({
  title,
  yLabel,
  curves,
  yDomain,
  yFormat,
  formatValue,
  smoothing,
  logScale = false,
  xAxis,
  stepsPerEpoch,
  totalSteps,
  testId,
  fileName,
}: LiveChartProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const xAxisRef = useRef<SVGGElement>(null);
  const yAxisRef = useRef<SVGGElement>(null);
  const cursorRef = useRef<HTMLDivElement>(null);
  const readoutRef = useRef<HTMLDivElement>(null);
  /** The pointer's x inside the plot area, or null when it is elsewhere. */
  const hoverRef = useRef<number | null>(null);
  const hoverMoved = useRef(false);
  /** Asks for a frame (the pointer moved); set while the drawing effect is live. */
  const requestFrameRef = useRef<() => void>(() => undefined);
  const layoutRef = useRef<ChartLayout | null>(null);
  const [width, setWidth] = useState(0);
  const [empty, setEmpty] = useState(true);
  const [shownAxis, setShownAxis] = useState<XAxis>('step');

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
    const cursor = cursorRef.current;
    const readout = readoutRef.current;
    if (!canvas || !xAxisNode || !yAxisNode || !cursor || !readout || width === 0) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const cache = new ChartLayoutCache();
    const options = {
      width,
      height: HEIGHT,
      margin: MARGIN,
      yDomain,
      yFormat: yFormat ?? '~r',
      logScale,
      xAxis,
      stepsPerEpoch,
      totalSteps,
      smoothing,
    };
    const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
    const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round((innerW + 2 * BLEED) * dpr);
    canvas.height = Math.round((innerH + 2 * BLEED) * dpr);
    canvas.style.width = `${innerW + 2 * BLEED}px`;
    canvas.style.height = `${innerH + 2 * BLEED}px`;
    const rows = Array.from(readout.querySelectorAll<HTMLElement>('[data-readout-value]'));
    const head = readout.querySelector<HTMLElement>('[data-readout-x]');
    let drawnVersion = -1;
    let axesKey = '';
    let wasEmpty = true;
    let frame = 0;
    const requestFrame = () => {
      if (frame === 0) frame = requestAnimationFrame(draw);
    };

    const updateReadout = (layout: ChartLayout) => {
      const px = hoverRef.current;
      if (px === null || layout.empty) {
        cursor.hidden = true;
        readout.hidden = true;
        return;
      }
      const perUnit = layout.xAxis === 'epoch' ? stepsPerEpoch : 1;
      const step = layout.x.invert(px) * perUnit;
      // The cursor snaps to the training step nearest to the pointer.
      const anchor = curves.find((c) => c.kind === 'line')?.series ?? curves[0].series;
      let i = indexAtStep(anchor, step);
      if (
        i + 1 < anchor.length &&
        Math.abs(anchor.steps[i + 1] - step) < Math.abs(anchor.steps[i] - step)
      )
        i++;
      if (i < 0) i = anchor.length > 0 ? 0 : -1;
      if (i < 0) {
        cursor.hidden = true;
        readout.hidden = true;
        return;
      }
      const atStep = anchor.steps[i];
      const cx = layout.xOfStep(atStep);
      cursor.hidden = false;
      cursor.style.transform = `translateX(${MARGIN.left + cx}px)`;
      readout.hidden = false;
      readout.dataset.step = String(atStep);
      if (head)
        head.textContent =
          layout.xAxis === 'epoch'
            ? `Epoch ${(atStep / stepsPerEpoch).toFixed(2)} (step ${atStep.toLocaleString('en')})`
            : `Step ${atStep.toLocaleString('en')}`;
      curves.forEach((c, k) => {
        const row = rows[k];
        if (!row) return;
        const j = indexAtStep(c.series, atStep);
        if (j < 0) {
          row.textContent = '—';
          delete row.dataset.value;
          return;
        }
        const raw = c.series.values[j];
        if (c.kind === 'line') {
          const smooth = cache.smoothedAt(c.series, j);
          row.textContent = `${formatValue(smooth)} · batch ${formatValue(raw)}`;
          row.dataset.value = String(smooth);
        } else {
          const at = c.series.steps[j];
          row.textContent =
            at === atStep ? formatValue(raw) : `${formatValue(raw)} at ${at.toLocaleString('en')}`;
          row.dataset.value = String(raw);
        }
      });
      // Beside the cursor, on whichever side has room, and always inside the chart.
      const boxWidth = readout.offsetWidth;
      const right = MARGIN.left + cx + READOUT_GAP;
      const left = right + boxWidth <= width ? right : MARGIN.left + cx - READOUT_GAP - boxWidth;
      const clamped = Math.max(0, Math.min(width - boxWidth, left));
      readout.style.transform = `translateX(${clamped}px)`;
    };

    const draw = () => {
      frame = 0;
      const dataMoved = drawnVersion !== runSeries.version;
      if (!dataMoved && !hoverMoved.current) return;
      hoverMoved.current = false;
      if (dataMoved) {
        drawnVersion = runSeries.version;
        const layout = cache.layout(curves, options);
        layoutRef.current = layout;
        if (layout.empty !== wasEmpty) setEmpty(layout.empty);
        wasEmpty = layout.empty;
        setShownAxis(layout.xAxis);

        // The axes change far less often than the curves: touch the DOM only when they do.
        const key = `${layout.xTicks.map((t) => `${t.label}@${t.at.toFixed(1)}`)}|${layout.yTicks.map((t) => `${t.label}@${t.at.toFixed(1)}`)}`;
        if (key !== axesKey) {
          axesKey = key;
          select(xAxisNode).call(
            axisBottom(layout.x)
              .tickValues(layout.xTicks.map((t) => t.value))
              .tickFormat((_, k) => layout.xTicks[k]?.label ?? '')
              .tickSizeOuter(0),
          );
          select(yAxisNode).call(
            axisLeft(layout.y)
              .tickValues(layout.yTicks.map((t) => t.value))
              .tickFormat((_, k) => layout.yTicks[k]?.label ?? '')
              .tickSize(-innerW)
              .tickPadding(8),
          );
        }
        ctx.setTransform(dpr, 0, 0, dpr, BLEED * dpr, BLEED * dpr);
        ctx.clearRect(-BLEED, -BLEED, innerW + 2 * BLEED, innerH + 2 * BLEED);
        drawCurves(ctx, layout);
      }
      if (layoutRef.current) updateReadout(layoutRef.current);
    };
    requestFrameRef.current = requestFrame;
    const unsubscribe = onRunSeriesChange(requestFrame);
    requestFrame();
    return () => {
      unsubscribe();
      requestFrameRef.current = () => undefined;
      cancelAnimationFrame(frame);
    };
  }, [
    width,
    curves,
    yDomain,
    yFormat,
    smoothing,
    logScale,
    xAxis,
    stepsPerEpoch,
    totalSteps,
    formatValue,
  ]);

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const box = boxRef.current;
    if (!box) return;
    const rect = box.getBoundingClientRect();
    const px = e.clientX - rect.left - MARGIN.left;
    const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
    hoverRef.current = px >= 0 && px <= innerW ? px : null;
    hoverMoved.current = true;
    requestFrameRef.current();
  };
  const onPointerLeave = () => {
    hoverRef.current = null;
    hoverMoved.current = true;
    requestFrameRef.current();
  };

  const text: ChartText = { title, xLabel: xLabelOf(shownAxis), yLabel };
  const exportChart = async (kind: 'svg' | 'png') => {
    const layout = layoutRef.current;
    if (!layout) return;
    const svg = chartSvg(layout, text);
    const lastStep = Math.max(0, ...curves.map((c) => c.series.lastStep()));
    const name = `${fileName}-step-${lastStep}.${kind}`;
    if (kind === 'svg') downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), name);
    else downloadBlob(await svgToPng(svg, 2), name);
  };

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
        <span className="chart-downloads">
          <button
            type="button"
            className="chart-download"
            data-testid={`${testId}-png`}
            disabled={empty}
            title={`Download the ${title.toLowerCase()} chart as a PNG image`}
            onClick={() => void exportChart('png')}
          >
            PNG
          </button>
          <button
            type="button"
            className="chart-download"
            data-testid={`${testId}-svg`}
            disabled={empty}
            title={`Download the ${title.toLowerCase()} chart as an SVG drawing`}
            onClick={() => void exportChart('svg')}
          >
            SVG
          </button>
        </span>
      </figcaption>
      <div
        className="chart-box"
        ref={boxRef}
        style={{ height: HEIGHT }}
        onPointerMove={onPointerMove}
        onPointerLeave={onPointerLeave}
      >
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
            {text.xLabel}
          </text>
          <text
            className="axis-label"
            transform={`translate(14,${MARGIN.top + innerH / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            {yLabel}
          </text>
        </svg>
        <div
          ref={cursorRef}
          className="chart-cursor"
          style={{ top: MARGIN.top, height: innerH }}
          hidden
        />
        <div
          ref={readoutRef}
          className="chart-readout"
          style={{ top: MARGIN.top + 4 }}
          data-testid={`${testId}-readout`}
          hidden
        >
          <div className="readout-x" data-readout-x="" />
          {curves.map((c) => (
            <div key={c.label} className="readout-row">
              <span
                className={c.kind === 'points' ? 'legend-swatch dot' : 'legend-swatch'}
                style={{ background: c.color }}
              />
              <span className="readout-label">{c.shortLabel ?? c.label}</span>
              <span className="readout-value" data-readout-value="" data-curve={c.label} />
            </div>
          ))}
        </div>
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
