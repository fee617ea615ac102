// Feature maps: for the probe input, every convolution's and pooling layer's activation maps as
// a grid of small images (and every element-wise layer after them), and each dense layer's
// activations as a strip, live while training. Maps share a colour scale per layer or each has
// its own; pointing reads a value; clicking a map enlarges it. A layer selected in the graph
// editor is highlighted here, and clicking a layer's name selects it there.
import { useCallback, useMemo, useState } from 'react';
import type { ProbeFrame } from '../../engine/analysis/insightFrames';
import { useAppStore } from '../store/store';
import { ActivationStrip } from './ActivationStrip';
import { InsightPanel } from './InsightPanel';
import { formatValue, MapGrid } from './MapGrid';
import type { Normalisation } from './mapPaint';
import { ProbeInputBar } from './ProbeInputBar';

const GRID_WIDTH = 660;
const STRIP_WIDTH = 560;

interface LayerLayout {
  nodeId: string;
  op: string;
  shape: number[];
}

/** What the rows depend on, as one string, so the panel re-renders only when it changes. */
function layoutKey(frame: ProbeFrame | null): string {
  if (frame === null) return '';
  return JSON.stringify(frame.result.activations.map((a) => [a.nodeId, a.op, a.shape]));
}

function LayerName({ layer, selected }: { layer: LayerLayout; selected: boolean }) {
  const select = useAppStore((s) => s.setSelection);
  return (
    <button
      type="button"
      className={`layer-name${selected ? ' selected' : ''}`}
      onClick={() => select({ nodes: [layer.nodeId] })}
      title="Select this layer in the graph editor"
    >
      <b>{layer.nodeId}</b> <span>{layer.op}</span>{' '}
      <span className="layer-shape">{layer.shape.join('×')}</span>
    </button>
  );
}

function mapsOf(nodeId: string) {
  return (frame: ProbeFrame) =>
    frame.result.activations.find((a) => a.nodeId === nodeId)?.values ?? null;
}

function LayerRow({
  layer,
  normalisation,
  onHover,
  onPick,
}: {
  layer: LayerLayout;
  normalisation: Normalisation;
  onHover: (text: string | null) => void;
  onPick: (nodeId: string, map: number) => void;
}) {
  const selected = useAppStore((s) => s.selectedNodeIds.includes(layer.nodeId));
  const extract = useMemo(() => mapsOf(layer.nodeId), [layer.nodeId]);
  const describe = useCallback(
    (map: number, row: number, col: number, v: number) =>
      `${layer.nodeId} map ${map + 1}, row ${row + 1}, column ${col + 1}: ${formatValue(v)}`,
    [layer.nodeId],
  );
  const image = layer.shape.length === 3;
  return (
    <div
      className={`layer-row${selected ? ' selected' : ''}`}
      data-testid={`layer-${layer.nodeId}`}
      data-selected={selected}
    >
      <LayerName layer={layer} selected={selected} />
      {image ? (
        <MapGrid
          extract={extract}
          count={layer.shape[0]}
          mapH={layer.shape[1]}
          mapW={layer.shape[2]}
          cols={Math.min(layer.shape[0], 16)}
          normalisation={normalisation}
          maxWidth={GRID_WIDTH}
          maxHeight={200}
          maxScale={Math.max(4, Math.floor(48 / layer.shape[2]))}
          describe={describe}
          onHover={onHover}
          onPick={(map) => onPick(layer.nodeId, map)}
          testId={`maps-${layer.nodeId}`}
          label={`${layer.nodeId}: ${layer.shape[0]} activation maps`}
        />
      ) : (
        <ActivationStrip
          nodeId={layer.nodeId}
          units={layer.shape[0]}
          maxWidth={STRIP_WIDTH}
          onHover={onHover}
          label={`${layer.nodeId}: ${layer.shape[0]} activations`}
        />
      )}
    </div>
  );
}

function EnlargedMap({
  nodeId,
  map,
  shape,
  normalisation,
  onClose,
}: {
  nodeId: string;
  map: number;
  shape: number[];
  normalisation: Normalisation;
  onClose: () => void;
}) {
  const [hover, setHover] = useState<string | null>(null);
  const [, h, w] = shape;
  const extract = useCallback(
    (frame: ProbeFrame) => {
      const a = frame.result.activations.find((x) => x.nodeId === nodeId);
      return a === undefined ? null : a.values.subarray(map * h * w, (map + 1) * h * w);
    },
    [nodeId, map, h, w],
  );
  // Shared by the layer: the same colours as in the grid.
  const domainOf = useCallback(
    (frame: ProbeFrame) => {
      const a = frame.result.activations.find((x) => x.nodeId === nodeId);
      let max = 1e-6;
      for (const v of a?.values ?? []) max = Math.max(max, Math.abs(v));
      return max;
    },
    [nodeId],
  );
  const describe = useCallback(
    (_m: number, row: number, col: number) => {
      const a = useAppStore.getState().probe?.result.activations.find((x) => x.nodeId === nodeId);
      const v = a?.values[map * h * w + row * w + col] ?? NaN;
      return `row ${row + 1}, column ${col + 1}: ${formatValue(v)}`;
    },
    [nodeId, map, h, w],
  );
  return (
    <div
      className="map-overlay"
      role="dialog"
      aria-label={`${nodeId} map ${map + 1}`}
      onClick={onClose}
    >
      <div className="map-enlarged panel" onClick={(e) => e.stopPropagation()}>
        <header>
          <b>
            {nodeId} · map {map + 1} of {shape[0]}
          </b>
          <button type="button" className="button" onClick={onClose} autoFocus>
            Close
          </button>
        </header>
        <MapGrid
          extract={extract}
          count={1}
          mapH={h}
          mapW={w}
          cols={1}
          normalisation="map"
          domainOf={normalisation === 'layer' ? domainOf : undefined}
          maxWidth={336}
          maxScale={48}
          describe={describe}
          onHover={setHover}
          testId="map-enlarged"
          label={`${nodeId} map ${map + 1}, enlarged`}
        />
        <p className="map-hover">{hover ?? 'Point at the map to read its values.'}</p>
      </div>
    </div>
  );
}

export function FeatureMapsPanel() {
  const layout = useAppStore((s) => layoutKey(s.probe));
  const layers = useMemo<LayerLayout[]>(
    () =>
      layout === ''
        ? []
        : (JSON.parse(layout) as [string, string, number[]][]).map(([nodeId, op, shape]) => ({
            nodeId,
            op,
            shape,
          })),
    [layout],
  );
  const [normalisation, setNormalisation] = useState<Normalisation>('layer');
  const [hover, setHover] = useState<string | null>(null);
  const [enlarged, setEnlarged] = useState<{ nodeId: string; map: number } | null>(null);
  const select = useAppStore((s) => s.setSelection);
  const pick = useCallback(
    (nodeId: string, map: number) => {
      select({ nodes: [nodeId] });
      setEnlarged({ nodeId, map });
    },
    [select],
  );
  const enlargedShape = layers.find((l) => l.nodeId === enlarged?.nodeId)?.shape;

  const aside = (
    <div className="insight-options">
      <label>
        Colour scale{' '}
        <select
          value={normalisation}
          onChange={(e) => setNormalisation(e.target.value as Normalisation)}
          data-testid="maps-normalisation"
        >
          <option value="layer">shared by the layer</option>
          <option value="map">per map</option>
        </select>
      </label>
    </div>
  );

  return (
    <InsightPanel name="featureMaps" title="Feature maps" aside={aside} wide>
      <ProbeInputBar />
      <div className="maps-legend">
        <span className="map-gradient" aria-hidden="true" />
        <span>
          Orange below zero, white at zero, blue above;{' '}
          {normalisation === 'layer'
            ? 'one scale per layer'
            : 'each map to its own largest |value|'}
          . Click a map to enlarge it, a layer’s name to select it in the graph.
        </span>
      </div>
      <p className="map-hover" data-testid="maps-hover">
        {hover ?? 'Point at a map to read its values.'}
      </p>
      <div className="layer-rows">
        {layers.length === 0 && (
          <p className="insight-empty">The maps appear here once the model is compiled.</p>
        )}
        {layers.map((layer) => (
          <LayerRow
            key={layer.nodeId}
            layer={layer}
            normalisation={normalisation}
            onHover={setHover}
            onPick={pick}
          />
        ))}
      </div>
      {enlarged && enlargedShape && enlargedShape.length === 3 && (
        <EnlargedMap
          nodeId={enlarged.nodeId}
          map={enlarged.map}
          shape={enlargedShape}
          normalisation={normalisation}
          onClose={() => setEnlarged(null)}
        />
      )}
    </InsightPanel>
  );
}
