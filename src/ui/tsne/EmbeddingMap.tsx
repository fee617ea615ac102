/**
 * EmbeddingMap — a reusable 2-D map of high-dimensional vectors (t-SNE or PCA), computed in the
 * analysis worker and drawn on a canvas.
 *
 *   <EmbeddingMap vectors={v} dim={100} labels={words} title="Word vectors" />
 *   <EmbeddingMap vectors={acts} dim={128} labels={names} groups={digits}
 *                 groupNames={['0', …, '9']} labelMode="hover" />
 *
 * Props
 * - `vectors`: n × dim values, row i the vector of point i (row-major). Never modified.
 * - `dim`: the vectors' dimension; n = vectors.length / dim.
 * - `labels`: n strings. Drawn beside the points (labelMode 'all'; culled so no two overlap,
 *   earlier points first — so put the most important first, e.g. words by frequency), shown on
 *   hover, and searched by the search box.
 * - `groups` / `groupNames` (optional): a group index per point (−1: none) colours it; the
 *   legend names the groups, and clicking a name highlights that group.
 * - `title`, `labelMode` ('all' | 'hover', default 'all'), `defaultPerplexity` (30),
 *   `defaultIterations` (1000), `height` (pixels, 460), `testId` (prefix of data-testids,
 *   'embedding-map').
 *
 * Behaviour
 * - Nothing runs until a person presses Run (method t-SNE or PCA, perplexity, iterations).
 *   t-SNE streams: the map redraws every few iterations with the iteration and KL divergence.
 *   Exact t-SNE up to 3,000 points, Barnes-Hut above. "Compute on": Auto (the GPU, unless the
 *   browser's WebGPU is a software fallback, slower than JavaScript), GPU or CPU.
 * - Stop ends a run; "Re-run from this layout" runs t-SNE again starting from the map shown
 *   (no early exaggeration) — for vectors that changed (an embedding that trained on), as long
 *   as the number of points is the same. New `vectors` never start a run by themselves; the
 *   map says when what it shows was computed from earlier vectors.
 * - Wheel zooms about the cursor, drag pans, "Fit" goes back to showing everything.
 * - One map runs at a time on a page (they share one worker): starting one stops another.
 */
import * as Comlink from 'comlink';
import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import type { MapDevice, MapFrame, MapMethod } from '../../workers/analysisApi';
import { getAnalysis } from './analysisClient';
import { groupColor } from './mapColors';
import { paintMap } from './mapPaint';
import { fitView, pan, pointAt, searchLabels, zoomAt, type MapView } from './mapView';
import { KlSparkline } from './KlSparkline';
import { publishMap } from './mapLive';
import './embeddingMap.css';

export interface EmbeddingMapProps {
  vectors: Float32Array;
  dim: number;
  labels: string[];
  groups?: Int32Array;
  groupNames?: string[];
  title?: string;
  labelMode?: 'all' | 'hover';
  defaultPerplexity?: number;
  defaultIterations?: number;
  height?: number;
  testId?: string;
}

type RunState = 'idle' | 'running' | 'done' | 'stopped' | 'failed';

interface Readout {
  iteration: number;
  iterations: number;
  kl: number | null;
  exaggerated: boolean;
  algorithm: MapFrame['algorithm'];
  explained: [number, number] | null;
  computedBy: string;
}

const MAX_LABELS = 300;

export function EmbeddingMap({
  vectors,
  dim,
  labels,
  groups,
  groupNames,
  title,
  labelMode = 'all',
  defaultPerplexity = 30,
  defaultIterations = 1000,
  height = 460,
  testId = 'embedding-map',
}: EmbeddingMapProps) {
  const n = dim > 0 ? Math.floor(vectors.length / dim) : 0;
  const [method, setMethod] = useState<MapMethod>('tsne');
  const [perplexity, setPerplexity] = useState(defaultPerplexity);
  const [iterations, setIterations] = useState(defaultIterations);
  const [device, setDevice] = useState<MapDevice>('auto');
  const [query, setQuery] = useState('');
  const [group, setGroup] = useState<number | null>(null);
  const [state, setState] = useState<RunState>('idle');
  const [message, setMessage] = useState<string | null>(null);
  const [readout, setReadout] = useState<Readout | null>(null);
  const [klHistory, setKlHistory] = useState<{ iteration: number; kl: number }[]>([]);
  const [hover, setHover] = useState<{ index: number; x: number; y: number } | null>(null);
  const [width, setWidth] = useState(640);
  /** What the layout on show was computed from (the vectors, so it can say when they change). */
  const [mapped, setMapped] = useState<{ points: number; from: Float32Array } | null>(null);

  const wrapRef = useRef<HTMLDivElement | null>(null);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const layoutRef = useRef<Float32Array | null>(null);
  const viewRef = useRef<MapView | null>(null);
  const autoFit = useRef(true);
  const drag = useRef<{ x: number; y: number } | null>(null);
  const pending = useRef(0);
  const running = useRef(false);

  // Told to readers outside the map (a lesson's checks): how its run stands, and from what.
  useEffect(
    () =>
      publishMap(testId, {
        state,
        iteration: readout?.iteration ?? 0,
        kl: readout?.kl ?? null,
        algorithm: readout?.algorithm ?? null,
        from: mapped?.from ?? null,
      }),
    [testId, state, readout, mapped],
  );

  const highlighted = useMemo(() => {
    const set = searchLabels(labels, query);
    if (group !== null && groups) for (let i = 0; i < n; i++) if (groups[i] === group) set.add(i);
    return set;
  }, [labels, query, group, groups, n]);
  const labelWidths = useMemo(() => new Float32Array(labels.length).fill(-1), [labels]);

  // What the next frame draws is read from refs, so streaming frames need no re-render.
  const scene = useRef({
    highlighted,
    hovered: -1,
    labels,
    groups,
    labelWidths,
    labelMode,
    points: n,
  });

  const draw = useCallback(() => {
    pending.current = 0;
    const canvas = canvasRef.current;
    const s = scene.current;
    // A layout of another number of points than the vectors have now is not shown.
    const layout =
      layoutRef.current !== null && layoutRef.current.length === 2 * s.points
        ? layoutRef.current
        : null;
    if (canvas === null) return;
    const ctx = canvas.getContext('2d');
    if (ctx === null) return;
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (layout === null) {
      ctx.clearRect(0, 0, w, h);
      return;
    }
    if (autoFit.current || viewRef.current === null) viewRef.current = fitView(layout, w, h);
    const placed = paintMap(ctx, {
      layout,
      labels: s.labels,
      groups: s.groups ?? null,
      view: viewRef.current,
      width: w,
      height: h,
      highlighted: s.highlighted,
      hovered: s.hovered,
      labelMode: s.labelMode,
      maxLabels: MAX_LABELS,
      labelWidths: s.labelWidths,
    });
    canvas.dataset.labels = String(placed);
  }, []);

  const requestDraw = useCallback(() => {
    if (pending.current === 0) pending.current = requestAnimationFrame(draw);
  }, [draw]);

  useEffect(() => {
    scene.current = {
      highlighted,
      hovered: hover?.index ?? -1,
      labels,
      groups,
      labelWidths,
      labelMode,
      points: n,
    };
    requestDraw();
  }, [highlighted, hover, labels, groups, labelWidths, labelMode, n, width, requestDraw]);

  useEffect(() => {
    const el = wrapRef.current;
    if (el === null) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return;
    const onWheel = (e: WheelEvent) => {
      if (layoutRef.current === null || viewRef.current === null) return;
      e.preventDefault();
      const rect = canvas.getBoundingClientRect();
      autoFit.current = false;
      viewRef.current = zoomAt(
        viewRef.current,
        e.clientX - rect.left,
        e.clientY - rect.top,
        Math.exp(-e.deltaY * 0.0015),
      );
      requestDraw();
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [requestDraw]);

  useEffect(
    () => () => {
      if (pending.current) cancelAnimationFrame(pending.current);
      if (running.current) void getAnalysis().stop();
    },
    [],
  );

  const run = useCallback(
    async (fromPrevious: boolean) => {
      if (n < 3) return;
      const previous = fromPrevious && layoutRef.current ? layoutRef.current.slice() : null;
      const copy = vectors.slice(0, n * dim);
      const source = vectors;
      running.current = true;
      setState('running');
      setMessage(null);
      if (!fromPrevious) setKlHistory([]);
      if (!fromPrevious) autoFit.current = true;
      let offset = 0;
      const onFrame = (frame: MapFrame) => {
        layoutRef.current = frame.layout;
        setMapped((m) => (m?.from === source ? m : { points: n, from: source }));
        setReadout({
          iteration: frame.iteration + offset,
          iterations: frame.iterations + offset,
          kl: frame.kl,
          exaggerated: frame.exaggerated,
          algorithm: frame.algorithm,
          explained: frame.explained,
          computedBy: frame.computedBy,
        });
        if (frame.kl !== null) {
          const kl = frame.kl;
          setKlHistory((h) => [...h, { iteration: frame.iteration + offset, kl }]);
        }
        requestDraw();
      };
      // A re-run continues the iteration count of the run it refines.
      if (fromPrevious) offset = readout?.algorithm !== 'pca' ? (readout?.iteration ?? 0) : 0;
      const transferables = previous ? [copy.buffer, previous.buffer] : [copy.buffer];
      try {
        const outcome = await getAnalysis().map(
          Comlink.transfer(
            { vectors: copy, dim, method, perplexity, iterations, previous, seed: 1, device },
            transferables,
          ),
          Comlink.proxy(onFrame),
        );
        setState(outcome.state);
        setMessage(outcome.message);
      } catch (error) {
        setState('failed');
        setMessage(error instanceof Error ? error.message : String(error));
      } finally {
        running.current = false;
      }
    },
    [n, dim, vectors, method, perplexity, iterations, device, requestDraw, readout],
  );

  const stop = useCallback(() => {
    void getAnalysis().stop();
  }, []);

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    drag.current = { x: e.clientX, y: e.clientY };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const layout = layoutRef.current;
    const view = viewRef.current;
    if (layout === null || view === null) return;
    if (drag.current !== null) {
      autoFit.current = false;
      viewRef.current = pan(view, e.clientX - drag.current.x, e.clientY - drag.current.y);
      drag.current = { x: e.clientX, y: e.clientY };
      requestDraw();
      return;
    }
    const rect = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    const index = pointAt(layout, view, x, y, 8);
    setHover((h) =>
      index < 0 ? null : h?.index === index ? h : { index, x: Math.min(x, width - 160), y },
    );
  };
  const onPointerUp = () => {
    drag.current = null;
  };

  const matches = query.trim() === '' ? null : searchLabels(labels, query).size;
  const hasLayout = mapped !== null && mapped.points === n;
  const stale = hasLayout && mapped.from !== vectors;
  const canRefine = state !== 'running' && hasLayout;
  const hoverGroup = hover && groups ? groups[hover.index] : -1;

  return (
    <section className="embedding-map" data-testid={testId} aria-label={title ?? 'Embedding map'}>
      {title && <h3 className="embedding-map-title">{title}</h3>}
      <div className="embedding-map-controls">
        <label>
          Method{' '}
          <select
            value={method}
            onChange={(e) => setMethod(e.target.value as MapMethod)}
            disabled={state === 'running'}
            data-testid={`${testId}-method`}
          >
            <option value="tsne">t-SNE</option>
            <option value="pca">PCA</option>
          </select>
        </label>
        {method === 'tsne' && (
          <>
            <label title="The effective number of neighbours each point attends to">
              Perplexity{' '}
              <input
                type="number"
                min={2}
                max={100}
                value={perplexity}
                onChange={(e) => setPerplexity(clamp(Number(e.target.value), 2, 100))}
                disabled={state === 'running'}
                data-testid={`${testId}-perplexity`}
              />
            </label>
            <label>
              Iterations{' '}
              <input
                type="number"
                min={10}
                max={5000}
                step={50}
                value={iterations}
                onChange={(e) => setIterations(clamp(Number(e.target.value), 10, 5000))}
                disabled={state === 'running'}
                data-testid={`${testId}-iterations`}
              />
            </label>
            <label title="Where exact t-SNE runs (Barnes-Hut, above 3,000 points, is always JavaScript)">
              Compute on{' '}
              <select
                value={device}
                onChange={(e) => setDevice(e.target.value as MapDevice)}
                disabled={state === 'running'}
                data-testid={`${testId}-device`}
              >
                <option value="auto">Auto</option>
                <option value="webgpu">GPU (WebGPU)</option>
                <option value="cpu">CPU</option>
              </select>
            </label>
          </>
        )}
        <button
          type="button"
          onClick={() => void run(false)}
          disabled={state === 'running' || n < 3}
          data-testid={`${testId}-run`}
        >
          Run
        </button>
        <button
          type="button"
          onClick={stop}
          disabled={state !== 'running'}
          data-testid={`${testId}-stop`}
        >
          Stop
        </button>
        {method === 'tsne' && (
          <button
            type="button"
            onClick={() => void run(true)}
            disabled={!canRefine}
            title="Run t-SNE again starting from the map shown (for vectors that have changed)"
            data-testid={`${testId}-rerun`}
          >
            Re-run from this layout
          </button>
        )}
        <button
          type="button"
          onClick={() => {
            autoFit.current = true;
            requestDraw();
          }}
          disabled={!hasLayout}
        >
          Fit
        </button>
        <input
          type="search"
          className="embedding-map-search"
          placeholder="Search labels"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label="Search labels"
          data-testid={`${testId}-search`}
        />
        {matches !== null && (
          <span className="embedding-map-muted" data-testid={`${testId}-matches`}>
            {matches} match{matches === 1 ? '' : 'es'}
          </span>
        )}
      </div>
      <div className="embedding-map-readout" data-testid={`${testId}-readout`}>
        <span data-testid={`${testId}-status`} data-state={state}>
          {statusText(state, n)}
        </span>
        {hasLayout && readout && readout.algorithm !== 'pca' && (
          <>
            <span data-testid={`${testId}-iteration`} data-value={readout.iteration}>
              iteration {readout.iteration} / {readout.iterations}
            </span>
            <span data-testid={`${testId}-kl`} data-value={readout.kl ?? ''}>
              KL divergence {readout.kl === null ? '—' : readout.kl.toFixed(4)}
              {readout.exaggerated ? ' (early exaggeration: it may rise)' : ''}
            </span>
            <KlSparkline points={klHistory} />
          </>
        )}
        {readout && readout.algorithm === 'pca' && readout.explained && (
          <span data-testid={`${testId}-explained`}>
            PCA: axes explain {(100 * readout.explained[0]).toFixed(1)} % and{' '}
            {(100 * readout.explained[1]).toFixed(1)} % of the variance
          </span>
        )}
        {readout && (
          <span className="embedding-map-muted" data-testid={`${testId}-computed`}>
            {readout.algorithm === 'pca'
              ? ''
              : readout.algorithm === 'exact'
                ? 'exact t-SNE'
                : 'Barnes-Hut t-SNE (θ = 0.5)'}{' '}
            on {readout.computedBy}
          </span>
        )}
        {stale && state !== 'running' && (
          <span className="embedding-map-stale" data-testid={`${testId}-stale`}>
            The vectors have changed since this map: Run, or Re-run from this layout.
          </span>
        )}
        {message && <span className="embedding-map-error">{message}</span>}
      </div>
      <div className="embedding-map-canvas-wrap" ref={wrapRef} style={{ height }}>
        <canvas
          ref={canvasRef}
          className="embedding-map-canvas"
          style={{ width: '100%', height }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerLeave={() => {
            drag.current = null;
            setHover(null);
          }}
          data-testid={`${testId}-canvas`}
          aria-label={`${title ?? 'Embedding map'}: ${n} points`}
        />
        {!hasLayout && (
          <div className="embedding-map-empty">
            {n < 3 ? 'Nothing to map yet.' : `${n} points of dimension ${dim}: press Run.`}
          </div>
        )}
        {hover && (
          <div
            className="embedding-map-tooltip"
            style={{ left: hover.x + 12, top: hover.y + 8 }}
            data-testid={`${testId}-tooltip`}
          >
            <b>{labels[hover.index]}</b>
            {hoverGroup >= 0 && groupNames?.[hoverGroup] !== undefined && (
              <span> · {groupNames[hoverGroup]}</span>
            )}
          </div>
        )}
      </div>
      {groups && groupNames && groupNames.length > 0 && (
        <ul className="embedding-map-legend" data-testid={`${testId}-legend`}>
          {groupNames.map((name, g) => (
            <li key={g}>
              <button
                type="button"
                className={group === g ? 'active' : ''}
                onClick={() => setGroup(group === g ? null : g)}
                title="Highlight this group"
              >
                <span className="swatch" style={{ background: groupColor(g) }} />
                {name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function clamp(v: number, lo: number, hi: number): number {
  return Number.isFinite(v) ? Math.max(lo, Math.min(hi, Math.round(v))) : lo;
}

function statusText(state: RunState, n: number): string {
  switch (state) {
    case 'idle':
      return `${n} points`;
    case 'running':
      return 'running…';
    case 'done':
      return 'done';
    case 'stopped':
      return 'stopped';
    case 'failed':
      return 'failed';
  }
}
