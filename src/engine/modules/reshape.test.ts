import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import { f32 } from '../backend/cpu/cpuBuffer';
import { gradCheck } from '../testing/gradcheck';
import type { ModuleInput } from './module';
import { flattenModule, inputModule, reshapeModule } from './reshape';

const state = { training: true, step: 0, validRows: 2 };

describe('input', () => {
  it('input, infers the shape the spec gives', () => {
    expect(inputModule.infer({ shape: [1, 28, 28] }, [])).toEqual({
      shape: [1, 28, 28],
      paramCount: 0,
      flops: 0,
    });
  });

  it('input, refuses an incoming edge', () => {
    expect(inputModule.infer({ shape: [784] }, [[784]])).toBe('input takes no inputs, got 1');
  });

  it('input, forward and backward leave the batch the executor wrote alone', () => {
    const backend = new CpuBackend();
    const output = backend.alloc(4, 'f32', 'batch');
    backend.write(output, new Float32Array([1, 2, 3, 4]));
    const module = inputModule.build({
      backend,
      id: 'in',
      params: { shape: [2] },
      batch: 2,
      seed: 1,
      inputs: [],
      outputShape: [2],
      output,
      gradOutput: null,
      target: null,
      metrics: null,
      alloc: (size, dtype, label) => backend.alloc(size, dtype, label),
    });
    module.forward(state);
    module.backward(state);
    expect(module.params).toEqual([]);
    expect(Array.from(f32(output))).toEqual([1, 2, 3, 4]);
  });
});

describe('flatten and reshape shape inference', () => {
  it('flatten, [16, 5, 5] becomes [400]', () => {
    expect(flattenModule.infer({}, [[16, 5, 5]])).toEqual({
      shape: [400],
      paramCount: 0,
      flops: 0,
    });
  });

  it('reshape, [784] to [1, 28, 28]', () => {
    expect(reshapeModule.infer({ shape: [1, 28, 28] }, [[784]])).toEqual({
      shape: [1, 28, 28],
      paramCount: 0,
      flops: 0,
    });
  });

  it('reshape, a size mismatch names both sizes', () => {
    expect(reshapeModule.infer({ shape: [3, 10, 10] }, [[784]])).toBe(
      'cannot reshape [784] (784 values) to [3, 10, 10] (300 values)',
    );
  });

  it('flatten, refuses two inputs', () => {
    expect(flattenModule.infer({}, [[4], [4]])).toBe('flatten takes one input, got 2');
  });
});

describe('reshape forward and backward', () => {
  it('reshape, backward adds to the input gradient when accumulateGrad is set', () => {
    const backend = new CpuBackend();
    const input: ModuleInput = {
      value: backend.alloc(4, 'f32', 'x'),
      shape: [2],
      grad: backend.alloc(4, 'f32', 'dx'),
      accumulateGrad: true,
    };
    backend.write(input.grad!, new Float32Array([1, 1, 1, 1]));
    backend.write(input.value, new Float32Array([5, 6, 7, 8]));
    const output = backend.alloc(4, 'f32', 'y');
    const gradOutput = backend.alloc(4, 'f32', 'dy');
    backend.write(gradOutput, new Float32Array([1, 2, 3, 4]));
    const module = reshapeModule.build({
      backend,
      id: 'r',
      params: { shape: [2, 1] },
      batch: 2,
      seed: 1,
      inputs: [input],
      outputShape: [2, 1],
      output,
      gradOutput,
      target: null,
      metrics: null,
      alloc: (size, dtype, label) => backend.alloc(size, dtype, label),
    });
    module.forward(state);
    module.backward(state);
    expect(Array.from(f32(output))).toEqual([5, 6, 7, 8]);
    expect(Array.from(f32(input.grad!))).toEqual([2, 3, 4, 5]);
  });
});

describe('flatten and reshape gradients (finite differences)', () => {
  // Both are the identity on values: exact for any ε.
  const exact = { eps: 0.25, atol: 1e-4, rtol: 1e-4 };

  for (const { shape, batch } of [
    { shape: [2, 3, 5], batch: 3 },
    { shape: [1, 1, 1], batch: 1 },
    { shape: [7], batch: 3 },
  ]) {
    it(`flatten, [${shape.join(', ')}], batch ${batch}`, () => {
      const result = gradCheck(flattenModule, {}, [shape], { ...exact, batch });
      expect(result.mismatches).toEqual([]);
      expect(result.checked).toBeGreaterThan(0);
    });
  }

  for (const { from, to, batch } of [
    { from: [12], to: [3, 2, 2], batch: 3 },
    { from: [13], to: [13, 1], batch: 1 },
    { from: [4, 3, 5], to: [60], batch: 2 },
  ]) {
    it(`reshape, [${from.join(', ')}] to [${to.join(', ')}], batch ${batch}`, () => {
      const result = gradCheck(reshapeModule, { shape: to }, [from], { ...exact, batch });
      expect(result.mismatches).toEqual([]);
      expect(result.checked).toBeGreaterThan(0);
    });
  }
});
