// Filters: what each layer with kernels has learned, live. The first layer's kernels are images
// in pixel space (RGB for colour inputs; for MNIST, the edge and stroke detectors a trained
// LeNet-5 grows); a deeper layer's are a grid with a row per filter and a column per input
// channel. A dense layer that reads the image directly shows each unit's weights as an image.
import { useCallback, useMemo, useState } from 'react';
import type { ProbeFrame } from '../../engine/analysis/insightFrames';
import { useAppStore } from '../store/store';
import { InsightPanel } from './InsightPanel';
import { formatValue, MapGrid } from './MapGrid';
import type { Normalisation } from './mapPaint';

interface FilterLayout {
  nodeId: string;
  op: string;
  shape: number[];
  first: boolean;
}

function layoutKey(frame: ProbeFrame | null): string {
  if (frame === null) return '';
  return JSON.stringify(frame.result.filters.map((f) => [f.nodeId, f.op, f.shape, f.first]));
}

function FilterLayer({
  layer,
  normalisation,
  onHover,
}: {
  layer: FilterLayout;
  normalisation: Normalisation;
  onHover: (text: string | null) => void;
}) {
  const [out, inC, kH, kW] = layer.shape;
  const rgb = layer.first && inC === 3;
  const image = layer.first && (inC === 1 || rgb);
  // An image per filter, or one per filter and input channel.
  const count = image ? out : out * inC;
  const cols = image ? Math.min(out, layer.op === 'dense' ? 16 : 12) : inC;
  const selected = useAppStore((s) => s.selectedNodeIds.includes(layer.nodeId));
  const select = useAppStore((s) => s.setSelection);
  const extract = useCallback(
    (frame: ProbeFrame) =>
      frame.result.filters.find((f) => f.nodeId === layer.nodeId)?.values ?? null,
    [layer.nodeId],
  );
  const describe = useCallback(
    (map: number, row: number, col: number, v: number) => {
      const which = image
        ? `filter ${map + 1}`
        : `filter ${Math.floor(map / inC) + 1}, input channel ${(map % inC) + 1}`;
      return `${layer.nodeId} ${which}, weight (${row + 1}, ${col + 1})${rgb ? ' (red)' : ''}: ${formatValue(v)}`;
    },
    [image, inC, layer.nodeId, rgb],
  );
  const caption = image
    ? `${out} ${layer.op === 'dense' ? 'units' : 'kernels'} of ${kH}×${kW}${rgb ? ', RGB' : ''}`
    : `${out} filters (rows) × ${inC} input channels (columns), ${kH}×${kW}`;
  return (
    <div
      className={`layer-row${selected ? ' selected' : ''}`}
      data-testid={`filters-${layer.nodeId}`}
    >
      <button
        type="button"
        className={`layer-name${selected ? ' selected' : ''}`}
        onClick={() => select({ nodes: [layer.nodeId] })}
        title="Select this layer in the graph editor"
      >
        <b>{layer.nodeId}</b> <span>{caption}</span>
      </button>
      <MapGrid
        extract={extract}
        count={count}
        mapH={kH}
        mapW={kW}
        cols={cols}
        rgb={rgb}
        normalisation={normalisation}
        maxWidth={layer.op === 'dense' ? 560 : 420}
        maxHeight={layer.first ? 260 : 420}
        maxScale={layer.first ? 10 : 6}
        describe={describe}
        onHover={onHover}
        testId={`filter-grid-${layer.nodeId}`}
        label={`${layer.nodeId}: ${caption}`}
      />
    </div>
  );
}

export function FiltersPanel() {
  const layout = useAppStore((s) => layoutKey(s.probe));
  const probed = useAppStore((s) => s.probe !== null);
  const layers = useMemo<FilterLayout[]>(
    () =>
      layout === ''
        ? []
        : (JSON.parse(layout) as [string, string, number[], boolean][]).map(
            ([nodeId, op, shape, first]) => ({ nodeId, op, shape, first }),
          ),
    [layout],
  );
  const [normalisation, setNormalisation] = useState<Normalisation>('map');
  const [hover, setHover] = useState<string | null>(null);
  const aside = (
    <div className="insight-options">
      <label>
        Colour scale{' '}
        <select
          value={normalisation}
          onChange={(e) => setNormalisation(e.target.value as Normalisation)}
          data-testid="filters-normalisation"
        >
          <option value="map">per kernel</option>
          <option value="layer">shared by the layer</option>
        </select>
      </label>
    </div>
  );
  return (
    <InsightPanel name="filters" title="Filters" aside={aside}>
      <div className="maps-legend">
        <span className="map-gradient" aria-hidden="true" />
        <span>Weights: orange negative, white zero, blue positive.</span>
      </div>
      <p className="map-hover">{hover ?? 'Point at a kernel to read its weights.'}</p>
      <div className="layer-rows">
        {layers.length === 0 && (
          <p className="insight-empty">
            {probed
              ? 'This model has no convolution (or dense layer on the image) to show the kernels of.'
              : 'The kernels appear here once the model is compiled.'}
          </p>
        )}
        {layers.map((layer) => (
          <FilterLayer
            key={layer.nodeId}
            layer={layer}
            normalisation={normalisation}
            onHover={setHover}
          />
        ))}
      </div>
    </InsightPanel>
  );
}
