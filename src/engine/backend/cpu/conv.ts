// 2-D convolution on the CPU.
// PLACEHOLDER: being written in this session; every function below is replaced.
import type { Conv2dParams, Conv2dBackwardDataParams, Conv2dBackwardFilterParams } from '../backend';

export function conv2d(_p: Conv2dParams): void {
  throw new Error('cpu kernel conv2d: not written yet');
}

export function conv2dBackwardData(_p: Conv2dBackwardDataParams): void {
  throw new Error('cpu kernel conv2dBackwardData: not written yet');
}

export function conv2dBackwardFilter(_p: Conv2dBackwardFilterParams): void {
  throw new Error('cpu kernel conv2dBackwardFilter: not written yet');
}

