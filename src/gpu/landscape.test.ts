// The loss landscape on WebGPU agrees with the CPU backend: the same slice of a small MLP's
// loss on the same fixed batch, where each grid point is made on the device (combine) and its
// loss copied into a row buffer within one submit per row (lossLandscape.ts's device path).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../engine/backend/backend';
import { CpuBackend } from '../engine/backend/cpu/cpuBackend';
import { LossLandscape } from '../engine/analysis/lossLandscape';
import { chainSpec } from '../engine/testing/chainSpec';
import type { ExperimentSpec } from '../engine/spec/schema';
import { nodeWebGpuBackend } from './testing/nodeWebGpu';
import type { WebGpuBackend } from './webgpuBackend';

let gpu: WebGpuBackend;
beforeAll(async () => {
  gpu = await nodeWebGpuBackend();
});
afterAll(() => gpu?.destroy());

const CHAIN = [
  { id: 'in', op: 'input', params: { shape: [6] } },
  { id: 'h', op: 'dense', params: { units: 16 } },
  { id: 'act', op: 'tanh', params: {} },
  { id: 'logits', op: 'dense', params: { units: 4 } },
  { id: 'loss', op: 'softmaxCrossEntropy', params: {} },
];

function spec(): ExperimentSpec {
  return chainSpec(CHAIN, {
    data: { dataset: 'toy', kind: 'gaussians', classes: 4, samples: 200 },
    train: { optimizer: { kind: 'sgd', lr: 0.1 }, batchSize: 50, epochs: 1, seed: 2 },
  });
}

const count = 50;
const batch = {
  inputs: Float32Array.from({ length: 6 * count }, (_, i) => Math.sin(0.37 * i)),
  labels: Int32Array.from({ length: count }, (_, i) => (i * 7) % 4),
  targets: null,
  count,
};

async function sliceOn(backend: Backend): Promise<Float32Array> {
  const land = LossLandscape.create(spec(), backend, batch);
  const center = land.shapes.map((s, i) =>
    Float32Array.from({ length: s.reduce((a, b) => a * b, 1) }, (_, k) => 0.3 * Math.cos(k + i)),
  );
  const slice = await land.slice(center, { size: 9, range: 1, seed: 5 });
  expect(slice.losses[4 * 9 + 4]).toBeCloseTo(slice.center, 4);
  land.dispose();
  return slice.losses;
}

describe('loss landscape on WebGPU', () => {
  it('gives the CPU backend’s slice', async () => {
    const [cpu, onGpu] = [await sliceOn(new CpuBackend()), await sliceOn(gpu)];
    for (let i = 0; i < cpu.length; i++)
      expect(Math.abs(onGpu[i] - cpu[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(cpu[i])));
  });
});
