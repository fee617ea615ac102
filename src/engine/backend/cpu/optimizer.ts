// Optimizer updates on the CPU.
// PLACEHOLDER: being written in this session; every function below is replaced.
import type { OptimizerUpdateParams, ClipParams } from '../backend';

export function optimizerUpdate(_p: OptimizerUpdateParams): void {
  throw new Error('cpu kernel optimizerUpdate: not written yet');
}

export function clipGradients(_p: ClipParams): void {
  throw new Error('cpu kernel clipGradients: not written yet');
}

