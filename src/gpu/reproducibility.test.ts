// The same experiment trained twice on WebGPU gives the same run: the first 100 losses agree
// within 1e-5 relative (the promise a shared link makes on this backend), for a toy set and
// for the MLP on real MNIST. On the CPU the promise is bit for bit (trainer.test.ts, and the
// browser test compare-runs.spec.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../engine/data/dataset';
import { makeToyDataset } from '../engine/data/toy2d';
import { templateSpec } from '../engine/spec/templates';
import type { ExperimentSpec } from '../engine/spec/schema';
import { Trainer } from '../engine/train/trainer';
import { loadMnistFromDisk } from '../../scripts/nodeDatasets';
import { nodeWebGpuBackend } from './testing/nodeWebGpu';
import type { WebGpuBackend } from './webgpuBackend';

const STEPS = 100;
let gpu: WebGpuBackend;

beforeAll(async () => {
  gpu = await nodeWebGpuBackend();
});
afterAll(() => gpu?.destroy());

async function losses(spec: ExperimentSpec, data: Dataset): Promise<number[]> {
  const out: number[] = [];
  const trainer = await Trainer.create(spec, gpu, data, (e) => {
    if (e.type === 'metrics') out.push(...e.loss);
  });
  await trainer.trainSteps(STEPS);
  await trainer.flush();
  trainer.dispose();
  return out;
}

function worstRelative(a: number[], b: number[]): number {
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]) / Math.max(Math.abs(b[i]), 1e-30)));
}

describe('the same spec twice on WebGPU', () => {
  it(`spiral: ${STEPS} losses within 1e-5 relative`, async () => {
    const spec = templateSpec('spiral');
    if (spec.data.dataset !== 'toy') throw new Error('spiral is a toy set');
    const data = makeToyDataset(spec.data, spec.train.seed);
    const [a, b] = [await losses(spec, data), await losses(spec, data)];
    expect(a).toHaveLength(STEPS);
    expect(a.every(Number.isFinite)).toBe(true);
    expect(worstRelative(a, b)).toBeLessThanOrEqual(1e-5);
  });

  it(`MLP on MNIST: ${STEPS} losses within 1e-5 relative`, async () => {
    const spec = templateSpec('mlp');
    const mnist = await loadMnistFromDisk();
    const [a, b] = [await losses(spec, mnist), await losses(spec, mnist)];
    expect(a).toHaveLength(STEPS);
    expect(worstRelative(a, b)).toBeLessThanOrEqual(1e-5);
    expect(a[STEPS - 1]).toBeLessThan(a[0]);
  }, 120_000);
});
