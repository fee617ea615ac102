// The decision boundary over a toy 2-D set, as TensorFlow Playground draws it and more: the
// class probabilities (any number of classes) or the predicted value (regression sets) over the
// input plane, with the training and test points on top, axes, a legend and a read-out under
// the pointer; and, for small dense nets, a mini map of every hidden unit. The worker sends a
// frame a few times a second while training; canvases are painted on animation frames from the
// store, so React re-renders only when what is laid out changes (classes, layers, bounds).
import { useCallback, useMemo, useState, type PointerEvent } from 'react';
import { scaleLinear } from 'd3';
import type { BoundaryFrame } from '../../engine/analysis/decisionBoundary';
import { getEngine } from '../app/engineClient';
import { useAppStore } from '../store/store';
import { classColor } from '../train/classColors';
import { formatInteger, formatLoss, formatPercent } from '../train/format';
import {
  divergingColor,
  paintClasses,
  paintValues,
  regressionDomain,
  rgbCss,
  type Rgb,
} from './boundaryPaint';
import { HiddenUnits } from './HiddenUnits';
import { CellImage, drawPoints, fitCanvas, planeToCanvas } from './planeCanvas';
import { useFrameDrawing } from './useFrameDrawing';
import { classRgb, NEGATIVE, POSITIVE } from './vizColors';
import './viz.css';

/** Side of the square plot, and the room left for the axes, in CSS pixels. */
const PLOT = 340;
const AXIS_LEFT = 38;
const AXIS_BOTTOM = 30;
const PAD = 6;
const WIDTH = AXIS_LEFT + PLOT + PAD;
const HEIGHT = PAD + PLOT + AXIS_BOTTOM;

/** What the layout depends on, as one string, so the view re-renders only when it changes. */
function layoutKey(frame: BoundaryFrame | null): string {
  if (frame === null) return '';
  const { bounds: b, hidden } = frame;
  return JSON.stringify([
    frame.task,
    frame.classNames,
    [b.xMin, b.xMax, b.yMin, b.yMax].map((v) => v.toFixed(4)),
    hidden?.layers.map((l) => [l.nodeId, l.units, l.activation]) ?? null,
    frame.task === 'regression' ? regressionDomain(frame).toFixed(3) : null,
  ]);
}

interface PlaneOptions {
  showTest: boolean;
  discretize: boolean;
}

/** The map of `frame` and its points over the square (x0, y0, size) of `ctx`. */
function paintMap(
  ctx: CanvasRenderingContext2D,
  image: CellImage,
  frame: BoundaryFrame,
  options: PlaneOptions,
  x0: number,
  y0: number,
  size: number,
): void {
  const pixels = image.pixels(frame.resolution);
  const cells = frame.resolution * frame.resolution;
  let colorOf: (label: number, target: number | null) => Rgb;
  if (frame.task === 'classification') {
    paintClasses(
      frame.values,
      frame.outputs,
      frame.classNames.map((_, k) => classRgb(k)),
      options.discretize,
      pixels,
    );
    colorOf = (label) => classRgb(label);
  } else {
    const domain = regressionDomain(frame);
    paintValues(frame.values, 0, cells, domain, NEGATIVE, POSITIVE, options.discretize, pixels);
    colorOf = (_label, target) => divergingColor(target ?? 0, domain, NEGATIVE, POSITIVE, 1);
  }
  image.draw(ctx, x0, y0, size);
  const at = planeToCanvas(frame.bounds, x0, y0, size);
  drawPoints(ctx, frame, at, colorOf, options.showTest, size / PLOT);
}

function paintPlane(
  canvas: HTMLCanvasElement,
  image: CellImage,
  frame: BoundaryFrame | null,
  options: PlaneOptions,
): void {
  const ctx = fitCanvas(canvas, WIDTH, HEIGHT);
  if (ctx === null) return;
  ctx.clearRect(0, 0, WIDTH, HEIGHT);
  ctx.fillStyle = '#f3f5f8';
  ctx.fillRect(AXIS_LEFT, PAD, PLOT, PLOT);
  if (frame !== null) paintMap(ctx, image, frame, options, AXIS_LEFT, PAD, PLOT);
}

/** The saved image: the plane alone, from a finer grid than the live view's. */
const EXPORT_RESOLUTION = 256;
const EXPORT_SIZE = 1024;

/** Asks the worker for the boundary on a fine grid, paints it and saves it as a PNG file. */
async function saveBoundaryPng(options: PlaneOptions): Promise<void> {
  const frame = await getEngine().predictGrid(EXPORT_RESOLUTION);
  if (frame === null) return;
  const canvas = document.createElement('canvas');
  canvas.width = EXPORT_SIZE;
  canvas.height = EXPORT_SIZE;
  const ctx = canvas.getContext('2d');
  if (ctx === null) return;
  paintMap(ctx, new CellImage(), frame, options, 0, 0, EXPORT_SIZE);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (blob === null) return;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${frame.task === 'regression' ? 'predicted-surface' : 'decision-boundary'}-step-${frame.step}.png`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Axes({ frame }: { frame: BoundaryFrame }) {
  const { bounds } = frame;
  const x = scaleLinear()
    .domain([bounds.xMin, bounds.xMax])
    .range([AXIS_LEFT, AXIS_LEFT + PLOT]);
  const y = scaleLinear()
    .domain([bounds.yMin, bounds.yMax])
    .range([PAD + PLOT, PAD]);
  const format = x.tickFormat(5);
  return (
    <svg className="toy-axes" width={WIDTH} height={HEIGHT} aria-hidden="true">
      <rect x={AXIS_LEFT} y={PAD} width={PLOT} height={PLOT} className="toy-frame" />
      {x.ticks(5).map((t) => (
        <g key={`x${t}`} transform={`translate(${x(t)},${PAD + PLOT})`}>
          <line y2={5} />
          <text y={16}>{format(t)}</text>
        </g>
      ))}
      {y.ticks(5).map((t) => (
        <g key={`y${t}`} transform={`translate(${AXIS_LEFT},${y(t)})`}>
          <line x2={-5} />
          <text x={-8} dy="0.32em" textAnchor="end">
            {format(t)}
          </text>
        </g>
      ))}
      <text className="toy-axis-label" x={AXIS_LEFT + PLOT / 2} y={HEIGHT - 2}>
        x₁
      </text>
      <text
        className="toy-axis-label"
        transform={`translate(11,${PAD + PLOT / 2}) rotate(-90)`}
        textAnchor="middle"
      >
        x₂
      </text>
    </svg>
  );
}

function Legend({ frame }: { frame: BoundaryFrame }) {
  if (frame.task === 'regression') {
    const domain = regressionDomain(frame);
    const stops = [-1, -0.5, 0, 0.5, 1].map(
      (t) =>
        `${rgbCss(divergingColor(t * domain, domain, NEGATIVE, POSITIVE, 1))} ${(t + 1) * 50}%`,
    );
    return (
      <div className="toy-legend" data-testid="toy-legend">
        <div className="toy-legend-title">Predicted value (points: their target)</div>
        <div
          className="toy-gradient"
          style={{ background: `linear-gradient(to right, ${stops.join(', ')})` }}
        />
        <div className="toy-gradient-labels">
          <span>{signed(-domain, 2)}</span>
          <span>0</span>
          <span>{domain.toFixed(2)}</span>
        </div>
      </div>
    );
  }
  return (
    <div className="toy-legend" data-testid="toy-legend">
      <div className="toy-legend-title">Class (shade: how sure the model is)</div>
      <ul className="toy-classes">
        {frame.classNames.map((name, k) => (
          <li key={name}>
            <span className="toy-swatch" style={{ background: classColor(k) }} />
            {name}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A number with a true minus sign, as the axes write it. */
function signed(v: number, digits: number): string {
  return v.toFixed(digits).replace('-', '−');
}

/** What the model says at one point of the plane, for the read-out under the pointer. */
function describeAt(frame: BoundaryFrame, px: number, py: number): string | null {
  const { bounds, resolution, values, outputs } = frame;
  const fx = (px - AXIS_LEFT) / PLOT;
  const fy = (py - PAD) / PLOT;
  if (fx < 0 || fx >= 1 || fy < 0 || fy >= 1) return null;
  const x = bounds.xMin + fx * (bounds.xMax - bounds.xMin);
  const y = bounds.yMax - fy * (bounds.yMax - bounds.yMin);
  const cell = Math.floor(fy * resolution) * resolution + Math.floor(fx * resolution);
  const where = `x₁ ${signed(x, 2)}, x₂ ${signed(y, 2)}`;
  if (frame.task === 'regression') return `${where}: predicts ${signed(values[cell], 3)}`;
  let best = 0;
  for (let k = 1; k < outputs; k++)
    if (values[cell * outputs + k] > values[cell * outputs + best]) best = k;
  return `${where}: ${frame.classNames[best]}, ${formatPercent(values[cell * outputs + best])}`;
}

/** The frame's step and the latest test score: they change often, so only they re-render. */
function ToyNumbers({ regression }: { regression: boolean }) {
  const step = useAppStore((s) => s.boundary?.step ?? null);
  const testAccuracy = useAppStore((s) => s.run.testAccuracy);
  const testLoss = useAppStore((s) => s.run.testLoss);
  return (
    <div className="toy-numbers">
      <span>
        Step <b data-testid="toy-step">{formatInteger(step)}</b>
      </span>
      {regression ? (
        <span>
          Test MSE <b data-testid="toy-test-loss">{formatLoss(testLoss)}</b>
        </span>
      ) : (
        <span>
          Test accuracy <b data-testid="toy-test-accuracy">{formatPercent(testAccuracy)}</b>
        </span>
      )}
    </div>
  );
}

export function ToyView() {
  const isToy = useAppStore((s) => s.spec.data.dataset === 'toy');
  const layout = useAppStore((s) => layoutKey(s.boundary));
  const [showTest, setShowTest] = useState(true);
  const [discretize, setDiscretize] = useState(false);
  const [hover, setHover] = useState<string | null>(null);
  // State, not a ref: the canvas comes and goes with the toy set, and must be painted when it comes.
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  const image = useMemo(() => new CellImage(), []);
  // The frame that goes with the layout; canvases read the latest one themselves.
  const frame = useMemo(() => (layout === '' ? null : useAppStore.getState().boundary), [layout]);

  const draw = useCallback(
    (f: BoundaryFrame | null) => {
      if (canvas) paintPlane(canvas, image, f, { showTest, discretize });
    },
    [canvas, image, showTest, discretize],
  );
  useFrameDrawing(draw);

  const [saving, setSaving] = useState(false);
  const save = () => {
    setSaving(true);
    void saveBoundaryPng({ showTest, discretize }).finally(() => setSaving(false));
  };

  if (!isToy) return null;
  const regression = frame?.task === 'regression';

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const f = useAppStore.getState().boundary;
    const rect = e.currentTarget.getBoundingClientRect();
    setHover(f === null ? null : describeAt(f, e.clientX - rect.left, e.clientY - rect.top));
  };

  return (
    <section className="panel toy-view" aria-label="Decision boundary" data-testid="toy-view">
      <div className="toy-head">
        <h2 className="panel-title">{regression ? 'Predicted surface' : 'Decision boundary'}</h2>
        <ToyNumbers regression={regression} />
      </div>
      <div className="toy-body">
        <div className="toy-plane" style={{ width: WIDTH, height: HEIGHT }}>
          <canvas
            ref={setCanvas}
            style={{ width: WIDTH, height: HEIGHT }}
            data-testid="toy-boundary-canvas"
            role="img"
            aria-label={
              regression
                ? 'The predicted value over the input plane, with the data points'
                : 'The predicted class over the input plane, with the data points'
            }
            onPointerMove={onPointerMove}
            onPointerLeave={() => setHover(null)}
          />
          {frame !== null && <Axes frame={frame} />}
          {frame === null && (
            <p className="toy-empty">
              The boundary appears here once the model is compiled, before its first step.
            </p>
          )}
        </div>
        <div className="toy-side">
          {frame !== null && <Legend frame={frame} />}
          <div className="toy-options">
            <label>
              <input
                type="checkbox"
                checked={showTest}
                onChange={(e) => setShowTest(e.target.checked)}
              />
              Show test points <span className="toy-ring" aria-hidden="true" />
            </label>
            <label>
              <input
                type="checkbox"
                checked={discretize}
                onChange={(e) => setDiscretize(e.target.checked)}
              />
              {regression ? 'Sign only' : 'Most likely class only'}
            </label>
            <button
              type="button"
              className="button toy-save"
              onClick={save}
              disabled={frame === null || saving}
              title="Save the map as a 1024 × 1024 PNG, from a 256 × 256 grid"
              data-testid="toy-save-png"
            >
              {saving ? 'Saving…' : 'Save PNG'}
            </button>
          </div>
          <p className="toy-hover">
            {hover ?? 'Point at the plane to read what the model predicts there.'}
          </p>
          {frame?.hidden != null && (
            <HiddenUnits layers={frame.hidden.layers} discretize={discretize} />
          )}
        </div>
      </div>
    </section>
  );
}
