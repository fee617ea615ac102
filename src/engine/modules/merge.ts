// Add and concat: y = x₁ + x₂ + … ;  y = [x₁; x₂; …] along the first per-sample axis      add: dL/dxᵢ = dL/dy      concat: dL/dxᵢ = dL/dy[rows of xᵢ]
// Concatenating along the first axis of the per-sample shape joins features of flat inputs
// and channels of images. In memory each sample's output is the inputs' samples laid end to
// end, so both directions are one strided block copy per input.
import type { AddParams, CopyBlocksParams, DeviceBuffer } from '../backend/backend';
import type { ModuleDef, ModuleInstance, Shape } from './module';
import { shapeSize } from './module';

const format = (shape: Shape): string => `[${shape.join(', ')}]`;

// No parameters for either.

export const addModule: ModuleDef<'add'> = {
  op: 'add',

  // Shape inference: every input has the same shape, which the output keeps.
  infer(_params, inputs) {
    if (inputs.length < 2) return `add takes at least two inputs, got ${inputs.length}`;
    const [first] = inputs;
    for (let i = 1; i < inputs.length; i++) {
      const shape = inputs[i];
      if (shape.length !== first.length || shape.some((d, j) => d !== first[j])) {
        return `add needs inputs of one shape: input 0 is ${format(first)}, input ${i} is ${format(shape)}`;
      }
    }
    return { shape: first, paramCount: 0, flops: (inputs.length - 1) * shapeSize(first) };
  },

  build(ctx): ModuleInstance {
    const { backend, inputs } = ctx;
    const n = ctx.batch * shapeSize(ctx.outputShape);

    // Forward: y = x₀ + x₁, then y += xᵢ for each further input.
    const sums: AddParams[] = inputs.slice(1).map((input, i) => ({
      a: i === 0 ? inputs[0].value : ctx.output,
      b: input.value,
      out: ctx.output,
      n,
      bSize: n,
    }));

    // Backward: every input receives dL/dy unchanged.
    const dy = ctx.gradOutput;
    const size = shapeSize(ctx.outputShape);
    const passes = inputs.map((input) =>
      dy && input.grad ? gradientSlice(dy, input.grad, ctx.batch, size, 0, size) : null,
    );

    return {
      params: [],
      forward() {
        for (const p of sums) backend.add(p);
      },
      backward() {
        for (let i = 0; i < passes.length; i++) {
          const p = passes[i];
          if (!p) continue;
          p.accumulate = inputs[i].accumulateGrad;
          backend.copyBlocks(p);
        }
      },
    };
  },
};

export const concatModule: ModuleDef<'concat'> = {
  op: 'concat',

  // Shape inference: the inputs agree past their first axis; the output's first axis is the
  // sum of theirs.
  infer(_params, inputs) {
    if (inputs.length < 2) return `concat takes at least two inputs, got ${inputs.length}`;
    const [first] = inputs;
    for (let i = 1; i < inputs.length; i++) {
      const shape = inputs[i];
      if (shape.length !== first.length || shape.some((d, j) => j > 0 && d !== first[j])) {
        return `concat joins inputs along their first axis, so the rest must match: input 0 is ${format(first)}, input ${i} is ${format(shape)}`;
      }
    }
    const joined = inputs.reduce((s, shape) => s + shape[0], 0);
    return { shape: [joined, ...first.slice(1)], paramCount: 0, flops: 0 };
  },

  build(ctx): ModuleInstance {
    const { backend, inputs, batch } = ctx;
    const sampleSize = shapeSize(ctx.outputShape);
    const dy = ctx.gradOutput;

    // Input i's sample sits at [offset, offset + size) of each output sample.
    const forwards: CopyBlocksParams[] = [];
    const backwards: (CopyBlocksParams | null)[] = [];
    let offset = 0;
    for (const input of inputs) {
      const size = shapeSize(input.shape);
      forwards.push({
        src: input.value,
        dst: ctx.output,
        blocks: batch,
        blockSize: size,
        srcOffset: 0,
        srcStride: size,
        dstOffset: offset,
        dstStride: sampleSize,
        accumulate: false,
      });
      backwards.push(
        dy && input.grad ? gradientSlice(dy, input.grad, batch, size, offset, sampleSize) : null,
      );
      offset += size;
    }

    return {
      params: [],
      forward() {
        for (const p of forwards) backend.copyBlocks(p);
      },
      backward() {
        for (let i = 0; i < backwards.length; i++) {
          const p = backwards[i];
          if (!p) continue;
          p.accumulate = inputs[i].accumulateGrad;
          backend.copyBlocks(p);
        }
      },
    };
  },
};

/** For every sample, the `size` values of dL/dy at `offset` in its `stride` values, into dL/dx. */
function gradientSlice(
  dy: DeviceBuffer,
  dx: DeviceBuffer,
  batch: number,
  size: number,
  offset: number,
  stride: number,
): CopyBlocksParams {
  return {
    src: dy,
    dst: dx,
    blocks: batch,
    blockSize: size,
    srcOffset: offset,
    srcStride: stride,
    dstOffset: 0,
    dstStride: size,
    accumulate: false,
  };
}
