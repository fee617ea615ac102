// Draw a digit: a pad to draw on with a mouse, a pen or a finger. Each stroke is made into an
// MNIST digit as MNIST's were made (see mnistPreprocess) and becomes the probe's input, so the
// class probabilities here and the feature maps above follow the drawing as it is drawn.
import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import type { ProbeFrame } from '../../engine/analysis/insightFrames';
import { useAppStore } from '../store/store';
import { InsightPanel } from './InsightPanel';
import { paintInput } from './mapPaint';
import { MNIST_SIDE, mnistFromInk } from './mnistPreprocess';
import { PixelImage } from './pixelImage';
import { ProbabilityBars } from './ProbabilityBars';

const PAD = 224;
const STROKE = 17;
const PREVIEW = 84;
const DIGITS = Array.from({ length: 10 }, (_, k) => String(k));
const fromDrawing = (frame: ProbeFrame) => frame.source.kind === 'drawn';

/** The pad's ink (its alpha, 0 to 1), pixel by pixel, at its backing resolution. */
function inkOf(canvas: HTMLCanvasElement): { ink: Float32Array; width: number; height: number } {
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const { width, height } = canvas;
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const ink = new Float32Array(width * height);
  for (let i = 0; i < ink.length; i++) ink[i] = rgba[4 * i + 3] / 255;
  return { ink, width, height };
}

export function DrawPanel() {
  const pad = useRef<HTMLCanvasElement>(null);
  const preview = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const frame = useRef(0);
  const image = useMemo(() => new PixelImage(), []);
  const setDrawing = useAppStore((s) => s.setDrawing);
  const drawing = useAppStore((s) => s.drawing);
  const probingDrawing = useAppStore((s) => s.probeInput.kind === 'drawn');
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const canvas = pad.current;
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(PAD * dpr);
    canvas.height = Math.round(PAD * dpr);
    return () => cancelAnimationFrame(frame.current);
  }, []);

  // The 28 × 28 digit the model sees.
  useEffect(() => {
    const canvas = preview.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    canvas.width = PREVIEW;
    canvas.height = PREVIEW;
    ctx.fillStyle = '#f3f5f8';
    ctx.fillRect(0, 0, PREVIEW, PREVIEW);
    if (drawing === null) return;
    paintInput(drawing, 1, MNIST_SIDE * MNIST_SIDE, image.pixels(MNIST_SIDE, MNIST_SIDE));
    image.draw(ctx, 0, 0, PREVIEW, PREVIEW);
  }, [drawing, image]);

  const update = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const canvas = pad.current;
      if (!canvas) return;
      const { ink, width, height } = inkOf(canvas);
      const digit = mnistFromInk(ink, width, height);
      if (digit !== null) setDrawing(digit);
    });
  }, [setDrawing]);

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const scale = e.currentTarget.width / rect.width;
    return { x: (e.clientX - rect.left) * scale, y: (e.clientY - rect.top) * scale, scale };
  };
  const stroke = (e: PointerEvent<HTMLCanvasElement>) => {
    const ctx = e.currentTarget.getContext('2d', { willReadFrequently: true });
    if (!ctx) return;
    const p = point(e);
    const from = last.current ?? p;
    ctx.strokeStyle = '#111820';
    ctx.fillStyle = '#111820';
    ctx.lineWidth = STROKE * p.scale;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(p.x + 0.01, p.y);
    ctx.stroke();
    last.current = p;
    setDrawn(true);
    update();
  };
  const clear = () => {
    const canvas = pad.current;
    canvas
      ?.getContext('2d', { willReadFrequently: true })
      ?.clearRect(0, 0, canvas.width, canvas.height);
    setDrawn(false);
    setDrawing(null);
  };

  return (
    <InsightPanel name="draw" title="Draw a digit">
      <div className="draw-body">
        <div className="draw-pad-wrap">
          <canvas
            ref={pad}
            className="draw-pad"
            style={{ width: PAD, height: PAD }}
            role="img"
            aria-label="Drawing pad: draw a digit with the mouse, a pen or a finger"
            data-testid="draw-pad"
            onPointerDown={(e) => {
              e.currentTarget.setPointerCapture(e.pointerId);
              last.current = null;
              stroke(e);
            }}
            onPointerMove={(e) => {
              if (e.buttons !== 0 || e.pointerType === 'touch') {
                if (last.current !== null) stroke(e);
              }
            }}
            onPointerUp={() => {
              last.current = null;
            }}
            onPointerCancel={() => {
              last.current = null;
            }}
          />
          {!drawn && <p className="draw-hint">Draw a digit here</p>}
          <button type="button" className="button" onClick={clear} data-testid="draw-clear">
            Clear
          </button>
        </div>
        <div className="draw-side">
          <figure>
            <canvas
              ref={preview}
              style={{ width: PREVIEW, height: PREVIEW }}
              role="img"
              aria-label="The drawing as the model sees it: 28 × 28"
              data-testid="draw-preview"
            />
            <figcaption>As the model sees it (28 × 28, centred by mass)</figcaption>
          </figure>
          <ProbabilityBars classNames={DIGITS} when={fromDrawing} testId="draw-probabilities" />
          <p className="probe-hint">
            {drawing === null
              ? 'Draw a digit to see what the model says, and its feature maps above.'
              : probingDrawing
                ? 'Its feature maps and saliency are in the panel above.'
                : 'The panel above shows a test digit now; draw on to look at the drawing again.'}
          </p>
        </div>
      </div>
    </InsightPanel>
  );
}
