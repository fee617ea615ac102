// Losses, ℓ = mean over valid rows of:  cross-entropy  log Σ e^s − s_y  (∂ = softmax(s) − onehot(y))      MSE  mean_j (s_j − t_j)²  (∂ = 2(s − t)/cols)      hinge  Σ_{j≠y} max(0, s_j − s_y + Δ)  (∂ = [violated] − onehot(y)·#violated)
// A loss is the sink of the graph: its one input is the prediction ([features] per sample),
// its targets come from the executor (ctx.target) and it adds Σ loss and Σ correct to the
// device-side metrics (ctx.metrics). The gradient is computed in the same fused kernel pass as
// the loss, during forward: backward has nothing left to do, and the executor, which runs
// backward in reverse order, finds ∂ℓ/∂prediction already written when upstream modules need it.
import type { LossParams } from '../backend/backend';
import type { LossOp } from '../spec/ops';
import type { BuildContext, ModuleDef, ModuleInstance, Shape, ShapeInfo } from './module';

// No parameters.

function inferLoss(op: LossOp, inputs: Shape[], flopsPerElement: number): ShapeInfo | string {
  if (inputs.length !== 1) return `${op} takes one input (the prediction), got ${inputs.length}`;
  const [shape] = inputs;
  if (shape.length !== 1) {
    return `${op} needs a [features] prediction, got [${shape.join(', ')}]; add a flatten before it`;
  }
  return { shape: [], paramCount: 0, flops: flopsPerElement * shape[0] };
}

function buildLoss(
  ctx: BuildContext<LossOp>,
  kind: LossParams['kind'],
  margin: number | undefined,
): ModuleInstance {
  const { backend, id, target, metrics } = ctx;
  const input = ctx.inputs[0];
  const cols = input.shape[0];
  if (!target || !metrics) {
    throw new Error(`${kind} ${id}: the executor gave the loss no targets or metrics`);
  }
  if (kind !== 'meanSquaredError' && target.dtype !== 'i32') {
    throw new Error(`${kind} ${id}: targets must be i32 class labels, got ${target.dtype}`);
  }
  if (target.dtype === 'i32' && target.size < ctx.batch) {
    throw new Error(`${kind} ${id}: ${target.size} labels for a batch of ${ctx.batch}`);
  }
  // Sizes, not shapes: a [1, 28, 28] image is a fine target for a [784] reconstruction.
  if (target.dtype === 'f32' && target.size !== ctx.batch * cols) {
    throw new Error(
      `${kind} ${id}: the target has ${target.size / ctx.batch} values per sample, the prediction ${cols}; they must match`,
    );
  }
  if (input.grad && input.accumulateGrad) {
    // The gradient is written during forward, before any backward: it cannot be added to.
    throw new Error(`${kind} ${id}: its prediction must not feed any other module`);
  }

  // Two prebuilt parameter objects, so a step allocates nothing: evaluation has no dPred.
  const evalParams: LossParams = {
    kind,
    pred: input.value,
    target,
    rows: ctx.batch,
    cols,
    validRows: ctx.batch,
    dPred: null,
    metrics,
    margin,
  };
  const trainParams: LossParams | null = input.grad ? { ...evalParams, dPred: input.grad } : null;

  return {
    params: [],
    forward(state) {
      const p = state.training && trainParams ? trainParams : evalParams;
      p.validRows = state.validRows;
      backend.loss(p);
    },
    backward() {
      // Already done: forward wrote ∂ℓ/∂prediction in the fused loss pass.
    },
  };
}

export const softmaxCrossEntropyModule: ModuleDef<'softmaxCrossEntropy'> = {
  op: 'softmaxCrossEntropy',
  // max, exp, sum, log, subtract and the gradient's scale per element.
  infer: (_params, inputs) => inferLoss('softmaxCrossEntropy', inputs, 6),
  build: (ctx) => buildLoss(ctx, 'softmaxCrossEntropy', undefined),
};

/**
 * params.target: 'label' compares with the data set's targets (one-hot class labels, or a
 * regression set's values), 'input' with the model's input (autoencoders).
 */
export const meanSquaredErrorModule: ModuleDef<'meanSquaredError'> = {
  op: 'meanSquaredError',
  infer: (_params, inputs) => inferLoss('meanSquaredError', inputs, 4),
  build: (ctx) => {
    const reconstructs = ctx.params.target === 'input';
    if (ctx.target && reconstructs && ctx.target.dtype !== 'f32') {
      throw new Error(
        `meanSquaredError ${ctx.id}: target 'input' expects f32 targets, got ${ctx.target.dtype}`,
      );
    }
    return buildLoss(ctx, 'meanSquaredError', undefined);
  },
};

export const hingeModule: ModuleDef<'hinge'> = {
  op: 'hinge',
  infer: (_params, inputs) => inferLoss('hinge', inputs, 4),
  build: (ctx) => buildLoss(ctx, 'hinge', ctx.params.margin),
};
