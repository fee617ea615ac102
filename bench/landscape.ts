// `npm run bench -- --landscape`: what the loss landscape of a real network costs on our CPU
// backend in Node: a 41 × 41 slice of LeNet-5's loss (1,681 forward passes) and up to 20 Hessian-vector
// products (λmax and λmin by power iteration) (two gradients each, by central differences), both on a fixed batch of 256 training
// images, around the weights after a few training steps. Two records: suite 'landscapeSlice'
// (msPerStep: one grid point) and 'hessianVector' (msPerStep: one product), totalMs each.
import { CpuBackend } from '../src/engine/backend/cpu/cpuBackend';
import { fixedBatchOf } from '../src/engine/analysis/fixedBatch';
import { LossLandscape } from '../src/engine/analysis/lossLandscape';
import type { Dataset } from '../src/engine/data/dataset';
import { datasetNormalization } from '../src/engine/data/registry';
import { templateSpec } from '../src/engine/spec/templates';
import { Trainer } from '../src/engine/train/trainer';
import type { BenchRecord } from './record';

const BATCH = 256;
const GRID = 41;
const PRODUCTS = 20;
const TRAIN_STEPS = 20;

export async function runLandscapeBench(
  data: Dataset,
  machine: { node: string; cpu: string },
): Promise<BenchRecord[]> {
  const spec = templateSpec('lenet5');
  const backend = new CpuBackend();
  const trainer = await Trainer.create(spec, backend, data, () => {});
  await trainer.trainSteps(TRAIN_STEPS);
  const batch = fixedBatchOf(data, datasetNormalization(spec.data, data), BATCH, 7);
  const land = LossLandscape.create(spec, backend, batch);
  try {
    const center = await land.weightsOf(trainer.program);
    const t0 = performance.now();
    let rows = 0;
    await land.slice(center, {
      size: GRID,
      range: 1,
      seed: 11,
      onRow: () => {
        if (++rows % 10 === 0) console.log(`  slice: ${rows} of ${GRID} rows`);
      },
    });
    const sliceMs = performance.now() - t0;
    const t1 = performance.now();
    // λmax then λmin, at most PRODUCTS products in all (fewer when both converge sooner).
    const used = (await land.curvature(center, PRODUCTS)).products;
    const productsMs = performance.now() - t1;
    const record = (suite: BenchRecord['suite'], steps: number, ms: number): BenchRecord => ({
      suite,
      model: 'lenet5',
      engine: 'layercake',
      backend: 'cpu',
      environment: 'node',
      batch: BATCH,
      steps,
      warmupSteps: 0,
      samplesPerSec: (steps * BATCH * 1000) / ms,
      msPerStep: ms / steps,
      firstStepMs: null,
      backendInitMs: null,
      testAccuracy: null,
      finalLoss: null,
      totalMs: ms,
      ratioVsTfjsCpu: null,
      timestamp: new Date().toISOString(),
      ...machine,
    });
    return [
      record('landscapeSlice', GRID * GRID, sliceMs),
      record('hessianVector', used, productsMs),
    ];
  } finally {
    land.dispose();
    trainer.dispose();
  }
}
