// What the browser bench's harness (Node) asks the page to run, and what comes back. One job
// per page load: a model trained by one engine, or the matmul kernel of one engine.
import type { BenchOptions, BenchResult, TrainedModel } from '../record';

export type BrowserEngine = 'ours-webgpu' | 'ours-cpu' | 'tfjs-webgpu' | 'tfjs-webgl' | 'tfjs-wasm';
export const browserEngines: readonly BrowserEngine[] = [
  'ours-webgpu',
  'ours-cpu',
  'tfjs-webgpu',
  'tfjs-webgl',
  'tfjs-wasm',
];

/** What the browser bench runs: the MNIST models, the small VGG on CIFAR-10, and the 1024³ matmul ('matmul'). */
export type BrowserModel = TrainedModel | 'matmul';
export const browserModels: readonly BrowserModel[] = ['mlp', 'lenet5', 'cifarVgg', 'matmul'];
/** The engines with a matmul record: our WebGPU kernel and tfjs's WebGPU backend. */
export const matmulEngines: readonly BrowserEngine[] = ['ours-webgpu', 'tfjs-webgpu'];

export type BenchJob =
  | { kind: 'train'; engine: BrowserEngine; opts: BenchOptions }
  | { kind: 'matmul'; engine: BrowserEngine; size: number; warmup: number; reps: number };

export interface JobOutcome {
  result: BenchResult | null;
  /** Matmul jobs: 2·size³·reps / seconds / 1e9. */
  gflops?: number;
  /** What the backend ran on, when it got as far as starting. */
  adapter: string | null;
  error?: string;
}

/** What the page puts on window for the harness, once it is ready. */
export interface BenchPage {
  run(job: BenchJob): Promise<JobOutcome>;
}

/** The message our engine's worker gets, and the one it answers with. */
export type WorkerRequest = { job: BenchJob };
export type WorkerReply = JobOutcome;

export function describeError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0];
}
