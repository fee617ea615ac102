import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import { f32 } from '../backend/cpu/cpuBuffer';
import { opParamSchemas } from '../spec/ops';
import type { OpParams } from '../spec/ops';
import { gradCheck } from '../testing/gradcheck';
import { denseModule } from './dense';
import type { ModuleInput } from './module';

const dense = (p: Partial<OpParams<'dense'>> & { units: number }): OpParams<'dense'> =>
  opParamSchemas.dense.parse(p);

describe('dense shape inference', () => {
  it('dense, 784 → 128 with bias', () => {
    expect(denseModule.infer(dense({ units: 128 }), [[784]])).toEqual({
      shape: [128],
      paramCount: 784 * 128 + 128,
      flops: 2 * 784 * 128 + 128,
    });
  });

  it('dense, an image input counts as its flattened features, no bias', () => {
    expect(denseModule.infer(dense({ units: 10, bias: false }), [[16, 4, 4]])).toEqual({
      shape: [10],
      paramCount: 256 * 10,
      flops: 2 * 256 * 10,
    });
  });

  it('dense, refuses two inputs', () => {
    expect(denseModule.infer(dense({ units: 3 }), [[4], [4]])).toBe('dense takes one input, got 2');
  });
});

/** A dense module on the CPU with hand-set weights, for checking values. */
function buildDense(
  p: OpParams<'dense'>,
  features: number,
  batch: number,
  inputNeedsGrad: boolean,
) {
  const backend = new CpuBackend();
  const input: ModuleInput = {
    value: backend.alloc(batch * features, 'f32', 'x'),
    shape: [features],
    grad: inputNeedsGrad ? backend.alloc(batch * features, 'f32', 'dx') : null,
    accumulateGrad: false,
  };
  const output = backend.alloc(batch * p.units, 'f32', 'y');
  const gradOutput = backend.alloc(batch * p.units, 'f32', 'dy');
  const module = denseModule.build({
    backend,
    id: 'fc',
    params: p,
    batch,
    seed: 1,
    inputs: [input],
    outputShape: [p.units],
    output,
    gradOutput,
    target: null,
    metrics: null,
    alloc: (size, dtype, label) => backend.alloc(size, dtype, label),
  });
  return { backend, module, input, output, gradOutput };
}

describe('dense forward and backward', () => {
  it('dense, forward on hand values: y = x·Wᵀ + b', () => {
    const d = buildDense(dense({ units: 2 }), 3, 2, true);
    const [weight, bias] = d.module.params;
    f32(weight.value).set([1, 0, -1, 2, 1, 0]); // unit 0: [1, 0, −1], unit 1: [2, 1, 0]
    f32(bias.value).set([0.5, -1]);
    f32(d.input.value).set([1, 2, 3, 4, 5, 6]);
    d.module.forward({ training: true, step: 0, validRows: 2 });
    expect(Array.from(f32(d.output))).toEqual([1 - 3 + 0.5, 2 + 2 - 1, 4 - 6 + 0.5, 8 + 5 - 1]);
  });

  it('dense, He initialisation: weights spread as N(0, 2/fanIn), bias zero', () => {
    const d = buildDense(dense({ units: 64 }), 100, 1, false);
    const [weight, bias] = d.module.params;
    const w = f32(weight.value);
    const variance = w.reduce((s, v) => s + v * v, 0) / w.length;
    expect(variance).toBeGreaterThan(0.8 * (2 / 100));
    expect(variance).toBeLessThan(1.2 * (2 / 100));
    expect(f32(bias.value).every((v) => v === 0)).toBe(true);
  });

  it('dense, the input gradient adds to what is there when accumulateGrad is set', () => {
    const d = buildDense(dense({ units: 3 }), 4, 2, true);
    f32(d.input.value).set([1, 2, 3, 4, 5, 6, 7, 8]);
    f32(d.gradOutput).set([1, -1, 2, 0.5, 0, -2]);
    d.module.forward({ training: true, step: 0, validRows: 2 });
    d.module.backward({ training: true, step: 0, validRows: 2 });
    const once = f32(d.input.grad!).slice();
    d.input.accumulateGrad = true;
    d.module.backward({ training: true, step: 0, validRows: 2 });
    expect(Array.from(f32(d.input.grad!))).toEqual(Array.from(once, (v) => 2 * v));
  });

  it('dense, no input gradient is computed when nothing upstream needs it', () => {
    const d = buildDense(dense({ units: 3 }), 4, 2, false);
    d.module.forward({ training: true, step: 0, validRows: 2 });
    expect(() => d.module.backward({ training: true, step: 0, validRows: 2 })).not.toThrow();
  });
});

describe('dense gradients (finite differences)', () => {
  // Dense is linear in x, W and b, so central differences are exact up to rounding for any ε;
  // a large ε keeps f32 rounding in the objective far below the tolerance.
  const linear = { eps: 0.25, atol: 1e-3, rtol: 1e-3 };
  const cases: { name: string; p: OpParams<'dense'>; shape: number[]; batch: number }[] = [
    { name: '7 → 3, batch 3', p: dense({ units: 3 }), shape: [7], batch: 3 },
    { name: '1 → 1, batch 1', p: dense({ units: 1 }), shape: [1], batch: 1 },
    {
      name: '13 → 5, no bias, glorot, batch 3',
      p: dense({ units: 5, bias: false, init: 'glorot' }),
      shape: [13],
      batch: 3,
    },
    { name: '[2, 3, 3] image → 4, batch 2', p: dense({ units: 4 }), shape: [2, 3, 3], batch: 2 },
    { name: '33 → 9 (past a 4×4 tile), batch 5', p: dense({ units: 9 }), shape: [33], batch: 5 },
  ];
  for (const c of cases) {
    it(`dense, ${c.name}`, () => {
      const result = gradCheck(denseModule, c.p, [c.shape], {
        ...linear,
        batch: c.batch,
        maxChecks: 60,
      });
      expect(result.mismatches).toEqual([]);
      expect(result.checked).toBeGreaterThan(0);
    });
  }

  it('dense, weight and bias gradients when the input needs none, 6 → 2, batch 3', () => {
    const result = gradCheck(denseModule, dense({ units: 2 }), [[6]], {
      ...linear,
      inputsNeedGrad: [false],
    });
    expect(result.mismatches).toEqual([]);
    expect(result.checked).toBe(6 * 2 + 2);
  });
});
