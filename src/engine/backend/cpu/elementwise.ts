// Element-wise kernels on the CPU.
// PLACEHOLDER: being written in this session; every function below is replaced.
import type { AddParams, CopyBlocksParams, DeviceBuffer, UnaryBackwardParams, UnaryParams } from '../backend';
import { f32 } from './cpuBuffer';

export function fill(buf: DeviceBuffer, value: number, n = buf.size): void {
  f32(buf).fill(value, 0, n);
}

export function unary(_p: UnaryParams): void {
  throw new Error('cpu kernel unary: not written yet');
}

export function unaryBackward(_p: UnaryBackwardParams): void {
  throw new Error('cpu kernel unaryBackward: not written yet');
}

export function add(_p: AddParams): void {
  throw new Error('cpu kernel add: not written yet');
}

export function copyBlocks(_p: CopyBlocksParams): void {
  throw new Error('cpu kernel copyBlocks: not written yet');
}
