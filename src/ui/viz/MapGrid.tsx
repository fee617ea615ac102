// A grid of small images on one canvas — one layer's activation maps, or its kernels — painted
// from the store's latest probe frame on animation frames, each value a crisp square. Pointing
// reads a value out; clicking picks a map. The colour domain of the latest frame is written into
// the legend without a React render.
import { useCallback, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { ProbeFrame } from '../../engine/analysis/insightFrames';
import { useAppStore, type AppState } from '../store/store';
import {
  gridLayout,
  mapAt,
  mapDomains,
  paintMapGrid,
  paintRgbGrid,
  type GridLayout,
  type Normalisation,
} from './mapPaint';
import { fitCanvas } from './planeCanvas';
import { PixelImage } from './pixelImage';
import { useStoreDrawing } from './useStoreDrawing';

export interface MapGridProps {
  /** The maps' values in the frame (count × mapH × mapW, or × 3 planes for RGB), or null. */
  extract: (frame: ProbeFrame) => Float32Array | null;
  count: number;
  mapW: number;
  mapH: number;
  cols: number;
  rgb?: boolean;
  normalisation: Normalisation;
  /** A colour domain of the caller's for every map (the layer's, for one map shown alone). */
  domainOf?: (frame: ProbeFrame) => number;
  maxWidth: number;
  maxHeight?: number;
  /** The largest on-screen pixels per value. */
  maxScale?: number;
  /** Names a value under the pointer: map, row, column and the value itself. */
  describe: (map: number, row: number, col: number, value: number) => string;
  onHover: (text: string | null) => void;
  onPick?: (map: number) => void;
  testId: string;
  label: string;
}

const selectProbe = (s: AppState) => s.probe;

export function formatValue(v: number): string {
  const a = Math.abs(v);
  const s = a !== 0 && (a < 0.01 || a >= 1000) ? v.toExponential(2) : v.toFixed(3);
  return s.replace('-', '−');
}

function scaleFor(layout: GridLayout, p: MapGridProps): number {
  const byWidth = Math.floor(p.maxWidth / layout.width);
  const byHeight = p.maxHeight ? Math.floor(p.maxHeight / layout.height) : byWidth;
  return Math.max(1, Math.min(p.maxScale ?? 12, byWidth, byHeight));
}

export function MapGrid(props: MapGridProps) {
  const {
    extract,
    count,
    mapW,
    mapH,
    cols,
    rgb,
    normalisation,
    domainOf,
    describe,
    onHover,
    onPick,
  } = props;
  const layout = useMemo(() => gridLayout(count, mapW, mapH, cols), [count, mapW, mapH, cols]);
  const scale = scaleFor(layout, props);
  const width = layout.width * scale;
  const height = layout.height * scale;
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  const legend = useRef<HTMLSpanElement>(null);
  const image = useMemo(() => new PixelImage(), []);

  const draw = useCallback(
    (frame: ProbeFrame | null) => {
      if (canvas === null) return;
      const ctx = fitCanvas(canvas, width, height);
      if (ctx === null) return;
      const values = frame === null ? null : extract(frame);
      if (values === null) {
        ctx.clearRect(0, 0, width, height);
        return;
      }
      const planes = rgb ? 3 : 1;
      const domains = mapDomains(values, count, planes * mapW * mapH, normalisation);
      if (domainOf) domains.fill(domainOf(frame!));
      const pixels = image.pixels(layout.width, layout.height);
      if (rgb) paintRgbGrid(values, layout, domains, pixels);
      else paintMapGrid(values, layout, domains, pixels);
      image.draw(ctx, 0, 0, width, height);
      if (legend.current) {
        legend.current.textContent =
          normalisation === 'layer' || domainOf
            ? `±${formatValue(domains[0] ?? 0).replace('−', '')}`
            : 'each map to its own largest |value|';
      }
    },
    [
      canvas,
      width,
      height,
      extract,
      rgb,
      count,
      mapW,
      mapH,
      normalisation,
      domainOf,
      image,
      layout,
    ],
  );
  useStoreDrawing(selectProbe, draw);

  // (The store is read directly in handlers: the latest frame, not the one of the last render.)
  const at = (e: MouseEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return mapAt(layout, (e.clientX - rect.left) / scale, (e.clientY - rect.top) / scale);
  };
  const onPointerMove = (e: MouseEvent<HTMLCanvasElement>) => {
    const hit = at(e);
    const frame = selectProbe(useAppStore.getState());
    const values = frame === null ? null : extract(frame);
    if (hit === null || values === null) {
      onHover(null);
      return;
    }
    const planeSize = mapW * mapH;
    const index = hit.map * (rgb ? 3 : 1) * planeSize + hit.row * mapW + hit.col;
    onHover(describe(hit.map, hit.row, hit.col, values[index]));
  };

  return (
    <div className="map-grid">
      <canvas
        ref={setCanvas}
        style={{ width, height, cursor: onPick ? 'pointer' : 'crosshair' }}
        role="img"
        aria-label={props.label}
        data-testid={props.testId}
        data-maps={count}
        onPointerMove={onPointerMove}
        onPointerLeave={() => onHover(null)}
        onClick={(e) => {
          const hit = at(e);
          if (hit !== null) onPick?.(hit.map);
        }}
      />
      <span className="map-legend">
        <span className="map-gradient" aria-hidden="true" />
        <span ref={legend} className="map-domain" />
      </span>
    </div>
  );
}
