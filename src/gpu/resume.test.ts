// What the worker relies on when a GPU device is lost: a run checkpointed on WebGPU resumes on
// the CPU backend and continues the same run (losses within the 1e-4 that separate the two
// backends), and once the device is gone the trainer's calls fail instead of hanging, so the
// worker can tell a lost device from a broken run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CpuBackend } from '../engine/backend/cpu/cpuBackend';
import type { Dataset } from '../engine/data/dataset';
import { templateSpec } from '../engine/spec/templates';
import type { EngineEvent, MetricsEvent } from '../engine/train/events';
import { Trainer } from '../engine/train/trainer';
import { loadMnistFromDisk } from '../../scripts/nodeDatasets';
import { nodeWebGpuBackend } from './testing/nodeWebGpu';

let mnist: Dataset;

beforeAll(async () => {
  mnist = await loadMnistFromDisk();
});

const gpus: { destroy(): void }[] = [];
afterAll(() => gpus.forEach((g) => g.destroy()));

function lossesOf(events: EngineEvent[]): number[] {
  return events.filter((e): e is MetricsEvent => e.type === 'metrics').flatMap((m) => [...m.loss]);
}

describe('a run checkpointed on WebGPU', () => {
  for (const template of ['mlp', 'lenet5'] as const) {
    it(`${template}: resumes on the CPU after 12 steps and continues the same run`, async () => {
      const spec = templateSpec(template);
      const gpu = await nodeWebGpuBackend();
      gpus.push(gpu);

      const cpuEvents: EngineEvent[] = [];
      const whole = await Trainer.create(spec, new CpuBackend(), mnist, (e) => cpuEvents.push(e));
      await whole.trainSteps(20);
      await whole.flush();
      whole.dispose();

      const gpuEvents: EngineEvent[] = [];
      const onGpu = await Trainer.create(spec, gpu, mnist, (e) => gpuEvents.push(e));
      await onGpu.trainSteps(12);
      await onGpu.flush();
      const t0 = performance.now();
      const checkpoint = await onGpu.checkpoint();
      const checkpointMs = performance.now() - t0;
      const bytes = [...checkpoint.model, ...checkpoint.optimizer].reduce(
        (n, a) => n + a.byteLength,
        0,
      );
      console.log(
        `${template}: checkpoint of ${(bytes / 1e6).toFixed(2)} MB read off WebGPU in ${checkpointMs.toFixed(1)} ms`,
      );
      expect(checkpoint.step).toBe(12);
      expect(checkpoint.optimizerSteps).toBe(12);

      // The device goes; what the trainer does next fails, it does not hang.
      gpu.gpu.device.destroy();
      await gpu.lost;
      expect(gpu.deviceLost).toBe(true);
      await expect(onGpu.trainSteps(3)).rejects.toThrow(/lost|destroyed/i);

      const resumedEvents: EngineEvent[] = [];
      const onCpu = await Trainer.resume(spec, new CpuBackend(), mnist, checkpoint, (e) =>
        resumedEvents.push(e),
      );
      await onCpu.trainSteps(8);
      await onCpu.flush();

      const want = lossesOf(cpuEvents);
      const got = [...lossesOf(gpuEvents).slice(0, 12), ...lossesOf(resumedEvents)];
      expect(got).toHaveLength(20);
      const worst = Math.max(...got.map((v, i) => Math.abs(v - want[i]) / Math.abs(want[i])));
      expect(worst).toBeLessThan(1e-4);
    });
  }
});
