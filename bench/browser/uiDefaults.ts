// What `npm run bench -- --ui` trains when not told otherwise: LeNet-5 for 300 steps or two
// minutes, whichever comes first (about 30 s on SwiftShader's WebGPU on two cores).
import type { BenchModel } from '../record';

export const UI_DEFAULTS: { models: BenchModel[]; steps: number; seconds: number } = {
  models: ['lenet5'],
  steps: 300,
  seconds: 120,
};
