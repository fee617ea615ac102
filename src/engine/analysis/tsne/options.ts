// What a t-SNE run is told, with the defaults of van der Maaten's reference implementation.

export type TsneMethod = 'exact' | 'barnesHut';

export interface TsneOptions {
  /** The effective number of neighbours each point's Gaussian covers (5–50 is usual). */
  perplexity: number;
  /** Exact (all n² pairs, on the backend, the GPU when there is one) or Barnes-Hut (CPU). */
  method: TsneMethod;
  /** Barnes-Hut accuracy: a cell is one body when width / distance < theta (0.5 as in bhtsne). */
  theta: number;
  /**
   * Step size η. Default max(n / 48, 50): this gradient includes the factor 4 that bhtsne's
   * omits, so for n ≤ 2,400 it is bhtsne's η = 200, and above it Belkina et al.'s (2019)
   * η = n / 12 in bhtsne's units, which keeps large maps from stalling.
   */
  learningRate: number | 'auto';
  /** P is multiplied by this for the first `exaggerationIterations` iterations. */
  exaggeration: number;
  exaggerationIterations: number;
  /** Momentum 0.5 until this iteration, 0.8 after (both 250 in the reference). */
  momentumSwitch: number;
  momentum: number;
  finalMomentum: number;
  minGain: number;
  /** Inputs with more dimensions are first projected onto their top `pcaDims` principal components (0: never). */
  pcaDims: number;
  /**
   * Where the layout starts: 'pca' (the first two principal components, scaled to a standard
   * deviation of 10⁻⁴ as random starts are), 'random' (N(0, 10⁻⁴), the reference), or a
   * previous layout (n × 2) to refine.
   */
  initial: 'pca' | 'random' | Float32Array;
  seed: number;
}

export const DEFAULT_TSNE: TsneOptions = {
  perplexity: 30,
  method: 'exact',
  theta: 0.5,
  learningRate: 'auto',
  exaggeration: 12,
  exaggerationIterations: 250,
  momentumSwitch: 250,
  momentum: 0.5,
  finalMomentum: 0.8,
  minGain: 0.01,
  pcaDims: 50,
  initial: 'pca',
  seed: 1,
};

/**
 * A re-run from a previous layout: no early exaggeration (it would tear apart the structure
 * already found) and the final momentum from the start, as openTSNE does when it refines.
 */
export function refineOptions(previous: Float32Array): Partial<TsneOptions> {
  return { initial: previous, exaggerationIterations: 0, momentumSwitch: 0 };
}

export function learningRateFor(options: TsneOptions, n: number): number {
  return options.learningRate === 'auto' ? Math.max(n / 48, 50) : options.learningRate;
}

/** The state of a run after some iterations. */
export interface TsneFrame {
  iteration: number;
  /** KL(P‖Q) of the layout at the last iteration (Barnes-Hut: with its estimate of Z). */
  kl: number;
  /** n × 2, centred on the origin. */
  layout: Float32Array;
}

export interface TsneSolver {
  readonly n: number;
  readonly method: TsneMethod;
  /** Iterations done so far. */
  readonly iteration: number;
  /** Runs `count` more iterations (at least 1) and returns where they got to. */
  advance(count: number): Promise<TsneFrame>;
  dispose(): void;
}
