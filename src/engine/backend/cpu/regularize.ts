// Dropout and batch norm on the CPU.
// PLACEHOLDER: being written in this session; every function below is replaced.
import type { DropoutParams, BatchNormParams, BatchNormBackwardParams, DeviceBuffer } from '../backend';

export function dropout(_p: DropoutParams): void {
  throw new Error('cpu kernel dropout: not written yet');
}

export function dropoutBackward(_p: { dy: DeviceBuffer; mask: DeviceBuffer; dx: DeviceBuffer; n: number; accumulate: boolean }): void {
  throw new Error('cpu kernel dropoutBackward: not written yet');
}

export function batchNorm(_p: BatchNormParams): void {
  throw new Error('cpu kernel batchNorm: not written yet');
}

export function batchNormBackward(_p: BatchNormBackwardParams): void {
  throw new Error('cpu kernel batchNormBackward: not written yet');
}

