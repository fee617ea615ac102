// Drawing the input plane on a canvas: a grid of painted cells stretched over the plot (smoothed,
// so a 64 × 64 grid reads as a continuous map) and the data points on top, training points
// filled, test points as rings, the dashboard's convention.
import type { BoundaryFrame, PlaneBounds } from '../../engine/analysis/decisionBoundary';
import type { Rgb } from './boundaryPaint';
import { rgbCss } from './boundaryPaint';

/** Sizes the canvas's backing store for the screen's pixel density; returns its context in CSS pixels. */
export function fitCanvas(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
): CanvasRenderingContext2D | null {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.round(width * dpr);
  const h = Math.round(height * dpr);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

/**
 * A small canvas holding `pixels` (resolution² RGBA) at one pixel per cell, reused between
 * frames, to be drawn scaled onto the visible one.
 */
export class CellImage {
  private readonly canvas = document.createElement('canvas');
  private image: ImageData | null = null;

  pixels(resolution: number): Uint8ClampedArray {
    if (this.image?.width !== resolution) {
      this.canvas.width = resolution;
      this.canvas.height = resolution;
      this.image = new ImageData(resolution, resolution);
    }
    return this.image.data;
  }

  /** Puts the painted pixels on `ctx` over the rectangle (x, y, size, size). */
  draw(ctx: CanvasRenderingContext2D, x: number, y: number, size: number): void {
    if (this.image === null) return;
    this.canvas.getContext('2d')?.putImageData(this.image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(this.canvas, x, y, size, size);
  }
}

/** From plane coordinates to canvas pixels over a square plot at (x0, y0) of side `size`. */
export function planeToCanvas(bounds: PlaneBounds, x0: number, y0: number, size: number) {
  const sx = size / (bounds.xMax - bounds.xMin);
  const sy = size / (bounds.yMax - bounds.yMin);
  return {
    x: (x: number) => x0 + (x - bounds.xMin) * sx,
    y: (y: number) => y0 + (bounds.yMax - y) * sy,
  };
}

const POINT_RADIUS = 3.4;

/** The training points (filled, white edge) and, if wanted, the test points (rings) of a frame. */
export function drawPoints(
  ctx: CanvasRenderingContext2D,
  frame: BoundaryFrame,
  at: ReturnType<typeof planeToCanvas>,
  colorOf: (label: number, target: number | null) => Rgb,
  showTest: boolean,
  /** Marks grow with the picture (a saved image is larger than the live view). */
  scale = 1,
): void {
  const { points } = frame;
  const draw = (
    xy: Float32Array,
    labels: Int32Array,
    targets: Float32Array | null,
    test: boolean,
  ) => {
    for (let i = 0; i < labels.length; i++) {
      const color = rgbCss(colorOf(labels[i], targets === null ? null : targets[i]));
      ctx.beginPath();
      ctx.arc(at.x(xy[2 * i]), at.y(xy[2 * i + 1]), POINT_RADIUS * scale, 0, 2 * Math.PI);
      ctx.fillStyle = test ? '#ffffff' : color;
      ctx.fill();
      ctx.lineWidth = (test ? 1.8 : 1) * scale;
      ctx.strokeStyle = test ? color : '#ffffff';
      ctx.stroke();
    }
  };
  ctx.save();
  draw(points.train, points.trainLabels, points.trainTargets, false);
  if (showTest) draw(points.test, points.testLabels, points.testTargets, true);
  ctx.restore();
}
