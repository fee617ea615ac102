// Our engine on the benchmark's models: the template spec, a backend (the CPU one in Node; the
// browser bench's worker also passes the WebGPU one) and the Trainer, exactly as the worker runs
// them (batches gathered and normalised by the backend, metrics read back through the ring
// every few steps). Imports nothing from Node, so the browser bench's worker runs it as is.
import type { Backend } from '../src/engine/backend/backend';
import { CpuBackend } from '../src/engine/backend/cpu/cpuBackend';
import type { Dataset } from '../src/engine/data/dataset';
import { templateSpec } from '../src/engine/spec/templates';
import type { EngineEvent } from '../src/engine/train/events';
import { Trainer } from '../src/engine/train/trainer';
import type { BenchOptions, BenchResult } from './record';

/** Trains `opts.model` on `backend`; `backendInitMs` is what creating the backend took. */
export async function runOurs(
  data: Dataset,
  opts: BenchOptions,
  backend: Backend = new CpuBackend(),
  backendInitMs = 0,
): Promise<BenchResult> {
  const spec = templateSpec(opts.model);
  spec.train.batchSize = opts.batch;
  spec.train.seed = opts.seed;
  // No mid-run evaluations; the trainer still evaluates at each epoch's end, which is timed
  // separately below and taken out of the training time.
  spec.train.evalEverySteps = Number.MAX_SAFE_INTEGER;
  const stepsPerEpoch = Math.floor(data.train.count / opts.batch);
  // One epoch more than needed, so the run does not finish (and flush) inside the timed steps.
  spec.train.epochs = Math.ceil((opts.warmup + opts.steps) / stepsPerEpoch) + 1;

  let lastLoss = NaN;
  let evaluations = 0;
  let failure: string | null = null;
  const onEvent = (e: EngineEvent): void => {
    if (e.type === 'metrics' && e.loss.length > 0) lastLoss = e.loss[e.loss.length - 1];
    else if (e.type === 'eval') evaluations++;
    else if (e.type === 'error') failure = e.message;
  };

  const t0 = performance.now();
  const trainer = await Trainer.create(spec, backend, data, onEvent);
  try {
    await trainer.trainSteps(1);
    await trainer.flush();
    const firstStepMs = performance.now() - t0;
    await trainer.trainSteps(opts.warmup - 1);
    const evaluationsBefore = evaluations;
    const t1 = performance.now();
    const ran = await trainer.trainSteps(opts.steps);
    await trainer.flush();
    let ms = performance.now() - t1;
    if (failure !== null) throw new Error(failure);
    if (ran !== opts.steps)
      throw new Error(`the trainer stopped after ${ran} of ${opts.steps} steps`);

    let testAccuracy: number | null = null;
    const epochEndEvaluations = evaluations - evaluationsBefore;
    if (opts.evaluate || epochEndEvaluations > 0) {
      const te = performance.now();
      const result = await trainer.evaluate();
      ms -= epochEndEvaluations * (performance.now() - te);
      if (opts.evaluate) testAccuracy = result.accuracy;
    }
    return {
      samplesPerSec: (opts.steps * opts.batch * 1000) / ms,
      msPerStep: ms / opts.steps,
      firstStepMs,
      backendInitMs,
      testAccuracy,
      finalLoss: lastLoss,
    };
  } finally {
    trainer.dispose();
  }
}
