import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import { f32 } from '../backend/cpu/cpuBuffer';
import { gradCheck } from '../testing/gradcheck';
import { logSoftmaxModule, softmaxModule } from './softmax';

describe('softmax shape inference', () => {
  it('softmax, [10] gives [10], no parameters', () => {
    expect(softmaxModule.infer({}, [[10]])).toEqual({ shape: [10], paramCount: 0, flops: 50 });
  });

  it('log-softmax, refuses a [3, 4, 4] input and suggests a flatten', () => {
    expect(logSoftmaxModule.infer({}, [[3, 4, 4]])).toBe(
      'logSoftmax works over a [features] input, got [3, 4, 4]; add a flatten before it',
    );
  });
});

describe('softmax forward', () => {
  it('softmax module, batch 2 × 3: rows of the output sum to 1', () => {
    const backend = new CpuBackend();
    const x = backend.alloc(6, 'f32', 'x');
    backend.write(x, Float32Array.from([1, 2, 3, -5, 0, 5]));
    const output = backend.alloc(6, 'f32', 'y');
    const m = softmaxModule.build({
      backend,
      id: 's',
      params: {},
      batch: 2,
      seed: 1,
      inputs: [{ value: x, shape: [3], grad: null, accumulateGrad: false }],
      outputShape: [3],
      output,
      gradOutput: null,
      target: null,
      metrics: null,
      alloc: (size, dtype, label) => backend.alloc(size, dtype, label),
    });
    m.forward({ training: false, step: 0, validRows: 2 });
    const y = f32(output);
    expect(y[0] + y[1] + y[2]).toBeCloseTo(1, 6);
    expect(y[3] + y[4] + y[5]).toBeCloseTo(1, 6);
    expect(y[2]).toBeGreaterThan(y[1]);
  });
});

describe('softmax gradients (finite differences)', () => {
  const cases = [
    { shape: [10], batch: 3 },
    { shape: [7], batch: 1 },
    { shape: [2], batch: 5 },
    { shape: [33], batch: 2 },
  ];
  for (const [name, def] of [
    ['softmax', softmaxModule],
    ['log-softmax', logSoftmaxModule],
  ] as const) {
    for (const c of cases) {
      it(`${name}, [${c.shape}], batch ${c.batch}`, () => {
        const result = gradCheck(def, {}, [c.shape], { batch: c.batch });
        expect(result.mismatches).toEqual([]);
        expect(result.checked).toBeGreaterThan(0);
      });
    }
  }

  it('softmax, input gradient accumulates onto a fan-out sibling’s', () => {
    const backend = new CpuBackend();
    const x = backend.alloc(4, 'f32', 'x');
    backend.write(x, Float32Array.from([0.3, -0.2, 1, 2]));
    const grad = backend.alloc(4, 'f32', 'dx');
    const gradOutput = backend.alloc(4, 'f32', 'dy');
    backend.write(gradOutput, Float32Array.from([1, -1, 0.5, 2]));
    const input = { value: x, shape: [2], grad, accumulateGrad: false };
    const m = softmaxModule.build({
      backend,
      id: 's',
      params: {},
      batch: 2,
      seed: 1,
      inputs: [input],
      outputShape: [2],
      output: backend.alloc(4, 'f32', 'y'),
      gradOutput,
      target: null,
      metrics: null,
      alloc: (size, dtype, label) => backend.alloc(size, dtype, label),
    });
    const state = { training: true, step: 0, validRows: 2 };
    m.forward(state);
    m.backward(state);
    const once = f32(grad).slice();
    input.accumulateGrad = true;
    m.backward(state);
    once.forEach((v, i) => expect(f32(grad)[i]).toBeCloseTo(2 * v, 6));
  });
});
