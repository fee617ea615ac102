// Losses on the CPU.
// PLACEHOLDER: being written in this session; every function below is replaced.
import type { LossParams } from '../backend';

export function loss(_p: LossParams): void {
  throw new Error('cpu kernel loss: not written yet');
}

