import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import { f32 } from '../backend/cpu/cpuBuffer';
import type { DeviceBuffer } from '../backend/backend';
import type { LossOp, OpParams } from '../spec/ops';
import { SeededRandom } from '../rng';
import { gradCheck } from '../testing/gradcheck';
import { hingeModule, meanSquaredErrorModule, softmaxCrossEntropyModule } from './losses';
import type { ModuleDef, ModuleInstance } from './module';

const randomLabels = (batch: number, classes: number, seed: number): Int32Array => {
  const rng = new SeededRandom(seed, 5);
  return Int32Array.from({ length: batch }, () => rng.int(classes));
};
const randomValues = (n: number, seed: number): Float32Array => {
  const rng = new SeededRandom(seed, 6);
  return Float32Array.from({ length: n }, () => rng.normal());
};

/** A loss module on the CPU whose prediction is `pred` (batch × cols), with a gradient buffer. */
function buildLoss<K extends LossOp>(
  def: ModuleDef<K>,
  params: OpParams<K>,
  pred: number[],
  batch: number,
  target: Int32Array | Float32Array,
): { module: ModuleInstance; metrics: Float32Array; grad: Float32Array } {
  const backend = new CpuBackend();
  const cols = pred.length / batch;
  const value = backend.alloc(pred.length, 'f32', 'pred');
  backend.write(value, Float32Array.from(pred));
  const grad = backend.alloc(pred.length, 'f32', 'dpred');
  const targetBuf: DeviceBuffer = backend.alloc(
    target.length,
    target instanceof Int32Array ? 'i32' : 'f32',
    't',
  );
  backend.write(targetBuf, target);
  const metrics = backend.alloc(2, 'f32', 'metrics');
  const module = def.build({
    backend,
    id: 'loss',
    params,
    batch,
    seed: 1,
    inputs: [{ value, shape: [cols], grad, accumulateGrad: false }],
    outputShape: [],
    output: backend.alloc(1, 'f32', 'unused'),
    gradOutput: null,
    target: targetBuf,
    metrics,
    alloc: (size, dtype, label) => backend.alloc(size, dtype, label),
  });
  return { module, metrics: f32(metrics), grad: f32(grad) };
}

describe('loss shape inference', () => {
  it('softmaxCrossEntropy, [10] predictions give a scalar', () => {
    const info = softmaxCrossEntropyModule.infer({}, [[10]]);
    expect(typeof info !== 'string' && [info.shape, info.paramCount]).toEqual([[], 0]);
  });

  it('hinge, refuses a [3, 2, 2] prediction', () => {
    expect(hingeModule.infer({ margin: 1 }, [[3, 2, 2]])).toBe(
      'hinge needs a [features] prediction, got [3, 2, 2]; add a flatten before it',
    );
  });
});

describe('loss forward', () => {
  it('cross-entropy, eval: adds loss and accuracy of the valid rows, leaves the gradient alone', () => {
    // Valid rows: [0, 0] with label 0 (loss log 2; a tie's argmax is the first class, so right)
    // and [0, 5] with label 1. The third row is padding and must not count.
    const l = buildLoss(
      softmaxCrossEntropyModule,
      {},
      [0, 0, 0, 5, 9, 0],
      3,
      Int32Array.from([0, 1, 1]),
    );
    l.grad.fill(7);
    l.module.forward({ training: false, step: 0, validRows: 2 });
    expect(l.metrics[0]).toBeCloseTo(Math.log(2) + Math.log(1 + Math.exp(-5)), 5);
    expect(l.metrics[1]).toBe(2);
    expect(Array.from(l.grad)).toEqual([7, 7, 7, 7, 7, 7]);
  });

  it('cross-entropy, training: forward writes the gradient, backward changes nothing', () => {
    const l = buildLoss(softmaxCrossEntropyModule, {}, [0, 0, 1, -1], 2, Int32Array.from([0, 0]));
    const state = { training: true, step: 0, validRows: 2 };
    l.module.forward(state);
    expect(l.grad[0]).toBeCloseTo(-0.25, 6);
    expect(l.grad[1]).toBeCloseTo(0.25, 6);
    const written = l.grad.slice();
    l.module.backward(state);
    expect(l.grad).toEqual(written);
  });

  it('meanSquaredError, target "input": f32 values shaped like the prediction', () => {
    const l = buildLoss(
      meanSquaredErrorModule,
      { target: 'input' },
      [1, 2, 3, 4],
      2,
      Float32Array.from([1, 0, 0, 4]),
    );
    l.module.forward({ training: false, step: 0, validRows: 2 });
    expect(l.metrics[0]).toBeCloseTo(4 / 2 + 9 / 2, 6);
  });

  it('meanSquaredError, target "label" with f32 values: a regression set\'s targets', () => {
    const l = buildLoss(
      meanSquaredErrorModule,
      { target: 'label' },
      [0.5, -1, 2],
      3,
      Float32Array.from([0, -1, 0]),
    );
    l.module.forward({ training: true, step: 0, validRows: 3 });
    expect(l.metrics[0]).toBeCloseTo(0.25 + 0 + 4, 6);
    expect(l.metrics[1]).toBe(0); // no classes, nothing counted as correct
    expect(Array.from(l.grad)).toEqual([1 / 3, 0, 4 / 3].map((v) => Math.fround(v)));
  });
});

describe('loss build errors', () => {
  it('softmaxCrossEntropy, refuses f32 targets', () => {
    expect(() =>
      buildLoss(softmaxCrossEntropyModule, {}, [0, 1], 1, Float32Array.from([0, 1])),
    ).toThrow('softmaxCrossEntropy loss: targets must be i32 class labels, got f32');
  });

  it('meanSquaredError, target "input" refuses i32 labels', () => {
    expect(() =>
      buildLoss(meanSquaredErrorModule, { target: 'input' }, [0, 1], 1, Int32Array.from([1])),
    ).toThrow(/target 'input' expects f32 targets/);
  });

  it('meanSquaredError, target "input" of another size is refused', () => {
    expect(() =>
      buildLoss(meanSquaredErrorModule, { target: 'input' }, [0, 1, 2, 3], 2, new Float32Array(6)),
    ).toThrow(
      'meanSquaredError loss: the target has 3 values per sample, the prediction 2; they must match',
    );
  });
});

describe('loss gradients (finite differences)', () => {
  // [classes, batch, valid rows]: odd sizes, a single sample, and padding rows at the end.
  const sizes = [
    [10, 4, 4],
    [3, 5, 2],
    [7, 1, 1],
    [2, 6, 5],
  ];
  let seed = 20;

  function checkAll<K extends LossOp>(
    name: string,
    def: ModuleDef<K>,
    params: OpParams<K>,
    labels: boolean,
  ) {
    for (const [cols, batch, validRows] of sizes) {
      const s = seed++;
      it(`${name}, [${cols}], batch ${batch}, ${validRows} valid rows`, () => {
        const target = labels ? randomLabels(batch, cols, s) : randomValues(batch * cols, s);
        const result = gradCheck(def, params, [[cols]], { batch, validRows, target, seed: s });
        expect(result.mismatches).toEqual([]);
        expect(result.checked).toBe(batch * cols);
      });
    }
  }

  checkAll('softmaxCrossEntropy', softmaxCrossEntropyModule, {}, true);
  checkAll('meanSquaredError, one-hot labels', meanSquaredErrorModule, { target: 'label' }, true);
  checkAll('meanSquaredError, f32 values', meanSquaredErrorModule, { target: 'input' }, false);
  checkAll('hinge, margin 1', hingeModule, { margin: 1 }, true);
  checkAll('hinge, margin 0.3', hingeModule, { margin: 0.3 }, true);
});
