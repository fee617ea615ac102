// What each EmbeddingMap on the page last did, and what the vectors it was given stand for, for
// readers outside the map (a lesson's checks): the run's state, iteration and KL divergence, the
// vectors the layout on show was computed from, and, where the owner of those vectors says so,
// which layer they came from and at which training step. A map and its source are keyed by the
// map's testId ('representations-map', 'words-map').

export type MapRunState = 'idle' | 'running' | 'done' | 'stopped' | 'failed';

export interface MapLive {
  state: MapRunState;
  iteration: number;
  kl: number | null;
  algorithm: 'exact' | 'barnesHut' | 'pca' | null;
  /** The vectors the layout on show was computed from (by identity); null before a run. */
  from: Float32Array | null;
}

export interface MapSource {
  vectors: Float32Array;
  /** The layer (a node id, or 'input' for the pixels) the vectors are activations of. */
  layer: string;
  /** The training step of the weights the vectors were captured with. */
  step: number;
}

export interface MapsLive {
  maps: Readonly<Record<string, MapLive>>;
  sources: Readonly<Record<string, MapSource>>;
}

let current: MapsLive = { maps: {}, sources: {} };
const listeners = new Set<() => void>();

function set(next: MapsLive): void {
  current = next;
  for (const l of listeners) l();
}

export function publishMap(testId: string, map: MapLive): void {
  set({ ...current, maps: { ...current.maps, [testId]: map } });
}

export function publishMapSource(testId: string, source: MapSource): void {
  set({ ...current, sources: { ...current.sources, [testId]: source } });
}

export function subscribeMapsLive(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const getMapsLive = (): MapsLive => current;
