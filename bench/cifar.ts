// `npm run bench -- --cifar`: the small VGG of the cifarVgg template (five 3×3 convolutions of
// 32-32-64-64-128 with batch norm and ReLU, three 2×2 max-pools, dropout 0.5, dense 10) on
// CIFAR-10 at batch 64, Adam 1e-3, crop (pad 4) + mirror augmentation, per-channel normalisation.
//
//   --cifar               throughput in Node: ours (CPU backend) against the same model in
//                         TensorFlow.js ('cpu' and 'wasm' backends), warm-up then timed steps
//   --cifar --epochs 5    also trains ours for that many epochs on the prepared CIFAR-10 (the
//                         development subset: 10,000 training images) and records the test
//                         accuracy after each epoch, on every test image, and the best epoch
//   --engines ours,tfjs-cpu,tfjs-wasm   --steps N --warmup N   (throughput)
import type { Dataset } from '../src/engine/data/dataset';
import { CpuBackend } from '../src/engine/backend/cpu/cpuBackend';
import { templateSpec } from '../src/engine/spec/templates';
import type { EngineEvent } from '../src/engine/train/events';
import { Trainer } from '../src/engine/train/trainer';
import { datasetForSpecFromDisk } from '../scripts/nodeDatasets';
import type { BenchEngine, BenchRecord, BenchResult } from './record';
import { trainTfjsCifar } from './cifarTfjs';
import { mergeResults } from './results';
import { useTfjsBackend } from './tfjsEngine';

const BATCH = 64;

export interface CifarBenchOptions {
  engines: BenchEngine[];
  warmup: number;
  steps: number;
  /** Train ours this many epochs and record the test accuracy after each; 0 for none. */
  epochs: number;
  seed: number;
}

/** tfjs-cpu takes minutes per VGG step (its convolution gradients are plain loops): one warm-up step and one timed. */
const TFJS_CPU = { warmup: 1, steps: 1 };

type Machine = { node: string; cpu: string };

function vggSpec(seed: number, epochs: number) {
  const spec = templateSpec('cifarVgg');
  spec.train.batchSize = BATCH;
  spec.train.seed = seed;
  spec.train.epochs = epochs;
  // Evaluations only at each epoch's end (the trainer's own), none mid-epoch.
  spec.train.evalEverySteps = Number.MAX_SAFE_INTEGER;
  return spec;
}

async function oursThroughput(data: Dataset, opts: CifarBenchOptions): Promise<BenchResult> {
  const stepsPerEpoch = Math.floor(data.train.count / BATCH);
  // Enough epochs that the run never reaches its end (and the epoch-end test pass) while timed.
  const spec = vggSpec(opts.seed, Math.ceil((opts.warmup + opts.steps) / stepsPerEpoch) + 1);
  if (opts.warmup + opts.steps >= stepsPerEpoch)
    throw new Error(`--warmup + --steps must stay inside one epoch (${stepsPerEpoch} steps)`);
  let lastLoss = NaN;
  const t0 = performance.now();
  const trainer = await Trainer.create(spec, new CpuBackend(), data, (e: EngineEvent) => {
    if (e.type === 'metrics' && e.loss.length > 0) lastLoss = e.loss[e.loss.length - 1];
  });
  try {
    await trainer.trainSteps(1);
    await trainer.flush();
    const firstStepMs = performance.now() - t0;
    await trainer.trainSteps(opts.warmup - 1);
    const t1 = performance.now();
    await trainer.trainSteps(opts.steps);
    await trainer.flush();
    const ms = performance.now() - t1;
    return {
      samplesPerSec: (opts.steps * BATCH * 1000) / ms,
      msPerStep: ms / opts.steps,
      firstStepMs,
      backendInitMs: 0,
      testAccuracy: null,
      finalLoss: lastLoss,
    };
  } finally {
    trainer.dispose();
  }
}

interface EpochRun {
  accuracies: number[];
  losses: number[];
  epochMs: number[];
  finalLoss: number;
  steps: number;
}

/**
 * `epochs` epochs of ours; the trainer evaluates every test image at each epoch's end, and
 * `afterEpoch` hears the run so far (the bench writes it down, so a long run that is stopped
 * still leaves its finished epochs on record).
 */
async function oursEpochs(
  data: Dataset,
  opts: CifarBenchOptions,
  afterEpoch: (run: EpochRun) => Promise<void>,
): Promise<EpochRun> {
  const spec = vggSpec(opts.seed, opts.epochs);
  const accuracies: number[] = [];
  const losses: number[] = [];
  const epochMs: number[] = [];
  let lastLoss = NaN;
  const trainer = await Trainer.create(spec, new CpuBackend(), data, (e: EngineEvent) => {
    if (e.type === 'metrics' && e.loss.length > 0) lastLoss = e.loss[e.loss.length - 1];
    if (e.type === 'eval') {
      accuracies.push(e.accuracy);
      losses.push(e.loss);
    }
  });
  try {
    const perEpoch = trainer.stepsPerEpoch;
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      const t0 = performance.now();
      for (let done = 0; done < perEpoch;) {
        done += await trainer.trainSteps(Math.min(20, perEpoch - done));
        const s = ((performance.now() - t0) / 1000).toFixed(0);
        console.log(
          `  epoch ${epoch}: ${done}/${perEpoch} steps, ${s} s, loss ${lastLoss.toFixed(3)}`,
        );
      }
      epochMs.push(performance.now() - t0);
      const acc = accuracies[epoch - 1];
      console.log(
        `  epoch ${epoch}: test accuracy ${(acc * 100).toFixed(2)} %, test loss ${losses[epoch - 1].toFixed(3)}, ${(epochMs[epoch - 1] / 1000).toFixed(0)} s with its evaluation`,
      );
      await afterEpoch({
        accuracies,
        losses,
        epochMs,
        finalLoss: lastLoss,
        steps: trainer.stepsDone,
      });
    }
    return { accuracies, losses, epochMs, finalLoss: lastLoss, steps: trainer.stepsDone };
  } finally {
    trainer.dispose();
  }
}

export async function runCifarBench(
  opts: CifarBenchOptions,
  machine: Machine,
): Promise<BenchRecord[]> {
  const spec = vggSpec(opts.seed, 1);
  const data = await datasetForSpecFromDisk(spec.data, opts.seed);
  console.log(
    `CIFAR-10: ${data.train.count} training, ${data.test.count} test images (${data.name})`,
  );
  const base = {
    model: 'cifarVgg' as const,
    environment: 'node' as const,
    batch: BATCH,
    ratioVsTfjsCpu: null,
    ...machine,
  };
  const records: BenchRecord[] = [];
  for (const engine of opts.engines) {
    const steps = engine === 'tfjs-cpu' ? TFJS_CPU : { warmup: opts.warmup, steps: opts.steps };
    let result: BenchResult | null = null;
    let error: string | undefined;
    try {
      if (engine === 'ours') result = await oursThroughput(data, { ...opts, ...steps });
      else {
        const initMs = await useTfjsBackend(engine === 'tfjs-cpu' ? 'cpu' : 'wasm');
        result = await trainTfjsCifar(data, { batch: BATCH, seed: opts.seed, ...steps }, initMs);
      }
    } catch (e) {
      error = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    }
    records.push({
      ...base,
      suite: 'throughput',
      engine: engine === 'ours' ? 'layercake' : 'tfjs',
      backend: engine === 'tfjs-wasm' ? 'wasm' : 'cpu',
      steps: steps.steps,
      warmupSteps: steps.warmup,
      samplesPerSec: result?.samplesPerSec ?? null,
      msPerStep: result?.msPerStep ?? null,
      firstStepMs: result?.firstStepMs ?? null,
      backendInitMs: result?.backendInitMs ?? null,
      testAccuracy: null,
      finalLoss: result?.finalLoss ?? null,
      ...(error !== undefined ? { error } : {}),
      timestamp: new Date().toISOString(),
    });
    console.log(
      `cifarVgg ${engine}: ${error ?? `${result?.samplesPerSec?.toFixed(1)} samples/s (${result?.msPerStep?.toFixed(0)} ms a step)`}`,
    );
  }
  if (opts.epochs > 0) {
    const t0 = performance.now();
    const epochRecord = (run: EpochRun): BenchRecord => {
      const totalMs = performance.now() - t0;
      const best = run.accuracies.indexOf(Math.max(...run.accuracies));
      return {
        ...base,
        suite: 'epoch',
        engine: 'layercake',
        backend: 'cpu',
        steps: run.steps,
        warmupSteps: 0,
        samplesPerSec: (run.steps * BATCH * 1000) / totalMs,
        msPerStep: totalMs / run.steps,
        firstStepMs: null,
        backendInitMs: 0,
        testAccuracy: run.accuracies[best],
        finalLoss: run.finalLoss,
        epochAccuracies: run.accuracies,
        bestEpoch: best + 1,
        seed: opts.seed,
        totalMs,
        trainSamples: data.train.count,
        testSamples: data.test.count,
        timestamp: new Date().toISOString(),
      };
    };
    const run = await oursEpochs(data, opts, async (sofar) => {
      await mergeResults([...records, epochRecord(sofar)]);
    });
    records.push(epochRecord(run));
  }
  return records;
}
