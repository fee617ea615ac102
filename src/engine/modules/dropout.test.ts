import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import { f32 } from '../backend/cpu/cpuBuffer';
import type { OpParams } from '../spec/ops';
import { gradCheck } from '../testing/gradcheck';
import { dropoutModule } from './dropout';
import type { ModuleInstance, StepState } from './module';
import { shapeSize } from './module';

/** A dropout module on the CPU over `batch` samples of `shape`, its input filled with 1 + i. */
function buildDropout(rate: number, shape: number[], batch: number, id = 'drop', seed = 11) {
  const backend = new CpuBackend();
  const n = batch * shapeSize(shape);
  const x = backend.alloc(n, 'f32', 'x');
  backend.write(
    x,
    Float32Array.from({ length: n }, (_, i) => 1 + i),
  );
  const output = backend.alloc(n, 'f32', 'y');
  const module: ModuleInstance = dropoutModule.build({
    backend,
    id,
    params: { rate },
    batch,
    seed,
    inputs: [{ value: x, shape, grad: null, accumulateGrad: false }],
    outputShape: shape,
    output,
    gradOutput: null,
    target: null,
    metrics: null,
    alloc: (size, dtype, label) => backend.alloc(size, dtype, label),
  });
  const run = (state: StepState): Float32Array => {
    module.forward(state);
    return f32(output).slice();
  };
  return { x: f32(x), run };
}

const training = (step: number): StepState => ({ training: true, step, validRows: 4 });

describe('dropout shape inference', () => {
  it('dropout, keeps a [3, 5, 5] shape, no parameters', () => {
    expect(dropoutModule.infer({ rate: 0.5 }, [[3, 5, 5]])).toEqual({
      shape: [3, 5, 5],
      paramCount: 0,
      flops: 75,
    });
  });
});

describe('dropout forward', () => {
  it('dropout, eval: the output is the input', () => {
    const d = buildDropout(0.5, [9], 4);
    expect(d.run({ training: false, step: 3, validRows: 4 })).toEqual(d.x);
  });

  it('dropout, same step twice: the same mask', () => {
    const d = buildDropout(0.5, [17], 4);
    expect(d.run(training(5))).toEqual(d.run(training(5)));
  });

  it('dropout, consecutive steps: fresh masks', () => {
    const d = buildDropout(0.5, [17], 4);
    expect(d.run(training(5))).not.toEqual(d.run(training(6)));
  });

  it('dropout, two nodes with the same seed: different masks', () => {
    const a = buildDropout(0.5, [17], 4, 'dropA').run(training(1));
    const b = buildDropout(0.5, [17], 4, 'dropB').run(training(1));
    expect(a).not.toEqual(b);
  });

  it('dropout, rate 0.25 over 4 × 2000 values: about a quarter dropped, kept ones scaled by 4/3', () => {
    const d = buildDropout(0.25, [2000], 4);
    const y = d.run(training(2));
    let dropped = 0;
    y.forEach((v, i) => {
      if (v === 0) dropped++;
      else expect(v).toBeCloseTo(d.x[i] / 0.75, 2);
    });
    expect(Math.abs(dropped / 8000 - 0.25)).toBeLessThan(0.02);
  });
});

describe('dropout gradients (finite differences)', () => {
  // y is linear in x for a fixed mask, and gradCheck replays the same step, so the mask holds.
  const linear = { eps: 0.25, atol: 1e-4, rtol: 1e-4 };
  const cases: { p: OpParams<'dropout'>; shape: number[]; batch: number }[] = [
    { p: { rate: 0.5 }, shape: [10], batch: 3 },
    { p: { rate: 0.1 }, shape: [7], batch: 1 },
    { p: { rate: 0.9 }, shape: [3, 5, 5], batch: 2 },
    { p: { rate: 0 }, shape: [13], batch: 4 },
  ];
  for (const c of cases) {
    it(`dropout, rate ${c.p.rate} on [${c.shape}], batch ${c.batch}`, () => {
      const result = gradCheck(dropoutModule, c.p, [c.shape], { batch: c.batch, ...linear });
      expect(result.mismatches).toEqual([]);
      expect(result.checked).toBeGreaterThan(0);
    });
  }
});
