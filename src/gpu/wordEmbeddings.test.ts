// word2vec on WebGPU (Dawn on SwiftShader) trains what the CPU backend trains: the same batches
// through the same kernels give the same losses and vectors, for skip-gram (plain lookups, vec4
// kernels) and CBOW (weighted bags, odd dimension: the scalar kernels).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CpuBackend } from '../engine/backend/cpu/cpuBackend';
import type { Backend } from '../engine/backend/backend';
import {
  DEFAULT_WORD_SETTINGS,
  tokenizeText,
  WordTrainingSession,
  type WordSettings,
} from '../engine/text/session';
import { nodeWebGpuBackend } from './testing/nodeWebGpu';
import type { WebGpuBackend } from './webgpuBackend';

let gpu: WebGpuBackend;
beforeAll(async () => {
  gpu = await nodeWebGpuBackend();
});
afterAll(() => gpu?.destroy());

const topics = ['king queen prince crown throne palace', 'ship sail sea harbour boat wave'];
const text = tokenizeText(
  Array.from({ length: 60 }, (_, i) => {
    const t = topics[i % 2].split(' ');
    return Array.from({ length: 20 }, (_, k) => t[(i * 5 + k * 7) % t.length]).join(' ');
  }).join(' '),
);

async function run(backend: Backend, settings: WordSettings) {
  const s = new WordTrainingSession(backend, text, settings);
  await s.model.prepare();
  const losses: number[] = [];
  for (let i = 0; i < 6; i++) {
    s.trainSteps(5);
    losses.push((await s.model.readLoss())!.loss);
  }
  const vectors = await s.model.vectors();
  s.free();
  return { losses, vectors };
}

describe('word2vec on WebGPU matches the CPU backend', () => {
  for (const [name, patch] of [
    ['skip-gram, 16 dimensions', { mode: 'skipgram', dim: 16 }],
    ['CBOW, 13 dimensions', { mode: 'cbow', dim: 13 }],
  ] as const) {
    it(name, async () => {
      const settings: WordSettings = {
        ...DEFAULT_WORD_SETTINGS,
        ...patch,
        window: 3,
        batchRows: 96,
        minCount: 1,
        subsample: 0,
        epochs: 20,
        lr: 0.05,
      };
      const [onGpu, onCpu] = [await run(gpu, settings), await run(new CpuBackend(), settings)];
      for (let i = 0; i < onCpu.losses.length; i++) {
        expect(Math.abs(onGpu.losses[i] - onCpu.losses[i])).toBeLessThan(1e-4 * onCpu.losses[i]);
      }
      expect(onCpu.losses[5]).toBeLessThan(onCpu.losses[0]);
      let worst = 0;
      for (let i = 0; i < onCpu.vectors.length; i++) {
        worst = Math.max(worst, Math.abs(onGpu.vectors[i] - onCpu.vectors[i]));
      }
      expect(worst).toBeLessThan(1e-4);
    });
  }
});
