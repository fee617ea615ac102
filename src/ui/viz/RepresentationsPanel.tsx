// Representations (t-SNE): how one layer of the network sees the test images. Capture takes the
// layer's activations on the first N test images with the current weights (the engine worker,
// without disturbing the run); the map below lays them out with t-SNE or PCA, coloured by the
// true class. Early in training a hidden layer's map is much like the pixels' ('input'); as the
// network learns, the classes pull apart. Capture again later and "Re-run from this layout"
// to watch that happen from the same starting picture.
import { useEffect, useMemo, useState } from 'react';
import { inferShapes } from '../../engine/spec/inferShapes';
import { isLossOp } from '../../engine/spec/ops';
import type { LayerActivations } from '../../workers/representations';
import { getEngine } from '../app/engineClient';
import { useAppStore } from '../store/store';
import { EmbeddingMap } from '../tsne/EmbeddingMap';
import { publishMapSource } from '../tsne/mapLive';

const COUNTS = [500, 1000, 2000, 5000];
const ACTIVATIONS = new Set(['relu', 'leakyRelu', 'tanh', 'sigmoid']);

interface LayerChoice {
  id: string;
  op: string;
  label: string;
}

export function RepresentationsPanel() {
  const images = useAppStore((s) => s.spec.data.dataset !== 'toy');
  const model = useAppStore((s) => s.spec.model);
  const step = useAppStore((s) => s.run.step);
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const [count, setCount] = useState(1000);
  const [acts, setActs] = useState<LayerActivations | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const layers = useMemo<LayerChoice[]>(() => {
    const report = inferShapes(model);
    const out: LayerChoice[] = [];
    for (const id of report.order) {
      const info = report.nodes.get(id);
      if (info === undefined || isLossOp(info.op)) continue;
      const size = info.shape.reduce((a, b) => a * b, 1);
      const shape = info.shape.join('×');
      out.push({
        id: info.op === 'input' ? 'input' : id,
        op: info.op,
        label:
          info.op === 'input'
            ? `input (the pixels, ${size} values)`
            : id === info.op
              ? `${id} (${shape})`
              : `${id} · ${info.op} (${shape})`,
      });
    }
    return out;
  }, [model]);
  // The last hidden activation is the most telling default: the network's own features.
  const fallback =
    [...layers].reverse().find((l) => ACTIVATIONS.has(l.op))?.id ??
    layers[layers.length - 1]?.id ??
    'input';
  const layer = chosen !== null && layers.some((l) => l.id === chosen) ? chosen : fallback;

  const capture = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await getEngine().layerActivations(layer, count);
      if (result === null) setError('Load a model first (press Train or Step).');
      else setActs(result);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  // Which layer and training step the map's vectors are, for a lesson's checks.
  useEffect(() => {
    if (acts !== null)
      publishMapSource('representations-map', {
        vectors: acts.values,
        layer: acts.nodeId,
        step: acts.step,
      });
  }, [acts]);

  const labels = useMemo(
    () =>
      acts === null
        ? []
        : Array.from(acts.labels, (c, i) => `${acts.classNames[c] ?? c} · test image #${i + 1}`),
    [acts],
  );

  if (!images) return null;
  return (
    <section
      className={`panel insight-panel insight-wide${open ? '' : ' closed'}`}
      aria-label="Representations (t-SNE)"
      data-testid="insight-representations"
    >
      <header className="insight-head">
        <button
          type="button"
          className="insight-toggle"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          data-testid="insight-toggle-representations"
        >
          <span className="insight-caret" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          <h2 className="panel-title">Representations (t-SNE)</h2>
        </button>
      </header>
      {open && (
        <>
          <p className="embedding-map-note">
            A layer&apos;s activations on test images, mapped to 2-D and coloured by their true
            class. Capture, press Run; train on, capture again and press &ldquo;Re-run from this
            layout&rdquo; to see the classes separate.
          </p>
          <div className="embedding-map-controls">
            <label>
              Layer{' '}
              <select
                value={layer}
                onChange={(e) => setChosen(e.target.value)}
                data-testid="representations-layer"
              >
                {layers.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Test images{' '}
              <select
                value={count}
                onChange={(e) => setCount(Number(e.target.value))}
                data-testid="representations-count"
              >
                {COUNTS.map((c) => (
                  <option key={c} value={c}>
                    {c.toLocaleString('en')}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              onClick={() => void capture()}
              disabled={busy}
              data-testid="representations-capture"
            >
              {busy ? 'Capturing…' : `Capture at step ${step.toLocaleString('en')}`}
            </button>
            {acts && (
              <span className="embedding-map-muted" data-testid="representations-captured">
                {acts.nodeId === 'input' ? 'pixels' : acts.nodeId} at step{' '}
                {acts.step.toLocaleString('en')}: {acts.count.toLocaleString('en')} images ×{' '}
                {acts.dim} values
              </span>
            )}
            {error && <span className="embedding-map-error">{error}</span>}
          </div>
          {acts && (
            <EmbeddingMap
              vectors={acts.values}
              dim={acts.dim}
              labels={labels}
              groups={acts.labels}
              groupNames={acts.classNames}
              labelMode="hover"
              testId="representations-map"
            />
          )}
        </>
      )}
    </section>
  );
}
