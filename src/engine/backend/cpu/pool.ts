// Pooling on the CPU.
// PLACEHOLDER: being written in this session; every function below is replaced.
import type { PoolParams, PoolBackwardParams } from '../backend';

export function maxPool(_p: PoolParams): void {
  throw new Error('cpu kernel maxPool: not written yet');
}

export function maxPoolBackward(_p: PoolBackwardParams): void {
  throw new Error('cpu kernel maxPoolBackward: not written yet');
}

export function avgPool(_p: PoolParams): void {
  throw new Error('cpu kernel avgPool: not written yet');
}

export function avgPoolBackward(_p: PoolBackwardParams): void {
  throw new Error('cpu kernel avgPoolBackward: not written yet');
}

