// Input, flatten, reshape: y = x with a new per-sample shape (same values, same order)      dL/dx = dL/dy
// The input node only names the shape of the data; the executor writes each batch into its
// output buffer. Flatten and reshape copy rather than alias, so every node owns its buffer.
import type { CopyBlocksParams, DeviceBuffer } from '../backend/backend';
import type { BuildContext, ModuleDef, ModuleInstance } from './module';
import { shapeSize } from './module';

const format = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

// No parameters for any of them.

export const inputModule: ModuleDef<'input'> = {
  op: 'input',

  // Shape inference: the data's sample shape, as the spec gives it.
  infer(params, inputs) {
    if (inputs.length !== 0) return `input takes no inputs, got ${inputs.length}`;
    return { shape: params.shape, paramCount: 0, flops: 0 };
  },

  // Forward and backward: nothing to do; the executor fills the output with the batch.
  build(): ModuleInstance {
    return { params: [], forward() {}, backward() {} };
  },
};

/** Forward copies x to y; backward copies (or adds) dL/dy into dL/dx. */
function copyThrough<K extends 'flatten' | 'reshape'>(ctx: BuildContext<K>): ModuleInstance {
  const { backend } = ctx;
  const input = ctx.inputs[0];
  const n = ctx.batch * shapeSize(input.shape);
  const copy = (src: DeviceBuffer, dst: DeviceBuffer): CopyBlocksParams => ({
    src,
    dst,
    blocks: 1,
    blockSize: n,
    srcOffset: 0,
    srcStride: n,
    dstOffset: 0,
    dstStride: n,
    accumulate: false,
  });
  const forward = copy(input.value, ctx.output);
  const backward = ctx.gradOutput && input.grad ? copy(ctx.gradOutput, input.grad) : null;
  return {
    params: [],
    forward() {
      backend.copyBlocks(forward);
    },
    backward() {
      if (!backward) return;
      backward.accumulate = input.accumulateGrad;
      backend.copyBlocks(backward);
    },
  };
}

export const flattenModule: ModuleDef<'flatten'> = {
  op: 'flatten',

  // Shape inference: [C, H, W] (or any shape) becomes [C·H·W].
  infer(_params, inputs) {
    if (inputs.length !== 1) return `flatten takes one input, got ${inputs.length}`;
    return { shape: [shapeSize(inputs[0])], paramCount: 0, flops: 0 };
  },

  build: copyThrough,
};

export const reshapeModule: ModuleDef<'reshape'> = {
  op: 'reshape',

  // Shape inference: any shape holding as many values as the input.
  infer(params, inputs) {
    if (inputs.length !== 1) return `reshape takes one input, got ${inputs.length}`;
    const from = shapeSize(inputs[0]);
    const to = shapeSize(params.shape);
    if (from !== to) {
      return `cannot reshape ${format(inputs[0])} (${from} values) to ${format(params.shape)} (${to} values)`;
    }
    return { shape: params.shape, paramCount: 0, flops: 0 };
  },

  build: copyThrough,
};
