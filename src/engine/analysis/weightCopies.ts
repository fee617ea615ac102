// Copying a run's model into a probe's program of the same spec, on the device: one copy kernel
// per parameter and running statistic, built once per source program and reused every run.
import type { CopyBlocksParams, DeviceBuffer } from '../backend/backend';
import type { Program } from '../graph/compile';

export interface WeightCopies {
  from: Program;
  copies: CopyBlocksParams[];
}

/** What makes a model's predictions: parameters, then running statistics, in program order. */
export function modelBuffers(program: Program): DeviceBuffer[] {
  return [...program.params.map((p) => p.value), ...program.buffers];
}

/**
 * The copies from `from`'s model into `to`'s; `previous` is returned as it is when it was built
 * for the same source. Throws when the two programs are not of the same model.
 */
export function modelWeightCopies(
  from: Program,
  to: Program,
  previous: WeightCopies | null,
): WeightCopies {
  if (previous?.from === from) return previous;
  const source = modelBuffers(from);
  const target = modelBuffers(to);
  const mismatch =
    source.length !== target.length || source.some((buf, i) => buf.size !== target[i].size);
  if (mismatch) throw new Error('probe: the weights come from a program of another model');
  const copies = source.map((src, i) => ({
    src,
    dst: target[i],
    blocks: 1,
    blockSize: src.size,
    srcOffset: 0,
    srcStride: src.size,
    dstOffset: 0,
    dstStride: src.size,
    accumulate: false,
  }));
  return { from, copies };
}
