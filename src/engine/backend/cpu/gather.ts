// Minibatch gather on the CPU: out[b, j] = src[indices[offset + b] · rowSize + j] · scale + shift,
// labelsOut[b] = labels[indices[offset + b]]. The source stays in its compact type (bytes for
// images) and is normalised here, so a data set is held once, unconverted.
import type { GatherParams } from '../backend';
import { CpuBuffer, f32, i32 } from './cpuBuffer';

export function gather(p: GatherParams): void {
  const { batch, rowSize, offset, scale, shift } = p;
  const out = f32(p.out);
  const indices = i32(p.indices);
  if (!(p.src instanceof CpuBuffer) || p.src.data instanceof Int32Array) {
    throw new Error(`gather: source "${p.src.label}" is not a u8 or f32 CPU buffer`);
  }
  const src = p.src.data;
  const rows = Math.floor(src.length / rowSize);
  if (offset < 0 || offset + batch > indices.length) {
    throw new Error(
      `gather: batch ${offset}..${offset + batch} is outside the ${indices.length} indices of "${p.indices.label}"`,
    );
  }
  for (let b = 0; b < batch; b++) {
    const row = indices[offset + b];
    // A bad index would otherwise read undefined and write NaN into the batch silently.
    if (row < 0 || row >= rows) {
      throw new Error(
        `gather: index ${row} at ${offset + b} is outside the ${rows} rows of "${p.src.label}"`,
      );
    }
    const from = row * rowSize;
    const to = b * rowSize;
    for (let j = 0; j < rowSize; j++) out[to + j] = src[from + j] * scale + shift;
  }
  if (p.labels && p.labelsOut) {
    const labels = i32(p.labels);
    const labelsOut = i32(p.labelsOut);
    for (let b = 0; b < batch; b++) labelsOut[b] = labels[indices[offset + b]];
  }
}
