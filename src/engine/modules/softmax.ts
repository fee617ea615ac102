// Softmax: y = e^x / Σ e^x   dL/dx = y ⊙ (dL/dy − Σ dL/dy ⊙ y)      log-softmax: y = x − log Σ e^x   dL/dx = dL/dy − softmax(x) · Σ dL/dy
// Both normalise over the features of each sample; the kernels subtract the row maximum first.
import type { SoftmaxBackwardParams, SoftmaxParams } from '../backend/backend';
import type { BuildContext, ModuleDef, ModuleInstance, Shape, ShapeInfo } from './module';

// No parameters.

function inferSoftmax(op: 'softmax' | 'logSoftmax', inputs: Shape[]): ShapeInfo | string {
  if (inputs.length !== 1) return `${op} takes one input, got ${inputs.length}`;
  const [shape] = inputs;
  if (shape.length !== 1) {
    return `${op} works over a [features] input, got [${shape.join(', ')}]; add a flatten before it`;
  }
  // max, subtract, exp, sum, divide (or log and subtract) per element.
  return { shape, paramCount: 0, flops: 5 * shape[0] };
}

function buildSoftmax(ctx: BuildContext<'softmax' | 'logSoftmax'>, log: boolean): ModuleInstance {
  const { backend } = ctx;
  const input = ctx.inputs[0];
  const forwardParams: SoftmaxParams = {
    x: input.value,
    y: ctx.output,
    rows: ctx.batch,
    cols: input.shape[0],
    log,
  };
  const backwardParams: SoftmaxBackwardParams | null =
    input.grad && ctx.gradOutput
      ? { ...forwardParams, dy: ctx.gradOutput, dx: input.grad, accumulate: input.accumulateGrad }
      : null;
  return {
    params: [],
    forward() {
      backend.softmax(forwardParams);
    },
    backward() {
      if (!backwardParams) return;
      backwardParams.accumulate = input.accumulateGrad;
      backend.softmaxBackward(backwardParams);
    },
  };
}

export const softmaxModule: ModuleDef<'softmax'> = {
  op: 'softmax',
  infer: (_params, inputs) => inferSoftmax('softmax', inputs),
  build: (ctx) => buildSoftmax(ctx, false),
};

export const logSoftmaxModule: ModuleDef<'logSoftmax'> = {
  op: 'logSoftmax',
  infer: (_params, inputs) => inferSoftmax('logSoftmax', inputs),
  build: (ctx) => buildSoftmax(ctx, true),
};
