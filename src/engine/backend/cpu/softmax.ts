// Softmax on the CPU.
// PLACEHOLDER: being written in this session; every function below is replaced.
import type { SoftmaxParams, SoftmaxBackwardParams } from '../backend';

export function softmax(_p: SoftmaxParams): void {
  throw new Error('cpu kernel softmax: not written yet');
}

export function softmaxBackward(_p: SoftmaxBackwardParams): void {
  throw new Error('cpu kernel softmaxBackward: not written yet');
}

