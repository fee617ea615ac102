// Minibatch gather on the CPU.
// PLACEHOLDER: being written in this session; every function below is replaced.
import type { GatherParams } from '../backend';

export function gather(_p: GatherParams): void {
  throw new Error('cpu kernel gather: not written yet');
}

