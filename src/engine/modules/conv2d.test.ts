import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import { f32 } from '../backend/cpu/cpuBuffer';
import { opParamSchemas } from '../spec/ops';
import type { OpParams } from '../spec/ops';
import { gradCheck } from '../testing/gradcheck';
import { conv2dModule } from './conv2d';
import type { ShapeInfo } from './module';
import { shapeSize } from './module';

const conv = (
  p: Partial<OpParams<'conv2d'>> & { filters: number; kernel: number },
): OpParams<'conv2d'> => opParamSchemas.conv2d.parse(p);

function inferOk(p: OpParams<'conv2d'>, shape: number[]): ShapeInfo {
  const info = conv2dModule.infer(p, [shape]);
  if (typeof info === 'string') throw new Error(info);
  return info;
}

describe('conv2d shape inference', () => {
  it('conv2d, LeNet conv1: 6@5×5 on 1×28×28 gives 6×24×24', () => {
    const info = inferOk(conv({ filters: 6, kernel: 5 }), [1, 28, 28]);
    expect(info.shape).toEqual([6, 24, 24]);
    expect(info.paramCount).toBe(6 * 25 + 6);
    expect(info.flops).toBe(2 * 6 * 24 * 24 * 25);
  });

  it('conv2d, stride 2 and padding 1 on an odd 3×9×7 input', () => {
    const info = inferOk(
      conv({ filters: 4, kernel: 3, stride: 2, padding: 1, bias: false }),
      [3, 9, 7],
    );
    expect(info.shape).toEqual([4, 5, 4]);
    expect(info.paramCount).toBe(4 * 3 * 9);
    expect(info.flops).toBe(2 * 4 * 5 * 4 * 3 * 9);
  });

  it('conv2d, refuses a flat input', () => {
    expect(conv2dModule.infer(conv({ filters: 6, kernel: 5 }), [[784]])).toBe(
      'conv2d expects a [channels, height, width] input, got [784]',
    );
  });

  it('conv2d, refuses a kernel larger than its input', () => {
    expect(conv2dModule.infer(conv({ filters: 6, kernel: 5 }), [[16, 4, 4]])).toBe(
      'kernel 5×5 is larger than its 4×4 input',
    );
  });

  it('conv2d, padding can make room for a kernel larger than the image', () => {
    expect(inferOk(conv({ filters: 2, kernel: 5, padding: 1 }), [1, 3, 3]).shape).toEqual([
      2, 1, 1,
    ]);
    expect(conv2dModule.infer(conv({ filters: 2, kernel: 5, padding: 1 }), [[1, 2, 3]])).toBe(
      'kernel 5×5 is larger than its 2×3 input (4×5 with padding 1)',
    );
  });
});

describe('conv2d gradients (finite differences)', () => {
  // Conv is linear in x and in W, so central differences are exact up to rounding for any ε;
  // a large ε keeps f32 rounding in the objective far below the tolerance.
  const linear = { eps: 0.25, atol: 1e-3, rtol: 1e-3 };

  const cases: { name: string; p: OpParams<'conv2d'>; shape: number[]; batch: number }[] = [
    { name: '3@3×3 on 1×8×8', p: conv({ filters: 3, kernel: 3 }), shape: [1, 8, 8], batch: 3 },
    {
      name: '4@3×3 stride 2 pad 1 on odd 3×7×5',
      p: conv({ filters: 4, kernel: 3, stride: 2, padding: 1 }),
      shape: [3, 7, 5],
      batch: 2,
    },
    {
      name: '5@5×5 stride 2 pad 2, no bias, on 2×9×9',
      p: conv({ filters: 5, kernel: 5, stride: 2, padding: 2, bias: false }),
      shape: [2, 9, 9],
      batch: 3,
    },
    { name: '2@1×1 on 5×4×6', p: conv({ filters: 2, kernel: 1 }), shape: [5, 4, 6], batch: 1 },
    {
      name: '3@5×5 glorot pad 2 on 1×6×7',
      p: conv({ filters: 3, kernel: 5, padding: 2, init: 'glorot' }),
      shape: [1, 6, 7],
      batch: 3,
    },
  ];

  for (const c of cases) {
    it(`conv2d, ${c.name}, batch ${c.batch}`, () => {
      const result = gradCheck(conv2dModule, c.p, [c.shape], { batch: c.batch, ...linear });
      expect(result.mismatches).toEqual([]);
      expect(result.checked).toBeGreaterThan(40);
    });
  }

  it('conv2d, first layer: no input gradient, parameters still right', () => {
    const result = gradCheck(conv2dModule, conv({ filters: 6, kernel: 5 }), [[1, 12, 12]], {
      ...linear,
      inputsNeedGrad: [false],
    });
    expect(result.mismatches).toEqual([]);
    expect(result.checked).toBeGreaterThan(0);
  });
});

describe('conv2d build', () => {
  function build(p: OpParams<'conv2d'>, shape: number[], batch: number, accumulateGrad: boolean) {
    const backend = new CpuBackend();
    const info = inferOk(p, shape);
    const input = backend.alloc(batch * shapeSize(shape), 'f32', 'x');
    const grad = backend.alloc(input.size, 'f32', 'dx');
    const output = backend.alloc(batch * shapeSize(info.shape), 'f32', 'y');
    const gradOutput = backend.alloc(output.size, 'f32', 'dy');
    const module = conv2dModule.build({
      backend,
      id: 'c1',
      params: p,
      batch,
      seed: 42,
      inputs: [{ value: input, shape, grad, accumulateGrad }],
      outputShape: info.shape,
      output,
      gradOutput,
      target: null,
      metrics: null,
      alloc: (size, dtype, label) => backend.alloc(size, dtype, label),
    });
    return { module, input, grad, output, gradOutput };
  }

  it('conv2d, He init: weight std ≈ √(2/fanIn), zero bias, shapes as declared', () => {
    const { module } = build(conv({ filters: 16, kernel: 5 }), [6, 12, 12], 1, false);
    const [weight, bias] = module.params;
    expect(weight.shape).toEqual([16, 6, 5, 5]);
    expect(bias.shape).toEqual([16]);
    expect(weight.decay).toBe(true);
    expect(bias.decay).toBe(false);
    const w = f32(weight.value);
    const std = Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
    expect(std).toBeGreaterThan(Math.sqrt(2 / 150) * 0.9);
    expect(std).toBeLessThan(Math.sqrt(2 / 150) * 1.1);
    expect(Array.from(f32(bias.value))).toEqual(new Array(16).fill(0));
  });

  it("conv2d, fan-in uniform init: PyTorch's U(±1/√fanIn), variance 1/(3·fanIn)", () => {
    const { module } = build(
      conv({ filters: 16, kernel: 5, init: 'fanInUniform' }),
      [6, 12, 12],
      1,
      false,
    );
    const w = f32(module.params[0].value);
    const bound = 1 / Math.sqrt(150);
    expect(Math.max(...w)).toBeLessThanOrEqual(bound);
    expect(Math.min(...w)).toBeGreaterThanOrEqual(-bound);
    // Spread over the whole interval, not bunched at 0.
    expect(Math.max(...w)).toBeGreaterThan(0.95 * bound);
    const variance = w.reduce((s, v) => s + v * v, 0) / w.length;
    expect(variance).toBeGreaterThan((0.9 * bound * bound) / 3);
    expect(variance).toBeLessThan((1.1 * bound * bound) / 3);
  });

  it('conv2d, backward adds to the input gradient when the executor says the value fans out', () => {
    const make = (accumulate: boolean) => {
      const m = build(conv({ filters: 3, kernel: 3, padding: 1 }), [2, 5, 5], 2, accumulate);
      f32(m.input).forEach((_, i, a) => (a[i] = Math.sin(i)));
      f32(m.gradOutput).forEach((_, i, a) => (a[i] = Math.cos(i)));
      f32(m.grad).fill(0.5);
      m.module.forward({ training: true, step: 1, validRows: 2 });
      m.module.backward({ training: true, step: 1, validRows: 2 });
      return f32(m.grad);
    };
    const overwritten = make(false);
    const accumulated = make(true);
    for (let i = 0; i < overwritten.length; i++)
      expect(accumulated[i]).toBeCloseTo(overwritten[i] + 0.5, 5);
  });
});
