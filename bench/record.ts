// One row of bench/results.json: one engine training one model (or running one kernel), timed
// the same way as the others.

export type BenchModel = 'mlp' | 'lenet5';
export type BenchEngine = 'ours' | 'tfjs-cpu' | 'tfjs-wasm';
export const benchModels: readonly BenchModel[] = ['mlp', 'lenet5'];
export const benchEngines: readonly BenchEngine[] = ['ours', 'tfjs-cpu', 'tfjs-wasm'];

/**
 * 'throughput': warm-up steps, then `steps` timed steps.
 * 'epoch': one full pass over the 60,000 training images (steps = steps per epoch), then the
 * test accuracy on all 10,000 test images.
 * 'matmul': one f32 matrix product (model 'matmul1024': 1024×1024 by 1024×1024) repeated
 * `steps` times after `warmupSteps`; the result is `gflops`.
 * 'ui': the app itself in headless Chromium, the model trained from its dashboard (template,
 * Train, Pause) while a PerformanceObserver records the page's long main-thread tasks; the
 * results are `longestTaskMs` and `tasksOver50ms` (the page's budget is no task over 50 ms).
 * 'landscapeSlice': a 41 × 41 slice of the loss on a fixed batch (`steps` grid points, msPerStep
 * one point); 'hessianVector': Hessian-vector products on the same batch (`steps` products);
 * `totalMs` is the whole of each (see bench/landscape.ts).
 * 'tsne': a t-SNE map of MNIST test images (`steps` iterations, msPerStep one iteration,
 * totalMs preparation included; the details in `tsne`, see bench/tsne.ts).
 */
export type BenchSuite =
  'throughput' | 'epoch' | 'matmul' | 'ui' | 'landscapeSlice' | 'hessianVector' | 'words' | 'tsne';

/** Where the engine ran: in Node (`npm run bench`) or in headless Chromium (`-- --browser`). */
export type BenchEnvironment = 'node' | 'browser';

export interface BenchRecord {
  suite: BenchSuite;
  /** 'cifarVgg': the small VGG on CIFAR-10 (`--cifar`, bench/cifar.ts). */
  model: BenchModel | 'matmul1024' | 'cifarVgg' | 'sotu' | `mnist${number}`;
  /** 'layercake' or 'tfjs'. */
  engine: 'layercake' | 'tfjs';
  /**
   * 'cpu' or 'wasm' in Node (tfjs-wasm runs single-threaded with SIMD there); 'webgpu', 'cpu'
   * (ours), 'webgl' or 'wasm' (tfjs) in the browser.
   */
  backend: string;
  /** Records written before the browser bench existed have no environment: they are 'node'. */
  environment?: BenchEnvironment;
  /** What the backend runs on: the WebGPU adapter, the WebGL renderer, the wasm build. */
  adapter?: string | null;
  /** Null for the matmul suite. */
  batch: number | null;
  /** Timed steps (matmul: timed repetitions). */
  steps: number;
  warmupSteps: number;
  /** Timed samples (steps × batch) over the timed wall-clock seconds; null when it failed. */
  samplesPerSec: number | null;
  /** Mean wall-clock time of one timed step (matmul: of one product). */
  msPerStep: number | null;
  /**
   * Node: from data in memory to the first step finished: model build, compile, first step.
   * Browser: from the train command to the first step finished, pipeline compilation included
   * (ours: Trainer.create onwards; tfjs: the model is built before the clock starts).
   * Matmul: the first product, kernel compilation included.
   */
  firstStepMs: number | null;
  /** Backend start-up before the clock for firstStepMs starts (wasm instantiation, GPU device). */
  backendInitMs: number | null;
  /** Accuracy on the 10,000 test images after all trained steps (warm-up + timed); null if not evaluated. */
  testAccuracy: number | null;
  /** Mean training loss of the last timed step's batch, a sanity check that it learns. */
  finalLoss: number | null;
  /** Matmul suite: 2·n³ floating-point operations per product over its mean time, in 10⁹/s. */
  gflops?: number | null;
  /**
   * UI suite: the longest main-thread task while training, in ms (0: none reached the 50 ms
   * at which the browser starts reporting tasks), and how many went over 50 ms.
   */
  longestTaskMs?: number | null;
  tasksOver50ms?: number | null;
  /**
   * UI suite, from a Chrome trace of the page's main thread: the longest task's CPU time (what
   * the page itself did, without the time the OS gave its cores to other threads), and how
   * many tasks took more than 50 ms of CPU. On a loaded machine the wall-clock numbers above
   * include waiting for a core; these do not.
   */
  longestTaskCpuMs?: number | null;
  tasksOver50msCpu?: number | null;
  /** The tsne suite: the run's size and method, its phases, and what it reached. */
  tsne?: {
    points: number;
    perplexity: number;
    method: 'exact' | 'barnesHut';
    /** PCA to 50 dimensions, the perplexity search and P, and (WebGPU) kernel compilation. */
    prepareMs: number;
    iterateMs: number;
    klDivergence: number;
    /** The share of each point's 10 nearest neighbours on the map that show the same digit. */
    digitPurity10nn: number;
  };
  /**
   * The words suite (bench/words.ts): the recipe, and throughput in skip-gram pairs and in corpus
   * words read (samplesPerSec counts centre words trained, after subsampling).
   */
  words?: {
    mode: 'skipgram' | 'cbow';
    dim: number;
    window: number;
    negatives: number;
    vocabulary: number;
    pairsPerSec: number;
    corpusWordsPerSec: number;
    /** Centre words per second of this process's CPU time: what a machine to itself would see. */
    wordsPerCpuSecond: number;
  };
  /** UI suite: the longest gap between two animation frames while training, in ms. */
  longestFrameGapMs?: number | null;
  /**
   * UI suite on MNIST: samples per second with the inside-the-network panels closed (the record's
   * samplesPerSec is with them open), and 1 − open/closed: how much slower training is with them
   * open (the budget is under 0.10).
   */
  samplesPerSecPanelsClosed?: number | null;
  panelSlowdown?: number | null;
  /** Landscape suites: the whole slice, or all the products, in ms. CIFAR epochs: the whole run. */
  totalMs?: number | null;
  /** CIFAR epoch suite: the test accuracy after each epoch, and the best epoch (1-based). */
  epochAccuracies?: number[] | null;
  bestEpoch?: number | null;
  /**
   * CIFAR epochs: the experiment seed (weights, shuffling, augmentation, dropout). Epoch runs of
   * different seeds are kept side by side; records without one are seed 1.
   */
  seed?: number;
  /** CIFAR epoch suite: the training and test images the run had. */
  trainSamples?: number | null;
  testSamples?: number | null;
  /** UI suite: wall-clock seconds from pressing Train to the run paused. */
  seconds?: number | null;
  /** samplesPerSec / tfjs-cpu's samplesPerSec on the same model in the same run. */
  ratioVsTfjsCpu: number | null;
  /** samplesPerSec (matmul: gflops) / tfjs-webgl's on the same model in the same run. */
  ratioVsTfjsWebgl?: number | null;
  /** The same over the fastest tfjs backend for this model in the same run, named in bestTfjs. */
  ratioVsTfjsBest?: number | null;
  bestTfjs?: string | null;
  /** Why this engine could not train this model, when it could not. */
  error?: string;
  timestamp: string;
  /** The Node version that ran the bench (in browser mode: the harness around the browser). */
  node: string;
  cpu: string;
  /** Browser mode: the browser's name and version. */
  browser?: string;
}

export type BenchResult = Pick<
  BenchRecord,
  'samplesPerSec' | 'msPerStep' | 'firstStepMs' | 'backendInitMs' | 'testAccuracy' | 'finalLoss'
>;

/** A model trained through the same timed loop: the MNIST pair, and the small VGG on CIFAR-10. */
export type TrainedModel = BenchModel | 'cifarVgg';

export interface BenchOptions {
  model: TrainedModel;
  batch: number;
  warmup: number;
  steps: number;
  /** Evaluate on the test split after training. */
  evaluate: boolean;
  seed: number;
}

/** The options of an MNIST model's run (the Node bench's models, tfjsModel.ts's). */
export type MnistBenchOptions = BenchOptions & { model: BenchModel };
