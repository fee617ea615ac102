import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import { f32 } from '../backend/cpu/cpuBuffer';
import { opParamSchemas } from '../spec/ops';
import type { OpParams } from '../spec/ops';
import { gradCheck } from '../testing/gradcheck';
import { batchnormModule } from './batchnorm';
import { shapeSize } from './module';

const bn = (p: Partial<OpParams<'batchnorm'>> = {}): OpParams<'batchnorm'> =>
  opParamSchemas.batchnorm.parse(p);

/** A batch-norm module on the CPU over `batch` samples of `shape`, its input set to `x`. */
function buildBatchnorm(shape: number[], batch: number, x: number[], params = bn()) {
  const backend = new CpuBackend();
  const n = batch * shapeSize(shape);
  const input = backend.alloc(n, 'f32', 'x');
  backend.write(input, Float32Array.from(x));
  const output = backend.alloc(n, 'f32', 'y');
  const module = batchnormModule.build({
    backend,
    id: 'bn',
    params,
    batch,
    seed: 1,
    inputs: [{ value: input, shape, grad: null, accumulateGrad: false }],
    outputShape: shape,
    output,
    gradOutput: null,
    target: null,
    metrics: null,
    alloc: (size, dtype, label) => backend.alloc(size, dtype, label),
  });
  return { module, x: f32(input), y: f32(output) };
}

describe('batchnorm shape inference', () => {
  it('batchnorm, dense [10]: 10 channels, γ and β', () => {
    expect(batchnormModule.infer(bn(), [[10]])).toEqual({ shape: [10], paramCount: 20, flops: 50 });
  });

  it('batchnorm, conv [6, 5, 5]: 6 channels', () => {
    const info = batchnormModule.infer(bn(), [[6, 5, 5]]);
    expect(typeof info !== 'string' && info.paramCount).toBe(12);
  });

  it('batchnorm, refuses a [4, 4] input', () => {
    expect(batchnormModule.infer(bn(), [[4, 4]])).toBe(
      'batchnorm needs a [features] or [channels, height, width] input, got [4, 4]',
    );
  });
});

describe('batchnorm parameters', () => {
  it('batchnorm, γ starts at 1 and β at 0, both exempt from weight decay', () => {
    const { module } = buildBatchnorm([3], 2, [1, 2, 3, 4, 5, 6]);
    expect(module.params.map((p) => [p.name, p.shape, p.decay, Array.from(f32(p.value))])).toEqual([
      ['gamma', [3], false, [1, 1, 1]],
      ['beta', [3], false, [0, 0, 0]],
    ]);
  });
});

describe('batchnorm forward', () => {
  it('batchnorm, eval after one training step uses the running statistics by hand', () => {
    // One channel, batch [1, 2, 3, 6]: mean 3, unbiased variance 14/3, momentum 0.5, so the
    // running mean is 0.5·0 + 0.5·3 = 1.5 and the running variance 0.5·1 + 0.5·14/3.
    const eps = 1e-5;
    const b = buildBatchnorm([1], 4, [1, 2, 3, 6], bn({ momentum: 0.5, eps }));
    b.module.forward({ training: true, step: 0, validRows: 4 });
    b.module.forward({ training: false, step: 1, validRows: 4 });
    const runningVar = 0.5 + (0.5 * 14) / 3;
    [1, 2, 3, 6].forEach((x, i) =>
      expect(b.y[i]).toBeCloseTo((x - 1.5) / Math.sqrt(runningVar + eps), 5),
    );
  });

  it('batchnorm, eval does not move the running statistics', () => {
    const b = buildBatchnorm([2], 3, [1, 5, 2, -1, 0, 3]);
    b.module.forward({ training: false, step: 0, validRows: 3 });
    const first = b.y.slice();
    b.module.forward({ training: false, step: 0, validRows: 3 });
    expect(b.y).toEqual(first);
    // Running mean 0 and variance 1 untouched: the output is x/√(1 + ε).
    b.x.forEach((x, i) => expect(first[i]).toBeCloseTo(x / Math.sqrt(1 + 1e-5), 5));
  });

  it('batchnorm, training on conv [2, 3, 3]: each channel normalised over batch and space', () => {
    const x = Array.from({ length: 2 * 18 }, (_, i) => Math.sin(i) * 4 + (i % 18 < 9 ? 10 : -3));
    const b = buildBatchnorm([2, 3, 3], 2, x);
    b.module.forward({ training: true, step: 0, validRows: 2 });
    for (let c = 0; c < 2; c++) {
      const vals = [0, 1].flatMap((n) =>
        Array.from(b.y.subarray(n * 18 + c * 9, n * 18 + c * 9 + 9)),
      );
      const mean = vals.reduce((s, v) => s + v, 0) / vals.length;
      const variance = vals.reduce((s, v) => s + (v - mean) ** 2, 0) / vals.length;
      expect(mean).toBeCloseTo(0, 5);
      expect(variance).toBeCloseTo(1, 3);
    }
  });
});

describe('batchnorm gradients (finite differences)', () => {
  const cases = [
    { shape: [5], batch: 4 },
    { shape: [7], batch: 2 },
    { shape: [1], batch: 5 },
    { shape: [3, 4, 5], batch: 2 },
    { shape: [2, 3, 3], batch: 3 },
  ];
  for (const c of cases) {
    it(`batchnorm, [${c.shape}], batch ${c.batch}`, () => {
      const result = gradCheck(batchnormModule, bn(), [c.shape], { batch: c.batch });
      expect(result.mismatches).toEqual([]);
      expect(result.checked).toBeGreaterThan(0);
    });
  }

  it('batchnorm, right after the input: no input gradient, γ and β still right', () => {
    const result = gradCheck(batchnormModule, bn(), [[3, 3, 3]], {
      batch: 2,
      inputsNeedGrad: [false],
    });
    expect(result.mismatches).toEqual([]);
    expect(result.checked).toBe(6);
  });
});
