// `npm run bench -- --landscape`: what the loss landscape of a real network costs in Node, on
// our CPU backend and on WebGPU (Dawn on SwiftShader, i.e. the CPU's SIMD lanes here): a
// 41 × 41 slice of LeNet-5's loss (1,681 forward passes) and up to 20 Hessian-vector products
// (two gradients each, by central differences; λmax and λmin by Lanczos), both on a fixed batch
// of 256 training images, around the weights after a few training steps. Two records per
// backend: suite 'landscapeSlice' (msPerStep: one grid point) and 'hessianVector' (msPerStep:
// one product), totalMs each.
import type { Backend } from '../src/engine/backend/backend';
import { CpuBackend } from '../src/engine/backend/cpu/cpuBackend';
import { fixedBatchOf } from '../src/engine/analysis/fixedBatch';
import { LossLandscape } from '../src/engine/analysis/lossLandscape';
import type { Dataset } from '../src/engine/data/dataset';
import { datasetNormalization } from '../src/engine/data/registry';
import { templateSpec } from '../src/engine/spec/templates';
import { Trainer } from '../src/engine/train/trainer';
import { benchWebGpuBackend } from './nodeGpu';
import type { BenchRecord } from './record';

const BATCH = 256;
const GRID = 41;
const PRODUCTS = 20;
const TRAIN_STEPS = 20;

type Machine = { node: string; cpu: string };

export async function runLandscapeBench(data: Dataset, machine: Machine): Promise<BenchRecord[]> {
  console.log('landscape on the CPU backend');
  const records = await landscapeOn(new CpuBackend(), 'cpu', data, machine);
  const gpu = await benchWebGpuBackend();
  if (gpu.backend === null) {
    console.log(`no WebGPU in Node (${gpu.reason}): CPU records only`);
    return records;
  }
  console.log(`landscape on ${gpu.adapter}`);
  return [...records, ...(await landscapeOn(gpu.backend, 'webgpu', data, machine))];
}

async function landscapeOn(
  backend: Backend,
  name: 'cpu' | 'webgpu',
  data: Dataset,
  machine: Machine,
): Promise<BenchRecord[]> {
  const spec = templateSpec('lenet5');
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
    // λmax and λmin together, at most PRODUCTS products (fewer when both converge sooner).
    const used = (await land.curvature(center, PRODUCTS)).products;
    const productsMs = performance.now() - t1;
    const record = (suite: BenchRecord['suite'], steps: number, ms: number): BenchRecord => ({
      suite,
      model: 'lenet5',
      engine: 'layercake',
      backend: name,
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
