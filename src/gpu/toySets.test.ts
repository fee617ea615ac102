// Toy sets on WebGPU agree with the CPU backend: a regression run (real-valued targets gathered
// with their inputs, MSE against them) gives the same losses, and the decision boundary's grid
// probe the same probabilities and hidden-unit maps, and it frees what it allocated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CpuBackend } from '../engine/backend/cpu/cpuBackend';
import type { Backend } from '../engine/backend/backend';
import { DecisionBoundary, type BoundaryFrame } from '../engine/analysis/decisionBoundary';
import { makeToyDataset } from '../engine/data/toy2d';
import { parseExperimentSpec } from '../engine/spec/parse';
import type { ExperimentSpec, ExperimentSpecInput } from '../engine/spec/schema';
import type { MetricsEvent } from '../engine/train/events';
import { Trainer } from '../engine/train/trainer';
import { nodeWebGpuBackend } from './testing/nodeWebGpu';
import type { WebGpuBackend } from './webgpuBackend';

let gpu: WebGpuBackend;
beforeAll(async () => {
  gpu = await nodeWebGpuBackend();
});
afterAll(() => gpu?.destroy());

function spec(data: ExperimentSpecInput['data'], outputs: number, loss: string): ExperimentSpec {
  const ids = ['in', 'h1', 'a1', 'h2', 'a2', 'out', 'loss'];
  const r = parseExperimentSpec({
    version: 1,
    model: {
      nodes: [
        { id: 'in', op: 'input', params: { shape: [2] } },
        { id: 'h1', op: 'dense', params: { units: 8 } },
        { id: 'a1', op: 'relu', params: {} },
        { id: 'h2', op: 'dense', params: { units: 6 } },
        { id: 'a2', op: 'tanh', params: {} },
        { id: 'out', op: 'dense', params: { units: outputs } },
        { id: 'loss', op: loss, params: {} },
      ],
      edges: ids.slice(1).map((to, i) => ({ from: ids[i], to })),
    },
    data,
    train: { optimizer: { kind: 'adam', lr: 0.01 }, batchSize: 10, epochs: 2, seed: 6 },
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.spec;
}

function toyData(s: ExperimentSpec) {
  if (s.data.dataset !== 'toy') throw new Error('toy sets only');
  return makeToyDataset(s.data, s.train.seed);
}

async function train(backend: Backend, s: ExperimentSpec, steps: number) {
  const losses: number[] = [];
  const trainer = await Trainer.create(s, backend, toyData(s), (e) => {
    if (e.type === 'metrics') losses.push(...(e as MetricsEvent).loss);
  });
  await trainer.trainSteps(steps);
  await trainer.flush();
  return { trainer, losses };
}

/** The boundary of the same weights on both backends: trained on the CPU, resumed on the GPU. */
async function framesOfSameWeights(s: ExperimentSpec, steps: number) {
  const { trainer: onCpu } = await train(new CpuBackend(), s, steps);
  const onGpu = await Trainer.resume(s, gpu, toyData(s), await onCpu.checkpoint(), () => {});
  const frames: BoundaryFrame[] = [];
  const boundaries: DecisionBoundary[] = [];
  for (const t of [onGpu, onCpu]) {
    const boundary = await DecisionBoundary.create(s, t.backend, toyData(s), {
      resolution: 33,
      hiddenResolution: 9,
    });
    frames.push(await boundary.frame(t.program, t.stepsDone));
    boundaries.push(boundary);
  }
  return { onGpu, onCpu, frames, gpuBoundary: boundaries[0] };
}

function worstDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

function expectFramesClose(onGpu: BoundaryFrame, onCpu: BoundaryFrame): void {
  expect(worstDifference(onGpu.values, onCpu.values)).toBeLessThan(1e-5);
  const layers = onCpu.hidden!.layers;
  expect(layers).toHaveLength(2);
  layers.forEach((l, i) => {
    expect(worstDifference(onGpu.hidden!.layers[i].values, l.values)).toBeLessThan(1e-5);
  });
}

describe('toy sets on WebGPU match the CPU backend', () => {
  it('waves regression: 30 steps give the same losses (targets gathered with their inputs)', async () => {
    const s = spec({ dataset: 'toy', kind: 'waves', samples: 300 }, 1, 'meanSquaredError');
    const onGpu = await train(gpu, s, 30);
    const onCpu = await train(new CpuBackend(), s, 30);
    expect(onCpu.losses).toHaveLength(30);
    onGpu.losses.forEach((loss, i) => {
      expect(Math.abs(loss - onCpu.losses[i]) / Math.abs(onCpu.losses[i])).toBeLessThan(1e-3);
    });
    expect(onGpu.losses[29]).toBeLessThan(onGpu.losses[0]);
    onGpu.trainer.dispose();
  });

  it('waves regression: the probe predicts the same surface from the same weights, and frees its buffers', async () => {
    const s = spec({ dataset: 'toy', kind: 'waves', samples: 300 }, 1, 'meanSquaredError');
    const before = gpu.liveBytes;
    const { onGpu, frames, gpuBoundary } = await framesOfSameWeights(s, 30);
    expect(frames[0].task).toBe('regression');
    expectFramesClose(frames[0], frames[1]);
    gpuBoundary.dispose();
    onGpu.dispose();
    expect(gpu.liveBytes).toBe(before);
  });

  it('three-class spiral: the same probabilities and hidden maps, and training carries on alike', async () => {
    const s = spec(
      { dataset: 'toy', kind: 'spiral', classes: 3, samples: 300 },
      3,
      'softmaxCrossEntropy',
    );
    const { onGpu, onCpu, frames, gpuBoundary } = await framesOfSameWeights(s, 25);
    expect(frames[0].outputs).toBe(3);
    expectFramesClose(frames[0], frames[1]);
    // After a probe, evaluation and training go on as they would have.
    const next = async (t: Trainer) => {
      const { loss } = await t.evaluate();
      await t.trainSteps(5);
      return { loss, snapshot: await t.snapshot() };
    };
    const [g, c] = [await next(onGpu), await next(onCpu)];
    expect(Math.abs(g.loss - c.loss) / c.loss).toBeLessThan(1e-4);
    g.snapshot.values.forEach((v, i) => {
      expect(worstDifference(v, c.snapshot.values[i])).toBeLessThan(1e-4);
    });
    gpuBoundary.dispose();
    onGpu.dispose();
  });
});
