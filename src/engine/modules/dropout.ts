// Dropout (inverted): training y = x ⊙ m, m_i ∈ {0, 1/(1−p)} drawn fresh each step; eval y = x      dL/dx = dL/dy ⊙ m (eval: dL/dy)
// Scaling the kept values at training time keeps E[y] = x, so evaluation is the identity.
import type { CopyBlocksParams, DropoutParams } from '../backend/backend';
import { parameterSeed } from './init';
import type { ModuleDef } from './module';
import { shapeSize } from './module';

// No parameters: the mask is a buffer of batch × features f32 values, rewritten every step.

export const dropoutModule: ModuleDef<'dropout'> = {
  op: 'dropout',

  infer(_params, inputs) {
    if (inputs.length !== 1) return `dropout takes one input, got ${inputs.length}`;
    const [shape] = inputs;
    return { shape, paramCount: 0, flops: shapeSize(shape) };
  },

  build(ctx) {
    const { backend } = ctx;
    const input = ctx.inputs[0];
    const n = ctx.batch * shapeSize(input.shape);
    const mask = ctx.alloc(n, 'f32', `${ctx.id}.mask`);
    const dropoutParams: DropoutParams = {
      x: input.value,
      y: ctx.output,
      mask,
      n,
      p: ctx.params.rate,
      seed: parameterSeed(ctx.seed, ctx.id, 'dropout'),
      counter: 0,
    };
    const copyParams: CopyBlocksParams = {
      src: input.value,
      dst: ctx.output,
      blocks: 1,
      blockSize: n,
      srcOffset: 0,
      srcStride: n,
      dstOffset: 0,
      dstStride: n,
      accumulate: false,
    };
    const backwardParams =
      input.grad && ctx.gradOutput
        ? { dy: ctx.gradOutput, mask, dx: input.grad, n, accumulate: input.accumulateGrad }
        : null;
    // Evaluation is the identity, so its gradient passes straight through (saliency runs
    // backward in evaluation mode, where the mask is stale).
    const evalBackward: CopyBlocksParams | null =
      input.grad && ctx.gradOutput
        ? { ...copyParams, src: ctx.gradOutput, dst: input.grad, accumulate: false }
        : null;

    return {
      params: [],
      forward(state) {
        if (!state.training) {
          backend.copyBlocks(copyParams);
          return;
        }
        // Step s draws words s·n … s·n + n − 1 of the stream: fresh bits every step, and the
        // same bits whenever the same step is replayed (gradient checks, resumed runs). The
        // counter is a u32 on the GPU, so it wraps the same way here.
        dropoutParams.counter = Math.imul(state.step, n) >>> 0;
        backend.dropout(dropoutParams);
      },
      backward(state) {
        if (!backwardParams || !evalBackward) return;
        if (!state.training) {
          evalBackward.accumulate = input.accumulateGrad;
          backend.copyBlocks(evalBackward);
          return;
        }
        backwardParams.accumulate = input.accumulateGrad;
        backend.dropoutBackward(backwardParams);
      },
    };
  },
};
