// `npm run bench`: training throughput of our engine (CPU backend) against TensorFlow.js
// ('cpu' and 'wasm' backends) on the same models, recipe and data, in the same process.
// Prints a table and merges the records into bench/results.json.
//
//   npm run bench                          throughput: warm-up steps, then timed steps
//   npm run bench -- --models mlp --steps 500 --warmup 20 --engines ours,tfjs-wasm
//   npm run bench -- --epochs 1            one full epoch per model (ours by default), then
//                                          the accuracy on all 10,000 test images
//   npm run bench -- --eval                also evaluate on the test images after timing
//   npm run bench -- --browser             the same models in headless Chromium with WebGPU:
//                                          ours (webgpu, cpu) in a worker against tfjs's webgpu,
//                                          webgl and wasm backends, plus a 1024³ matmul record
//                                          (see bench/browser/harness.ts); --models takes
//                                          mlp,lenet5,cifarVgg,matmul, --engines ours-webgpu,ours-cpu,
//                                          tfjs-webgpu,tfjs-webgl,tfjs-wasm; --job-timeout S
//   npm run bench -- --landscape           LeNet-5's loss landscape on the CPU backend: a 41 × 41
//                                          slice and up to 20 Hessian-vector products, on a
//                                          fixed batch of 256 (see bench/landscape.ts)
//   npm run bench -- --cifar               the small VGG on CIFAR-10 (batch 64): ours (CPU backend)
//                                          against the same model in tfjs cpu and wasm; with
//                                          --epochs N ours also trains N epochs and records the
//                                          test accuracy after each (see bench/cifar.ts)
//   npm run bench -- --tsne                t-SNE of 2,000 MNIST test images (perplexity 30, 1,000
//                                          iterations), exact on the CPU backend and on WebGPU
//                                          (Dawn), and Barnes-Hut on 10,000; --points N,
//                                          --iterations N, --bh-points N (0: skip) (see bench/tsne.ts)
//   npm run bench -- --words               skip-gram word2vec on the State of the Union corpus: centre
//                                          words/s on the CPU backend and on WebGPU (Dawn); --steps N
//                                          batches of 1,024 pairs, --warmup N (see bench/words.ts)
//   npm run bench -- --ui                  the app itself in headless Chromium: LeNet-5 trained
//                                          from its dashboard for --steps N (300) or --seconds T
//                                          (120), whichever comes first, while the page's long
//                                          main-thread tasks are recorded (the budget: none over
//                                          50 ms); --models takes mlp,lenet5 (see bench/browser/uiBench.ts)
//
// What is timed, for every engine alike: `warmup` steps (the first one gives firstStepMs, from
// data in memory to a finished step, model build and compile included), then `steps` steps on
// the wall clock, each on a fresh shuffled MNIST batch of 64, normalised (x/255 − 0.1307)/0.3081,
// Adam lr 1e-3, softmax cross-entropy, He-normal weights N(0, 2/fanIn) and zero biases.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../src/engine/data/dataset';
import { loadMnistFromDisk } from '../scripts/nodeDatasets';
import {
  benchEngines,
  benchModels,
  type BenchEngine,
  type BenchModel,
  type MnistBenchOptions,
  type BenchRecord,
  type BenchResult,
  type BenchSuite,
} from './record';
import { addRatios, mergeResults, RESULTS } from './results';
import { formatTable } from './table';
import { WORDS_DEFAULTS } from './words';
import { browserEngines, browserModels } from './browser/protocol';
import { UI_DEFAULTS } from './browser/uiDefaults';
import { runTfjs, useTfjsBackend } from './tfjsEngine';
import { TSNE_DEFAULTS } from './tsne';

const BATCH = 64;
/** The small VGG on CIFAR-10 takes seconds per step on the CPU backend (bench/cifar.ts). */
const CIFAR_DEFAULTS = { warmup: 2, steps: 8 };
/** Defaults sized so the whole default run takes a few minutes on two cores: tfjs-cpu needs
 * about 4 s per LeNet-5 step (its Conv2DBackpropFilter kernel is a plain loop). */
const DEFAULTS: Record<BenchModel, { warmup: number; steps: number }> = {
  mlp: { warmup: 10, steps: 200 },
  lenet5: { warmup: 5, steps: 30 },
};

function list<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  fallback: readonly T[],
  flag: string,
): T[] {
  if (value === undefined) return [...fallback];
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item)) {
      throw new Error(`--${flag}: unknown "${item}" (choose from ${allowed.join(', ')})`);
    }
  }
  return items as T[];
}

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${flag}: expected a positive integer, got "${value}"`);
  return n;
}

function parseCli() {
  const { values } = parseArgs({
    options: {
      models: { type: 'string' },
      engines: { type: 'string' },
      steps: { type: 'string' },
      warmup: { type: 'string' },
      epochs: { type: 'string' },
      eval: { type: 'boolean', default: false },
      seed: { type: 'string' },
      browser: { type: 'boolean', default: false },
      ui: { type: 'boolean', default: false },
      landscape: { type: 'boolean', default: false },
      words: { type: 'boolean', default: false },
      cifar: { type: 'boolean', default: false },
      tsne: { type: 'boolean', default: false },
      points: { type: 'string' },
      iterations: { type: 'string' },
      'bh-points': { type: 'string' },
      seconds: { type: 'string' },
      'job-timeout': { type: 'string' },
    },
  });
  const epochs = positiveInt(values.epochs, 'epochs');
  if (values.landscape) return { mode: 'landscape' as const };
  if (values.words) {
    return {
      mode: 'words' as const,
      steps: positiveInt(values.steps, 'steps') ?? WORDS_DEFAULTS.steps,
      warmup: positiveInt(values.warmup, 'warmup') ?? WORDS_DEFAULTS.warmup,
    };
  }
  if (values.tsne) {
    const bh = values['bh-points'] === '0' ? 0 : positiveInt(values['bh-points'], 'bh-points');
    return {
      mode: 'tsne' as const,
      points: positiveInt(values.points, 'points') ?? TSNE_DEFAULTS.points,
      iterations: positiveInt(values.iterations, 'iterations') ?? TSNE_DEFAULTS.iterations,
      bhPoints: bh ?? TSNE_DEFAULTS.bhPoints,
      perplexity: TSNE_DEFAULTS.perplexity,
    };
  }
  if (values.cifar) {
    return {
      mode: 'cifar' as const,
      engines: list(values.engines, benchEngines, benchEngines, 'engines'),
      warmup: positiveInt(values.warmup, 'warmup') ?? CIFAR_DEFAULTS.warmup,
      steps: positiveInt(values.steps, 'steps') ?? CIFAR_DEFAULTS.steps,
      epochs: epochs ?? 0,
      seed: positiveInt(values.seed, 'seed') ?? 1,
    };
  }
  if (values.ui) {
    if (epochs !== undefined || values.browser)
      throw new Error('--ui takes --models, --steps and --seconds only');
    return {
      mode: 'ui' as const,
      models: list(values.models, benchModels, UI_DEFAULTS.models, 'models'),
      steps: positiveInt(values.steps, 'steps') ?? UI_DEFAULTS.steps,
      seconds: positiveInt(values.seconds, 'seconds') ?? UI_DEFAULTS.seconds,
    };
  }
  if (values.browser) {
    if (epochs !== undefined) throw new Error('--epochs is not available with --browser');
    const jobTimeoutS = positiveInt(values['job-timeout'], 'job-timeout');
    return {
      mode: 'browser' as const,
      models: list(values.models, browserModels, browserModels, 'models'),
      engines: list(values.engines, browserEngines, browserEngines, 'engines'),
      steps: positiveInt(values.steps, 'steps'),
      warmup: positiveInt(values.warmup, 'warmup'),
      evaluate: values.eval,
      seed: positiveInt(values.seed, 'seed') ?? 1,
      jobTimeoutMs: jobTimeoutS === undefined ? undefined : jobTimeoutS * 1000,
    };
  }
  return {
    mode: 'node' as const,
    models: list(values.models, benchModels, benchModels, 'models'),
    // A full epoch of tfjs-cpu LeNet-5 takes about an hour, so epoch runs train ours unless told.
    engines: list(values.engines, benchEngines, epochs ? ['ours'] : benchEngines, 'engines'),
    steps: positiveInt(values.steps, 'steps'),
    warmup: positiveInt(values.warmup, 'warmup'),
    epochs,
    evaluate: values.eval,
    seed: positiveInt(values.seed, 'seed') ?? 1,
  };
}

async function runEngine(
  engine: BenchEngine,
  data: Dataset,
  opts: MnistBenchOptions,
): Promise<BenchResult> {
  if (engine === 'ours') {
    // Loaded on demand, so a tfjs-only run does not need the engine to build.
    const { runOurs } = await import('./oursEngine');
    return runOurs(data, opts);
  }
  const initMs = await useTfjsBackend(engine === 'tfjs-cpu' ? 'cpu' : 'wasm');
  return runTfjs(data, opts, initMs);
}

function describeError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0];
}

async function report(records: BenchRecord[]): Promise<void> {
  addRatios(records);
  console.log(`\n${formatTable(records)}\n`);
  const adapters = new Map<string, string>();
  for (const r of records) if (r.adapter) adapters.set(`${r.engine}/${r.backend}`, r.adapter);
  for (const [engine, adapter] of adapters) console.log(`${engine}: ${adapter}`);
  if (adapters.size > 0) console.log('');
  const total = await mergeResults(records);
  console.log(`Wrote ${path.relative(process.cwd(), RESULTS)} (${total} records).`);
}

async function main(): Promise<void> {
  const cli = parseCli();
  if (cli.mode === 'ui') {
    const { runUiBench } = await import('./browser/uiBench');
    await report(await runUiBench(cli));
    return;
  }
  if (cli.mode === 'cifar') {
    tf.enableProdMode();
    const { runCifarBench } = await import('./cifar');
    const machine = {
      node: process.version,
      cpu: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}`,
    };
    await report(await runCifarBench(cli, machine));
    return;
  }
  if (cli.mode === 'tsne') {
    const { runTsneBench } = await import('./tsne');
    const machine = {
      node: process.version,
      cpu: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}`,
    };
    await report(await runTsneBench(await loadMnistFromDisk(), cli, machine));
    return;
  }
  if (cli.mode === 'words') {
    const { runWordsBench } = await import('./words');
    const machine = {
      node: process.version,
      cpu: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}`,
    };
    await report(await runWordsBench(cli, machine));
    return;
  }
  if (cli.mode === 'landscape') {
    const { runLandscapeBench } = await import('./landscape');
    const machine = {
      node: process.version,
      cpu: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}`,
    };
    await report(await runLandscapeBench(await loadMnistFromDisk(), machine));
    return;
  }
  if (cli.mode === 'browser') {
    // Loaded on demand: Playwright and Vite are not needed for the Node bench.
    const { runBrowserBench } = await import('./browser/harness');
    await report(await runBrowserBench(cli));
    return;
  }
  // What a tfjs user ships: no per-op NaN checks or debug logging.
  tf.enableProdMode();
  const data = await loadMnistFromDisk();
  const stepsPerEpoch = Math.floor(data.train.count / BATCH);
  const suite: BenchSuite = cli.epochs ? 'epoch' : 'throughput';
  const machine = {
    node: process.version,
    cpu: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}`,
  };
  const records: BenchRecord[] = [];

  for (const model of cli.models) {
    const warmup = cli.warmup ?? DEFAULTS[model].warmup;
    // An epoch run trains exactly `epochs` passes in all, warm-up included.
    const steps = cli.epochs
      ? cli.epochs * stepsPerEpoch - warmup
      : (cli.steps ?? DEFAULTS[model].steps);
    if (steps < 1) throw new Error(`--warmup ${warmup} leaves no steps to time`);
    const opts: MnistBenchOptions = {
      model,
      batch: BATCH,
      warmup,
      steps,
      evaluate: cli.evaluate || suite === 'epoch',
      seed: cli.seed,
    };
    for (const engine of cli.engines) {
      let result: BenchResult | null = null;
      let error: string | undefined;
      try {
        result = await runEngine(engine, data, opts);
      } catch (e) {
        error = describeError(e);
      }
      const record: BenchRecord = {
        suite,
        model,
        engine: engine === 'ours' ? 'layercake' : 'tfjs',
        backend: engine === 'tfjs-wasm' ? 'wasm' : 'cpu',
        environment: 'node',
        batch: BATCH,
        steps,
        warmupSteps: warmup,
        samplesPerSec: result?.samplesPerSec ?? null,
        msPerStep: result?.msPerStep ?? null,
        firstStepMs: result?.firstStepMs ?? null,
        backendInitMs: result?.backendInitMs ?? null,
        testAccuracy: result?.testAccuracy ?? null,
        finalLoss: result?.finalLoss ?? null,
        ratioVsTfjsCpu: null,
        ...(error !== undefined ? { error } : {}),
        timestamp: new Date().toISOString(),
        ...machine,
      };
      records.push(record);
      console.log(
        `${model} ${engine}: ${error ?? `${record.samplesPerSec!.toFixed(0)} samples/s, first step ${record.firstStepMs!.toFixed(0)} ms`}`,
      );
    }
  }

  await report(records);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
