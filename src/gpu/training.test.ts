// Whole training runs on WebGPU agree with the CPU backend: twenty steps of the MLP and of
// LeNet-5 on real MNIST give the same losses within 1e-4 relative, and an evaluation pass (of
// the first 1,000 test digits: 15 full batches and a partial one) the same test loss.
// Kernel-level agreement is webgpuBackend.test.ts; this checks the assembly (one submit per
// step, per-step uniforms, the metrics ring, gather, fan-out) end to end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CpuBackend } from '../engine/backend/cpu/cpuBackend';
import type { Backend } from '../engine/backend/backend';
import type { Dataset } from '../engine/data/dataset';
import { templateSpec, type TemplateName } from '../engine/spec/templates';
import type { MetricsEvent } from '../engine/train/events';
import { Trainer } from '../engine/train/trainer';
import { loadMnistFromDisk } from '../../scripts/nodeDatasets';
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
): Promise<{ losses: number[]; testLoss: number }> {
  const spec = templateSpec(template);
  spec.train.testSamples = 1000;
  const losses: number[] = [];
  const trainer = await Trainer.create(spec, backend, mnist, (e) => {
    if (e.type === 'metrics') losses.push(...(e as MetricsEvent).loss);
  });
  await trainer.trainSteps(STEPS);
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
