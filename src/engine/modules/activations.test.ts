import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import { f32 } from '../backend/cpu/cpuBuffer';
import { SeededRandom } from '../rng';
import type { UnaryOp } from '../backend/backend';
import type { OpParams } from '../spec/ops';
import { gradCheck, type GradCheckOptions, type GradCheckResult } from '../testing/gradcheck';
import { absModule, leakyReluModule, reluModule, sigmoidModule, tanhModule } from './activations';
import type { ModuleDef, ModuleInput, Shape, ShapeInfo } from './module';
import { shapeSize } from './module';

interface ActivationCase {
  name: string;
  /** Has a kink at 0, where finite differences must not be taken. */
  kinked: boolean;
  infer(inputs: Shape[]): ShapeInfo | string;
  check(inputs: Shape[], options: GradCheckOptions): GradCheckResult;
}

function activationCase<K extends UnaryOp>(
  name: string,
  def: ModuleDef<K>,
  params: OpParams<K>,
  kinked: boolean,
): ActivationCase {
  return {
    name,
    kinked,
    infer: (inputs) => def.infer(params, inputs),
    check: (inputs, options) => gradCheck(def, params, inputs, options),
  };
}

const modules: ActivationCase[] = [
  activationCase('relu', reluModule, {}, true),
  activationCase('leakyRelu α=0.2', leakyReluModule, { alpha: 0.2 }, true),
  activationCase('tanh', tanhModule, {}, false),
  activationCase('sigmoid', sigmoidModule, {}, false),
  activationCase('abs', absModule, {}, true),
];

/** N(0, 1) values pushed at least 0.05 away from 0, so no finite difference straddles a kink. */
function awayFromZero(n: number, seed: number): Float32Array {
  const rng = new SeededRandom(seed, 3);
  return Float32Array.from({ length: n }, () => {
    const v = rng.normal();
    return v < 0 ? v - 0.05 : v + 0.05;
  });
}

describe('activation shape inference', () => {
  for (const m of modules) {
    it(`${m.name}, keeps a [3, 5, 5] shape, no parameters`, () => {
      expect(m.infer([[3, 5, 5]])).toEqual({
        shape: [3, 5, 5],
        paramCount: 0,
        flops: 75,
      });
    });
  }

  it('relu, refuses two inputs', () => {
    expect(reluModule.infer({}, [[4], [4]])).toBe('relu takes one input, got 2');
  });
});

describe('activation forward', () => {
  it('leakyRelu, α from the params scales the negative side', () => {
    const backend = new CpuBackend();
    const x = backend.alloc(4, 'f32', 'x');
    backend.write(x, new Float32Array([-2, -0.5, 0, 3]));
    const output = backend.alloc(4, 'f32', 'y');
    const input: ModuleInput = { value: x, shape: [4], grad: null, accumulateGrad: false };
    const module = leakyReluModule.build({
      backend,
      id: 'act',
      params: { alpha: 0.25 },
      batch: 1,
      seed: 1,
      inputs: [input],
      outputShape: [4],
      output,
      gradOutput: null,
      target: null,
      metrics: null,
      alloc: (size, dtype, label) => backend.alloc(size, dtype, label),
    });
    module.forward({ training: true, step: 0, validRows: 1 });
    expect(Array.from(f32(output))).toEqual([-0.5, -0.125, 0, 3]);
  });
});

describe('activation gradients (finite differences)', () => {
  const shapes: { shape: number[]; batch: number }[] = [
    { shape: [7], batch: 3 },
    { shape: [1], batch: 1 },
    { shape: [2, 3, 5], batch: 3 },
    { shape: [13], batch: 2 },
  ];
  for (const m of modules) {
    for (const { shape, batch } of shapes) {
      it(`${m.name}, [${shape.join(', ')}], batch ${batch}`, () => {
        const n = batch * shapeSize(shape);
        const inputValues = m.kinked ? [awayFromZero(n, n)] : undefined;
        const result = m.check([shape], { batch, inputValues, maxChecks: 60 });
        expect(result.mismatches).toEqual([]);
        expect(result.checked).toBe(Math.min(n, 60));
      });
    }
  }
});
