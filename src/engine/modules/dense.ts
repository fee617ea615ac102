// Dense: y = x·Wᵀ + b      dL/dx = dL/dy·W      dL/dW = (dL/dy)ᵀ·x      dL/db = Σ_batch dL/dy
// An input of any shape is read as its flattened features, so a dense layer can follow a
// convolution without a flatten node.
import type { MatmulParams, SumRowsParams } from '../backend/backend';
import type { OpParams } from '../spec/ops';
import { initWeights, parameterSeed } from './init';
import type { ModuleDef, ModuleInstance, Parameter, Shape, ShapeInfo } from './module';
import { shapeSize } from './module';

// Parameter shapes and initialisation: weight [units, inFeatures] (row i holds unit i's
// weights, so the forward pass reads W transposed) with fanIn = inFeatures and fanOut = units;
// bias [units] starting at zero.
function parameterShapes(
  p: OpParams<'dense'>,
  features: number,
): { weight: number[]; bias: number[] | null } {
  return { weight: [p.units, features], bias: p.bias ? [p.units] : null };
}

// Shape inference.
function infer(p: OpParams<'dense'>, inputs: Shape[]): ShapeInfo | string {
  if (inputs.length !== 1) return `dense takes one input, got ${inputs.length}`;
  const features = shapeSize(inputs[0]);
  return {
    shape: [p.units],
    paramCount: p.units * features + (p.bias ? p.units : 0),
    flops: 2 * features * p.units + (p.bias ? p.units : 0),
  };
}

export const denseModule: ModuleDef<'dense'> = {
  op: 'dense',
  infer,
  build(ctx): ModuleInstance {
    const { backend, id, params: p, batch } = ctx;
    const input = ctx.inputs[0];
    const features = shapeSize(input.shape);
    const units = p.units;
    const shapes = parameterShapes(p, features);

    const weight: Parameter = {
      name: 'weight',
      value: ctx.alloc(units * features, 'f32', `${id}.weight`),
      grad: ctx.alloc(units * features, 'f32', `${id}.weight.grad`),
      shape: shapes.weight,
      decay: true,
    };
    initWeights(
      backend,
      weight.value,
      p.init,
      features,
      units,
      parameterSeed(ctx.seed, id, 'weight'),
    );
    const params: Parameter[] = [weight];
    let bias: Parameter | null = null;
    if (shapes.bias) {
      bias = {
        name: 'bias',
        value: ctx.alloc(units, 'f32', `${id}.bias`),
        grad: ctx.alloc(units, 'f32', `${id}.bias.grad`),
        shape: shapes.bias,
        decay: false,
      };
      backend.fill(bias.value, 0);
      params.push(bias);
    }

    // Forward: y[batch × units] = x[batch × features] · Wᵀ, with the bias added in the epilogue.
    const forward: MatmulParams = {
      a: input.value,
      b: weight.value,
      c: ctx.output,
      m: batch,
      n: units,
      k: features,
      transA: false,
      transB: true,
      accumulate: false,
      bias: bias?.value,
      activation: ctx.activation ?? 'none',
    };

    // Backward.
    const dy = ctx.gradOutput;
    const weightGrad: MatmulParams | null = dy
      ? {
          a: dy,
          b: input.value,
          c: weight.grad,
          m: units,
          n: features,
          k: batch,
          transA: true,
          transB: false,
          accumulate: false,
        }
      : null;
    const biasGrad: SumRowsParams | null =
      dy && bias ? { src: dy, dst: bias.grad, rows: batch, cols: units, accumulate: false } : null;
    // The first layer's input is the data: no gradient, and no batch×features×units pass.
    const inputGrad: MatmulParams | null =
      dy && input.grad
        ? {
            a: dy,
            b: weight.value,
            c: input.grad,
            m: batch,
            n: features,
            k: units,
            transA: false,
            transB: false,
            accumulate: input.accumulateGrad,
          }
        : null;

    return {
      params,
      forward() {
        backend.matmul(forward);
      },
      backward() {
        if (weightGrad) backend.matmul(weightGrad);
        if (biasGrad) backend.sumRows(biasGrad);
        if (inputGrad) {
          inputGrad.accumulate = input.accumulateGrad;
          backend.matmul(inputGrad);
        }
      },
    };
  },
};
