// A dense layer's activations as one strip of cells on a canvas, a cell per unit on the same
// diverging scale as the maps, scaled to the strip's largest magnitude; pointing reads a unit.
import { useCallback, useMemo, useState, type MouseEvent } from 'react';
import type { ProbeFrame } from '../../engine/analysis/insightFrames';
import { useAppStore, type AppState } from '../store/store';
import { formatValue } from './MapGrid';
import { gridLayout, mapDomains, paintMapGrid } from './mapPaint';
import { fitCanvas } from './planeCanvas';
import { PixelImage } from './pixelImage';
import { useStoreDrawing } from './useStoreDrawing';

const HEIGHT = 16;
const selectProbe = (s: AppState) => s.probe;

export function ActivationStrip({
  nodeId,
  units,
  maxWidth,
  onHover,
  label,
}: {
  nodeId: string;
  units: number;
  maxWidth: number;
  onHover: (text: string | null) => void;
  label: string;
}) {
  const cell = Math.max(1, Math.min(14, maxWidth / units));
  const width = Math.round(cell * units);
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  const image = useMemo(() => new PixelImage(), []);
  const layout = useMemo(() => gridLayout(1, units, 1, 1), [units]);
  const valuesOf = useCallback(
    (frame: ProbeFrame | null) =>
      frame?.result.activations.find((a) => a.nodeId === nodeId)?.values ?? null,
    [nodeId],
  );
  const draw = useCallback(
    (frame: ProbeFrame | null) => {
      if (canvas === null) return;
      const ctx = fitCanvas(canvas, width, HEIGHT);
      const values = valuesOf(frame);
      if (ctx === null) return;
      ctx.clearRect(0, 0, width, HEIGHT);
      if (values === null) return;
      paintMapGrid(values, layout, mapDomains(values, 1, units, 'layer'), image.pixels(units, 1));
      image.draw(ctx, 0, 0, width, HEIGHT);
    },
    [canvas, width, valuesOf, layout, units, image],
  );
  useStoreDrawing(selectProbe, draw);
  const onPointerMove = (e: MouseEvent<HTMLCanvasElement>) => {
    const values = valuesOf(useAppStore.getState().probe);
    const unit = Math.floor((e.clientX - e.currentTarget.getBoundingClientRect().left) / cell);
    onHover(
      values === null || unit < 0 || unit >= units
        ? null
        : `${nodeId} unit ${unit + 1}: ${formatValue(values[unit])}`,
    );
  };
  return (
    <canvas
      ref={setCanvas}
      className="activation-strip"
      style={{ width, height: HEIGHT }}
      role="img"
      aria-label={label}
      data-testid={`strip-${nodeId}`}
      onPointerMove={onPointerMove}
      onPointerLeave={() => onHover(null)}
    />
  );
}
