// The analysis worker's API (src/workers/analysis.worker.ts), through comlink: 2-D maps of
// high-dimensional vectors — t-SNE (exact on the GPU when there is one, Barnes-Hut for large
// sets) or PCA — streamed as they improve. One map runs at a time: a new one stops the last.
import type { TsneMethod } from '../engine/analysis/tsne/options';

export type MapMethod = 'tsne' | 'pca';

export interface MapRequest {
  /** n × dim, one row per point. Transferred (the caller's copy is emptied). */
  vectors: Float32Array;
  dim: number;
  method: MapMethod;
  /** t-SNE only. */
  perplexity: number;
  /** t-SNE only: iterations to run (a re-run runs this many more). */
  iterations: number;
  /** t-SNE only: 'auto' takes exact up to AUTO_EXACT_MAX points and Barnes-Hut above. */
  algorithm?: TsneMethod | 'auto';
  /** t-SNE only: start from this layout (n × 2, a previous run's) instead of PCA. */
  previous?: Float32Array | null;
  seed?: number;
  /**
   * Exact t-SNE's backend: 'webgpu' when there is an adapter, 'cpu', or 'auto' (the default):
   * WebGPU unless the adapter is a software fallback such as SwiftShader, which emulates a GPU
   * on the CPU and runs this kernel several times slower than the JavaScript backend.
   */
  device?: MapDevice;
}

export type MapDevice = 'auto' | 'webgpu' | 'cpu';

/** The exact method's n² pairs stay interactive up to here; above, Barnes-Hut. */
export const AUTO_EXACT_MAX = 3000;

export interface MapFrame {
  iteration: number;
  iterations: number;
  /** KL(P‖Q) at `iteration` (t-SNE); null for PCA. */
  kl: number | null;
  /** n × 2. */
  layout: Float32Array;
  /** Whether P was still exaggerated at this iteration (the KL may rise then). */
  exaggerated: boolean;
  /** 'exact', 'barnesHut' or 'pca'. */
  algorithm: TsneMethod | 'pca';
  /** PCA only: the share of the variance along each axis. */
  explained: [number, number] | null;
  /** What computed it ("WebGPU on SwiftShader …", "JavaScript"). */
  computedBy: string;
}

export type MapListener = (frame: MapFrame) => void;

export interface MapOutcome {
  state: 'done' | 'stopped' | 'failed';
  /** The last frame sent (null when none was). */
  last: MapFrame | null;
  message: string | null;
  /** Milliseconds from the request to the end, preparation included. */
  ms: number;
}

export interface AnalysisApi {
  /**
   * Computes a map, sending frames to `onFrame` (wrap it in `Comlink.proxy`) every few
   * iterations, at most ~20 a second, layouts as transferables. Resolves when it ends.
   */
  map(request: MapRequest, onFrame: MapListener): Promise<MapOutcome>;
  /** Stops the map in progress (its `map` call resolves 'stopped'). */
  stop(): Promise<void>;
  /** What the exact t-SNE runs on, in words. */
  backendDescription(): Promise<string>;
}
