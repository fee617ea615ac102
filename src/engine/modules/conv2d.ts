// Conv2d: y[n,o] = b[o] + Σ_c W[o,c] ⋆ x[n,c]      dL/dx[n,c] = Σ_o W[o,c] ∗full dL/dy[n,o]      dL/dW[o,c] = Σ_n dL/dy[n,o] ⋆ x[n,c]      dL/db[o] = Σ_{n,h,w} dL/dy[n,o,h,w]
// (⋆ is cross-correlation with the layer's stride and zero padding; ∗full its transpose.)
import type {
  Conv2dBackwardDataParams,
  Conv2dBackwardFilterParams,
  Conv2dParams,
  DeviceBuffer,
  WindowGeometry,
} from '../backend/backend';
import type { OpParams } from '../spec/ops';
import { initWeights, parameterSeed } from './init';
import type { ModuleDef, ModuleInstance, Parameter, Shape, ShapeInfo } from './module';

/** Output length of a sliding window along one axis: floor((size + 2·pad − k) / stride) + 1. */
export function windowOutputSize(size: number, k: number, stride: number, pad: number): number {
  return Math.floor((size + 2 * pad - k) / stride) + 1;
}

/** Why an input cannot feed a 2-D window op (conv or pool), or null when it can. */
export function imageInputError(
  op: string,
  inputs: Shape[],
  k: number,
  pad: number,
  window: string,
): string | null {
  if (inputs.length !== 1) return `${op} takes one input, got ${inputs.length}`;
  const shape = inputs[0];
  if (shape.length !== 3) {
    return `${op} expects a [channels, height, width] input, got [${shape.join(', ')}]`;
  }
  const [, h, w] = shape;
  if (k > h + 2 * pad || k > w + 2 * pad) {
    const padded = pad > 0 ? ` (${h + 2 * pad}×${w + 2 * pad} with padding ${pad})` : '';
    return `${window} ${k}×${k} is larger than its ${h}×${w} input${padded}`;
  }
  return null;
}

// Parameter shapes and initialisation: weight [filters, C, k, k] with fanIn = C·k·k and
// fanOut = filters·k·k (what each input pixel reaches), bias [filters] starting at zero.
function parameterShapes(
  p: OpParams<'conv2d'>,
  inC: number,
): { weight: number[]; bias: number[] | null } {
  return { weight: [p.filters, inC, p.kernel, p.kernel], bias: p.bias ? [p.filters] : null };
}

// Shape inference.
function infer(p: OpParams<'conv2d'>, inputs: Shape[]): ShapeInfo | string {
  const error = imageInputError('conv2d', inputs, p.kernel, p.padding, 'kernel');
  if (error) return error;
  const [c, h, w] = inputs[0];
  const outH = windowOutputSize(h, p.kernel, p.stride, p.padding);
  const outW = windowOutputSize(w, p.kernel, p.stride, p.padding);
  const shapes = parameterShapes(p, c);
  return {
    shape: [p.filters, outH, outW],
    paramCount: p.filters * c * p.kernel * p.kernel + (shapes.bias ? p.filters : 0),
    flops: 2 * p.filters * outH * outW * c * p.kernel * p.kernel,
  };
}

export const conv2dModule: ModuleDef<'conv2d'> = {
  op: 'conv2d',
  infer,
  build(ctx): ModuleInstance {
    const { backend, id, params: p, batch } = ctx;
    const input = ctx.inputs[0];
    const [inC, inH, inW] = input.shape;
    const [outC, outH, outW] = ctx.outputShape;
    const geom: WindowGeometry = {
      batch,
      inC,
      inH,
      inW,
      outC,
      outH,
      outW,
      kH: p.kernel,
      kW: p.kernel,
      stride: p.stride,
      pad: p.padding,
    };

    const shapes = parameterShapes(p, inC);
    const weightSize = outC * inC * p.kernel * p.kernel;
    const weight: Parameter = {
      name: 'weight',
      value: ctx.alloc(weightSize, 'f32', `${id}.weight`),
      grad: ctx.alloc(weightSize, 'f32', `${id}.weight.grad`),
      shape: shapes.weight,
      decay: true,
    };
    const fanIn = inC * p.kernel * p.kernel;
    const fanOut = outC * p.kernel * p.kernel;
    initWeights(
      backend,
      weight.value,
      p.init,
      fanIn,
      fanOut,
      parameterSeed(ctx.seed, id, 'weight'),
    );
    const params: Parameter[] = [weight];
    let bias: DeviceBuffer | null = null;
    let biasGrad: DeviceBuffer | null = null;
    if (shapes.bias) {
      bias = ctx.alloc(outC, 'f32', `${id}.bias`);
      biasGrad = ctx.alloc(outC, 'f32', `${id}.bias.grad`);
      backend.fill(bias, 0);
      params.push({ name: 'bias', value: bias, grad: biasGrad, shape: shapes.bias, decay: false });
    }

    // Forward.
    const forward: Conv2dParams = {
      geom,
      x: input.value,
      w: weight.value,
      b: bias,
      y: ctx.output,
      activation: ctx.activation ?? 'none',
    };

    // Backward. The first layer's input (the data) needs no gradient, so the costliest pass,
    // backward-data, is skipped there.
    const dy = ctx.gradOutput;
    const backwardFilter: Conv2dBackwardFilterParams | null = dy
      ? { geom, x: input.value, dy, dw: weight.grad, db: biasGrad, accumulate: false }
      : null;
    const backwardData: Conv2dBackwardDataParams | null =
      dy && input.grad
        ? { geom, dy, w: weight.value, dx: input.grad, accumulate: input.accumulateGrad }
        : null;

    return {
      params,
      forward() {
        backend.conv2d(forward);
      },
      backward() {
        if (backwardFilter) backend.conv2dBackwardFilter(backwardFilter);
        if (backwardData) backend.conv2dBackwardData(backwardData);
      },
    };
  },
};
