// One row of bench/results.json: one engine training one model, timed the same way as the others.

export type BenchModel = 'mlp' | 'lenet5';
export type BenchEngine = 'ours' | 'tfjs-cpu' | 'tfjs-wasm';
export const benchModels: readonly BenchModel[] = ['mlp', 'lenet5'];
export const benchEngines: readonly BenchEngine[] = ['ours', 'tfjs-cpu', 'tfjs-wasm'];

/**
 * 'throughput': warm-up steps, then `steps` timed steps.
 * 'epoch': one full pass over the 60,000 training images (steps = steps per epoch), then the
 * test accuracy on all 10,000 test images.
 */
export type BenchSuite = 'throughput' | 'epoch';

export interface BenchRecord {
  suite: BenchSuite;
  model: BenchModel;
  /** 'layercake' or 'tfjs'. */
  engine: 'layercake' | 'tfjs';
  /** 'cpu' or 'wasm' (tfjs-wasm runs single-threaded with SIMD in Node). */
  backend: string;
  batch: number;
  /** Timed steps. */
  steps: number;
  warmupSteps: number;
  /** Timed samples (steps × batch) over the timed wall-clock seconds; null when it failed. */
  samplesPerSec: number | null;
  /** Mean wall-clock time of one timed step. */
  msPerStep: number | null;
  /** From data in memory to the first step finished: model build, compile, first step. */
  firstStepMs: number | null;
  /** Backend start-up before the clock for firstStepMs starts (wasm module instantiation). */
  backendInitMs: number | null;
  /** Accuracy on the 10,000 test images after all trained steps (warm-up + timed); null if not evaluated. */
  testAccuracy: number | null;
  /** Mean training loss of the last timed step's batch, a sanity check that it learns. */
  finalLoss: number | null;
  /** samplesPerSec / tfjs-cpu's samplesPerSec on the same model in the same run. */
  ratioVsTfjsCpu: number | null;
  /** Why this engine could not train this model, when it could not. */
  error?: string;
  timestamp: string;
  node: string;
  cpu: string;
}

export type BenchResult = Pick<
  BenchRecord,
  'samplesPerSec' | 'msPerStep' | 'firstStepMs' | 'backendInitMs' | 'testAccuracy' | 'finalLoss'
>;

export interface BenchOptions {
  model: BenchModel;
  batch: number;
  warmup: number;
  steps: number;
  /** Evaluate on the test split after training. */
  evaluate: boolean;
  seed: number;
}
