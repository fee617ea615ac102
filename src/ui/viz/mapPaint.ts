// The pixels of the inside-the-network views, as plain functions on RGBA arrays (tested without
// a DOM): a layer's activation maps (or a layer's kernels) laid out as a grid of small images on
// a diverging scale — orange below zero, white at zero, blue above, as the hidden-unit maps —
// normalised per map or over the whole layer; colour kernels as RGB images; an input image dark
// on white as the data preview shows digits; and a saliency heat map.
import type { Rgb } from './boundaryPaint';
import { NEGATIVE, POSITIVE } from './vizColors';

/** Where each map sits in a grid image, in image pixels (one per value), with a gap between maps. */
export interface GridLayout {
  count: number;
  cols: number;
  rows: number;
  mapW: number;
  mapH: number;
  gap: number;
  width: number;
  height: number;
}

export function gridLayout(
  count: number,
  mapW: number,
  mapH: number,
  cols: number,
  gap = 1,
): GridLayout {
  const c = Math.max(1, Math.min(count, cols));
  const rows = Math.max(1, Math.ceil(count / c));
  return {
    count,
    cols: c,
    rows,
    mapW,
    mapH,
    gap,
    width: c * mapW + (c - 1) * gap,
    height: rows * mapH + (rows - 1) * gap,
  };
}

/** The map under image pixel (x, y), and the value's row and column in it; null in a gap. */
export function mapAt(
  layout: GridLayout,
  x: number,
  y: number,
): { map: number; row: number; col: number } | null {
  const stepX = layout.mapW + layout.gap;
  const stepY = layout.mapH + layout.gap;
  if (x < 0 || y < 0) return null;
  const gx = Math.floor(x / stepX);
  const gy = Math.floor(y / stepY);
  const col = Math.floor(x - gx * stepX);
  const row = Math.floor(y - gy * stepY);
  const map = gy * layout.cols + gx;
  if (gx >= layout.cols || col >= layout.mapW || row >= layout.mapH || map >= layout.count)
    return null;
  return { map, row, col };
}

export type Normalisation = 'layer' | 'map';

/** The half-width of each map's colour domain: its own largest magnitude, or the layer's. */
export function mapDomains(
  values: Float32Array,
  count: number,
  mapSize: number,
  normalisation: Normalisation,
): Float32Array {
  const domains = new Float32Array(count);
  let layerMax = 1e-6;
  for (let m = 0; m < count; m++) {
    let max = 1e-6;
    for (let i = m * mapSize; i < (m + 1) * mapSize; i++) max = Math.max(max, Math.abs(values[i]));
    domains[m] = max;
    layerMax = Math.max(layerMax, max);
  }
  if (normalisation === 'layer') domains.fill(layerMax);
  return domains;
}

const GAP: Rgb = [226, 229, 234];

function setPixel(out: Uint8ClampedArray, i: number, r: number, g: number, b: number): void {
  out[4 * i] = r;
  out[4 * i + 1] = g;
  out[4 * i + 2] = b;
  out[4 * i + 3] = 255;
}

/** Pixel i set to the diverging colour of t in [−1, 1]. */
function setDiverging(out: Uint8ClampedArray, i: number, t: number): void {
  const s = Math.max(-1, Math.min(1, Number.isFinite(t) ? t : 0));
  const [r, g, b] = s < 0 ? NEGATIVE : POSITIVE;
  const a = Math.abs(s);
  setPixel(out, i, 255 + (r - 255) * a, 255 + (g - 255) * a, 255 + (b - 255) * a);
}

/** The CSS colour of value v on the diverging scale of half-width `domain` (for legends). */
export function divergingCss(v: number, domain: number): string {
  const px = new Uint8ClampedArray(4);
  setDiverging(px, 0, v / domain);
  return `rgb(${px[0]}, ${px[1]}, ${px[2]})`;
}

/**
 * `layout.count` maps of mapW × mapH values each (one after another in `values`) into the
 * layout's RGBA image `out` (width × height pixels), map m scaled to ±domains[m].
 */
export function paintMapGrid(
  values: Float32Array,
  layout: GridLayout,
  domains: Float32Array,
  out: Uint8ClampedArray,
): void {
  for (let i = 0; i < layout.width * layout.height; i++) setPixel(out, i, ...GAP);
  const mapSize = layout.mapW * layout.mapH;
  for (let m = 0; m < layout.count; m++) {
    const x0 = (m % layout.cols) * (layout.mapW + layout.gap);
    const y0 = Math.floor(m / layout.cols) * (layout.mapH + layout.gap);
    const domain = domains[m];
    for (let r = 0; r < layout.mapH; r++) {
      for (let c = 0; c < layout.mapW; c++) {
        const v = values[m * mapSize + r * layout.mapW + c];
        setDiverging(out, (y0 + r) * layout.width + x0 + c, v / domain);
      }
    }
  }
}

/**
 * Colour kernels ([count, 3, k, k]) as RGB images into a grid image: each channel's weight
 * mapped to 128 ± 127 over ±domains[m], so grey is zero and a kernel that wants red is red.
 */
export function paintRgbGrid(
  values: Float32Array,
  layout: GridLayout,
  domains: Float32Array,
  out: Uint8ClampedArray,
): void {
  for (let i = 0; i < layout.width * layout.height; i++) setPixel(out, i, ...GAP);
  const plane = layout.mapW * layout.mapH;
  const level = (v: number, d: number) => 128 + 127 * Math.max(-1, Math.min(1, v / d));
  for (let m = 0; m < layout.count; m++) {
    const x0 = (m % layout.cols) * (layout.mapW + layout.gap);
    const y0 = Math.floor(m / layout.cols) * (layout.mapH + layout.gap);
    const base = m * 3 * plane;
    for (let r = 0; r < layout.mapH; r++) {
      for (let c = 0; c < layout.mapW; c++) {
        const j = r * layout.mapW + c;
        const d = domains[m];
        setPixel(
          out,
          (y0 + r) * layout.width + x0 + c,
          level(values[base + j], d),
          level(values[base + plane + j], d),
          level(values[base + 2 * plane + j], d),
        );
      }
    }
  }
}

/**
 * An input image (raw grey levels 0–255, [channels, h, w]) as RGBA: one channel dark on white
 * (`ink`, as the data preview shows MNIST's digits) or as it is (a grey photo of one's own);
 * three channels as their colours.
 */
export function paintInput(
  values: ArrayLike<number>,
  channels: number,
  size: number,
  out: Uint8ClampedArray,
  ink = true,
): void {
  for (let i = 0; i < size; i++) {
    if (channels === 3) setPixel(out, i, values[i], values[size + i], values[2 * size + i]);
    else {
      const v = ink ? 255 - values[i] : values[i];
      setPixel(out, i, v, v, v);
    }
  }
}

/** The saliency heat map's colour at t in [0, 1]: white through amber to deep red. */
export function heatRgb(t: number): Rgb {
  const s = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0));
  if (s < 0.5) {
    const u = s / 0.5;
    return [255, 255 - 75 * u, 255 - 220 * u];
  }
  const u = (s - 0.5) / 0.5;
  return [255 - 95 * u, 180 - 160 * u, 35 - 15 * u];
}

/**
 * The saliency as a heat map: per pixel the largest |∂score/∂x| over the channels, scaled to
 * the image's largest. Returns that largest (the legend's top).
 */
export function paintSaliency(
  gradient: Float32Array,
  channels: number,
  size: number,
  out: Uint8ClampedArray,
): number {
  let max = 1e-12;
  const magnitude = (i: number) => {
    let m = 0;
    for (let c = 0; c < channels; c++) m = Math.max(m, Math.abs(gradient[c * size + i]));
    return m;
  };
  for (let i = 0; i < size; i++) max = Math.max(max, magnitude(i));
  for (let i = 0; i < size; i++) setPixel(out, i, ...heatRgb(magnitude(i) / max));
  return max;
}
