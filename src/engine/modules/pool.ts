// Pooling: max y = max_window x, dL/dx = dL/dy at the argmax (0 elsewhere);   avg y = mean_window x, dL/dx = Σ over windows dL/dy / |window|
// Windows see only in-image elements: padding is never the max and is not counted in the mean
// (count_include_pad = false), so a border output averages fewer, real values.
import type { PoolBackwardParams, PoolParams, WindowGeometry } from '../backend/backend';
import type { OpParams } from '../spec/ops';
import { imageInputError, windowOutputSize } from './conv2d';
import type { BuildContext, ModuleDef, ModuleInstance, Shape, ShapeInfo } from './module';

type PoolOp = 'maxpool2d' | 'avgpool2d';

// Parameter shapes: none. Shape inference: channels kept, each spatial axis slides a
// size×size window with stride (default: size, so windows tile) and symmetric padding.
function inferPool(op: PoolOp, p: OpParams<PoolOp>, inputs: Shape[]): ShapeInfo | string {
  const stride = p.stride ?? p.size;
  const error = imageInputError(op, inputs, p.size, p.padding, 'window');
  if (error) return error;
  // As in PyTorch: more padding than half the window would allow windows of padding alone.
  if (2 * p.padding > p.size) {
    return `padding ${p.padding} is more than half the ${p.size}×${p.size} window`;
  }
  const [c, h, w] = inputs[0];
  const outH = windowOutputSize(h, p.size, stride, p.padding);
  const outW = windowOutputSize(w, p.size, stride, p.padding);
  return { shape: [c, outH, outW], paramCount: 0, flops: c * outH * outW * p.size * p.size };
}

function geometry(ctx: BuildContext<PoolOp>): WindowGeometry {
  const p = ctx.params;
  const [inC, inH, inW] = ctx.inputs[0].shape;
  const [outC, outH, outW] = ctx.outputShape;
  const stride = p.stride ?? p.size;
  return {
    batch: ctx.batch,
    inC,
    inH,
    inW,
    outC,
    outH,
    outW,
    kH: p.size,
    kW: p.size,
    stride,
    pad: p.padding,
  };
}

function buildPool(ctx: BuildContext<PoolOp>, kind: 'max' | 'avg'): ModuleInstance {
  const { backend } = ctx;
  const input = ctx.inputs[0];
  const geom = geometry(ctx);
  // Forward. Max pooling remembers where each maximum came from for the backward scatter.
  const argmax = kind === 'max' ? ctx.alloc(ctx.output.size, 'i32', `${ctx.id}.argmax`) : null;
  const forward: PoolParams = { geom, x: input.value, y: ctx.output, argmax };
  // Backward.
  const backward: PoolBackwardParams | null =
    ctx.gradOutput && input.grad
      ? { geom, dy: ctx.gradOutput, dx: input.grad, argmax, accumulate: input.accumulateGrad }
      : null;
  return {
    params: [],
    forward() {
      if (kind === 'max') backend.maxPool(forward);
      else backend.avgPool(forward);
    },
    backward() {
      if (!backward) return;
      if (kind === 'max') backend.maxPoolBackward(backward);
      else backend.avgPoolBackward(backward);
    },
  };
}

export const maxpool2dModule: ModuleDef<'maxpool2d'> = {
  op: 'maxpool2d',
  infer: (p, inputs) => inferPool('maxpool2d', p, inputs),
  build: (ctx) => buildPool(ctx, 'max'),
};

export const avgpool2dModule: ModuleDef<'avgpool2d'> = {
  op: 'avgpool2d',
  infer: (p, inputs) => inferPool('avgpool2d', p, inputs),
  build: (ctx) => buildPool(ctx, 'avg'),
};
