// Batch norm: y = γ·x̂ + β, x̂ = (x − μ)/σ per channel      dL/dx = γ/σ·(dL/dy − mean dL/dy − x̂·mean(dL/dy ⊙ x̂))      dL/dγ = Σ dL/dy ⊙ x̂      dL/dβ = Σ dL/dy
// μ and σ = √(var + ε) are taken over the batch (and space, for images). Training normalises
// with the batch's statistics and folds them into running averages; evaluation normalises with
// the running averages, so one sample's output does not depend on the rest of its batch.
import type { BatchNormBackwardParams, BatchNormParams } from '../backend/backend';
import type { ModuleDef, Parameter, Shape } from './module';
import { shapeSize } from './module';

/** A dense input [F] has F channels of one value; a conv input [C, H, W] has C channels of H·W. */
function channelLayout(shape: Shape): { channels: number; spatial: number } | null {
  if (shape.length === 1) return { channels: shape[0], spatial: 1 };
  if (shape.length === 3) return { channels: shape[0], spatial: shape[1] * shape[2] };
  return null;
}

export const batchnormModule: ModuleDef<'batchnorm'> = {
  op: 'batchnorm',

  // Parameters: γ (init 1) and β (init 0), one per channel, exempt from weight decay, which
  // would pull the scale towards 0 and fight the normalisation. The running mean (init 0) and
  // variance (init 1) are statistics, not parameters: the optimizer never sees them.

  infer(_params, inputs) {
    if (inputs.length !== 1) return `batchnorm takes one input, got ${inputs.length}`;
    const [shape] = inputs;
    const layout = channelLayout(shape);
    if (!layout) {
      return `batchnorm needs a [features] or [channels, height, width] input, got [${shape.join(', ')}]`;
    }
    // Statistics (≈ 3 per element) and the affine normalisation (2 per element).
    return { shape, paramCount: 2 * layout.channels, flops: 5 * shapeSize(shape) };
  },

  build(ctx) {
    const { backend, id } = ctx;
    const input = ctx.inputs[0];
    const layout = channelLayout(input.shape);
    if (!layout)
      throw new Error(`batchnorm ${id}: unsupported input shape [${input.shape.join(', ')}]`);
    const { channels, spatial } = layout;

    const parameter = (name: string, init: number): Parameter => {
      const value = ctx.alloc(channels, 'f32', `${id}.${name}`);
      const grad = ctx.alloc(channels, 'f32', `${id}.${name}.grad`);
      backend.fill(value, init);
      backend.fill(grad, 0);
      return { name, value, grad, shape: [channels], decay: false };
    };
    const gamma = parameter('gamma', 1);
    const beta = parameter('beta', 0);
    const runningMean = ctx.alloc(channels, 'f32', `${id}.runningMean`);
    const runningVar = ctx.alloc(channels, 'f32', `${id}.runningVar`);
    backend.fill(runningMean, 0);
    backend.fill(runningVar, 1);
    const savedMean = ctx.alloc(channels, 'f32', `${id}.savedMean`);
    const savedInvStd = ctx.alloc(channels, 'f32', `${id}.savedInvStd`);

    // Shape inference and forward.
    const forwardParams: BatchNormParams = {
      x: input.value,
      y: ctx.output,
      gamma: gamma.value,
      beta: beta.value,
      runningMean,
      runningVar,
      savedMean,
      savedInvStd,
      batch: ctx.batch,
      channels,
      spatial,
      eps: ctx.params.eps,
      momentum: ctx.params.momentum,
      training: true,
    };

    // Backward. The kernel always writes dx; when nothing upstream wants it (batch norm right
    // after the input), it goes to a scratch buffer so γ and β still learn.
    const backwardParams: BatchNormBackwardParams | null = ctx.gradOutput
      ? {
          x: input.value,
          dy: ctx.gradOutput,
          dx: input.grad ?? ctx.alloc(ctx.batch * channels * spatial, 'f32', `${id}.dxScratch`),
          gamma: gamma.value,
          dGamma: gamma.grad,
          dBeta: beta.grad,
          savedMean,
          savedInvStd,
          batch: ctx.batch,
          channels,
          spatial,
          accumulate: input.grad ? input.accumulateGrad : false,
        }
      : null;

    return {
      params: [gamma, beta],
      buffers: [runningMean, runningVar],
      forward(state) {
        forwardParams.training = state.training;
        backend.batchNorm(forwardParams);
      },
      backward(state) {
        if (!backwardParams) return;
        backwardParams.accumulate = input.grad ? input.accumulateGrad : false;
        // In evaluation the statistics were the running ones: constants of the input.
        backwardParams.frozen = !state.training;
        backend.batchNormBackward(backwardParams);
      },
    };
  },
};
