// Activations: y = f(x) element-wise, f ∈ {relu, leaky relu, tanh, sigmoid, abs}      dL/dx = dL/dy ⊙ f'(x)
// f'(x): relu 1[x > 0]; leaky relu 1 or α; tanh 1 − y²; sigmoid y(1 − y); abs sign(x).
import type { UnaryBackwardParams, UnaryOp, UnaryParams } from '../backend/backend';
import type { OpParams } from '../spec/ops';
import type { ModuleDef, ModuleInstance } from './module';
import { shapeSize } from './module';

// No parameters. Leaky ReLU's negative slope α comes from the op's params.

function activation<K extends UnaryOp>(op: K, alpha: (p: OpParams<K>) => number): ModuleDef<K> {
  return {
    op,

    // Shape inference: the output has the input's shape; one operation per value.
    infer(_params, inputs) {
      if (inputs.length !== 1) return `${op} takes one input, got ${inputs.length}`;
      const [shape] = inputs;
      return { shape, paramCount: 0, flops: shapeSize(shape) };
    },

    build(ctx): ModuleInstance {
      const { backend } = ctx;
      const input = ctx.inputs[0];
      const n = ctx.batch * shapeSize(input.shape);

      // Forward.
      const forward: UnaryParams = {
        op,
        x: input.value,
        y: ctx.output,
        n,
        alpha: alpha(ctx.params),
      };

      // Backward: the kernel reads x or y, whichever its derivative needs.
      const backward: UnaryBackwardParams | null =
        ctx.gradOutput && input.grad
          ? { ...forward, dy: ctx.gradOutput, dx: input.grad, accumulate: input.accumulateGrad }
          : null;

      const fused = ctx.fusedIntoInput === true;
      return {
        params: [],
        forward() {
          if (!fused) backend.unary(forward);
        },
        backward() {
          if (!backward) return;
          backward.accumulate = input.accumulateGrad;
          backend.unaryBackward(backward);
        },
      };
    },
  };
}

const noAlpha = (): number => 0;

export const reluModule: ModuleDef<'relu'> = activation('relu', noAlpha);
export const leakyReluModule: ModuleDef<'leakyRelu'> = activation('leakyRelu', (p) => p.alpha);
export const tanhModule: ModuleDef<'tanh'> = activation('tanh', noAlpha);
export const sigmoidModule: ModuleDef<'sigmoid'> = activation('sigmoid', noAlpha);
export const absModule: ModuleDef<'abs'> = activation('abs', noAlpha);
