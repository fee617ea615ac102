// Whole training runs on WebGPU agree with the CPU backend: twenty steps of the MLP and of
// LeNet-5 on real MNIST give the same losses within 1e-4 relative, and an evaluation pass (of
// the first 1,000 test digits: 15 full batches and a partial one) the same test loss. So do a
// few augmented steps of the two CIFAR-10 templates (batch norm, dropout, crops and mirrors).
// Kernel-level agreement is webgpuBackend.test.ts; this checks the assembly (one submit per
// step, per-step uniforms, the metrics ring, gather, fan-out) end to end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CpuBackend } from '../engine/backend/cpu/cpuBackend';
import type { Backend } from '../engine/backend/backend';
import type { Dataset } from '../engine/data/dataset';
import { templateSpec, type TemplateName } from '../engine/spec/templates';
import type { MetricsEvent } from '../engine/train/events';
import { Trainer } from '../engine/train/trainer';
import { datasetForSpecFromDisk, loadMnistFromDisk } from '../../scripts/nodeDatasets';
import { nodeWebGpuBackend } from './testing/nodeWebGpu';
import type { WebGpuBackend } from './webgpuBackend';

const STEPS = 20;
let gpu: WebGpuBackend;
let mnist: Dataset;

beforeAll(async () => {
  [gpu, mnist] = await Promise.all([nodeWebGpuBackend(), loadMnistFromDisk()]);
});

afterAll(() => gpu?.destroy());

async function run(
  backend: Backend,
  template: TemplateName,
  data = mnist,
  {
    steps = STEPS,
    batch,
    testSamples = 1000,
  }: { steps?: number; batch?: number; testSamples?: number } = {},
): Promise<{ losses: number[]; testLoss: number }> {
  const spec = templateSpec(template);
  spec.train.testSamples = testSamples;
  if (batch !== undefined) spec.train.batchSize = batch;
  const losses: number[] = [];
  const trainer = await Trainer.create(spec, backend, data, (e) => {
    if (e.type === 'metrics') losses.push(...(e as MetricsEvent).loss);
  });
  await trainer.trainSteps(steps);
  await trainer.flush();
  const { loss } = await trainer.evaluate();
  trainer.dispose();
  return { losses, testLoss: loss };
}

function worstRelative(a: number[], b: number[]): number {
  expect(a.length).toBe(b.length);
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]) / Math.abs(b[i])));
}

describe('training on WebGPU matches the CPU backend', () => {
  for (const template of ['mlp', 'lenet5'] as const) {
    it(`${template}: ${STEPS} steps on MNIST, losses within 1e-4 relative`, async () => {
      const [onGpu, onCpu] = [await run(gpu, template), await run(new CpuBackend(), template)];
      expect(onCpu.losses).toHaveLength(STEPS);
      expect(worstRelative(onGpu.losses, onCpu.losses)).toBeLessThan(1e-4);
      expect(Math.abs(onGpu.testLoss - onCpu.testLoss) / onCpu.testLoss).toBeLessThan(1e-4);
      // It learned: twenty Adam steps take the loss well below ln 10.
      expect(onGpu.losses[STEPS - 1]).toBeLessThan(onGpu.losses[0]);
    });
  }
});

describe('the CIFAR-10 templates on WebGPU match the CPU backend', () => {
  // Batches of 16, not the recipe's 64: a step of the small VGG at 64 takes about 15 s on
  // SwiftShader. What is checked is the assembly of the colour path on the GPU (the augmented
  // gather, batch norm in training and evaluation, dropout, He-initialised 5×5 convolutions),
  // step by step against the CPU. Measured: losses within 3.4e-6 relative (VGG) and 2.2e-6
  // (ConvNetJS), test losses within 2.1e-7.
  const steps = 4;
  const options = { steps, batch: 16, testSamples: 64 };
  let cifar: Dataset;
  beforeAll(async () => {
    cifar = await datasetForSpecFromDisk(templateSpec('cifarVgg').data, 1);
  });

  for (const template of ['cifarVgg', 'cifarConvnetJs'] as const) {
    it(`${template}: ${steps} augmented steps of ${options.batch} images, losses within 1e-4 relative`, async () => {
      const onGpu = await run(gpu, template, cifar, options);
      const onCpu = await run(new CpuBackend(), template, cifar, options);
      expect(onCpu.losses).toHaveLength(steps);
      expect(worstRelative(onGpu.losses, onCpu.losses)).toBeLessThan(1e-4);
      expect(Math.abs(onGpu.testLoss - onCpu.testLoss) / onCpu.testLoss).toBeLessThan(1e-4);
    });
  }
});
