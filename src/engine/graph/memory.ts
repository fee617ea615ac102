// The memory a compiled model will take, estimated before anything is allocated, so a model
// too large for the device is refused with its size instead of failing half-way.
import type { ShapeReport } from '../spec/inferShapes';
import { shapeSize } from '../modules/module';

export interface MemoryEstimate {
  activationBytes: number;
  parameterBytes: number;
  datasetBytes: number;
  totalBytes: number;
}

/**
 * Activations and their gradients for one batch (×2), parameters with their gradient and up
 * to two optimizer states (×4), scratch for im2col-style kernels (×1 of the largest
 * activation), and the dataset as stored on the device.
 */
export function estimateMemory(
  report: ShapeReport,
  batch: number,
  datasetBytes: number,
): MemoryEstimate {
  let activations = 0;
  let largest = 0;
  for (const info of report.nodes.values()) {
    const values = batch * shapeSize(info.shape);
    activations += values;
    largest = Math.max(largest, values);
  }
  const activationBytes = 4 * (2 * activations + largest);
  const parameterBytes = 4 * 4 * report.totalParams;
  return {
    activationBytes,
    parameterBytes,
    datasetBytes,
    totalBytes: activationBytes + parameterBytes + datasetBytes,
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${value.toFixed(1)} ${units[i]}`;
}
