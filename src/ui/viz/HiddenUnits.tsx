// A mini map per hidden unit of a small dense net, one row per layer: what each unit computes
// over the input plane (its activation on a diverging scale), as TensorFlow Playground shows in
// its nodes. Each map is scaled to its own unit, so the pattern of a unit with small outputs
// still shows, but to no less than a quarter of its layer's largest magnitude, so a unit that
// barely responds stays pale instead of being blown up to full colour.
import { useCallback, useMemo, useRef } from 'react';
import type { BoundaryFrame, HiddenUnitMaps } from '../../engine/analysis/decisionBoundary';
import { maxMagnitude, paintValues } from './boundaryPaint';
import { CellImage, fitCanvas } from './planeCanvas';
import { NEGATIVE, POSITIVE } from './vizColors';
import { useFrameDrawing } from './useFrameDrawing';

/** Side of one unit's map, in CSS pixels. */
const MAP = 30;
/** The smallest colour domain of a unit, as a share of its layer's largest magnitude. */
const LAYER_SHARE = 0.25;

function paintUnits(
  frame: BoundaryFrame | null,
  canvases: Map<string, HTMLCanvasElement>,
  image: CellImage,
  discretize: boolean,
): void {
  const hidden = frame?.hidden;
  if (!hidden) return;
  const cells = hidden.resolution * hidden.resolution;
  for (const layer of hidden.layers) {
    const floor = LAYER_SHARE * maxMagnitude(layer.values);
    for (let u = 0; u < layer.units; u++) {
      const canvas = canvases.get(`${layer.nodeId}:${u}`);
      const ctx = canvas && fitCanvas(canvas, MAP, MAP);
      if (!ctx) continue;
      const domain = maxMagnitude(layer.values.subarray(u * cells, (u + 1) * cells), floor);
      const pixels = image.pixels(hidden.resolution);
      paintValues(layer.values, u * cells, cells, domain, NEGATIVE, POSITIVE, discretize, pixels);
      image.draw(ctx, 0, 0, MAP);
    }
  }
}

export function HiddenUnits({
  layers,
  discretize,
}: {
  layers: HiddenUnitMaps['layers'];
  discretize: boolean;
}) {
  const canvases = useRef(new Map<string, HTMLCanvasElement>());
  const image = useMemo(() => new CellImage(), []);
  const draw = useCallback(
    (frame: BoundaryFrame | null) => paintUnits(frame, canvases.current, image, discretize),
    [image, discretize],
  );
  useFrameDrawing(draw);

  return (
    <div className="hidden-units" data-testid="hidden-units">
      <div className="toy-legend-title">
        Hidden units: what each computes over the plane (orange below zero, blue above)
      </div>
      {layers.map((layer) => (
        <div className="hidden-layer" key={layer.nodeId}>
          <div className="hidden-layer-label">
            Layer {layer.layer}{' '}
            <span>
              · {layer.activation} · {layer.units} units
            </span>
          </div>
          <div className="hidden-layer-units">
            {Array.from({ length: layer.units }, (_, u) => (
              <figure className="hidden-unit" key={u}>
                <canvas
                  ref={(el) => {
                    const key = `${layer.nodeId}:${u}`;
                    if (el) canvases.current.set(key, el);
                    else canvases.current.delete(key);
                  }}
                  style={{ width: MAP, height: MAP }}
                  role="img"
                  aria-label={`Layer ${layer.layer}, unit ${u + 1} (${layer.activation})`}
                  title={`Layer ${layer.layer}, unit ${u + 1} (${layer.activation})`}
                  data-testid="hidden-unit-map"
                />
                <figcaption>{u + 1}</figcaption>
              </figure>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
