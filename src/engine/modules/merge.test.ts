import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import { f32 } from '../backend/cpu/cpuBuffer';
import { gradCheck } from '../testing/gradcheck';
import { addModule, concatModule } from './merge';
import type { ModuleDef, ModuleInput } from './module';

// Both merges are linear: central differences are exact for any ε.
const linear = { eps: 0.25, atol: 1e-4, rtol: 1e-4 };

describe('add shape inference', () => {
  it('add, three [3, 4, 4] inputs', () => {
    expect(
      addModule.infer({}, [
        [3, 4, 4],
        [3, 4, 4],
        [3, 4, 4],
      ]),
    ).toEqual({
      shape: [3, 4, 4],
      paramCount: 0,
      flops: 2 * 48,
    });
  });

  it('add, refuses a single input', () => {
    expect(addModule.infer({}, [[4]])).toBe('add takes at least two inputs, got 1');
  });

  it('add, a shape mismatch names both shapes', () => {
    expect(addModule.infer({}, [[8], [8], [2, 4]])).toBe(
      'add needs inputs of one shape: input 0 is [8], input 2 is [2, 4]',
    );
  });
});

describe('concat shape inference', () => {
  it('concat, features: [7] and [13] give [20]', () => {
    expect(concatModule.infer({}, [[7], [13]])).toEqual({ shape: [20], paramCount: 0, flops: 0 });
  });

  it('concat, channels: [3, 4, 4], [1, 4, 4] and [2, 4, 4] give [6, 4, 4]', () => {
    expect(
      concatModule.infer({}, [
        [3, 4, 4],
        [1, 4, 4],
        [2, 4, 4],
      ]),
    ).toEqual({
      shape: [6, 4, 4],
      paramCount: 0,
      flops: 0,
    });
  });

  it('concat, images of different sizes are refused, naming both shapes', () => {
    expect(
      concatModule.infer({}, [
        [3, 4, 4],
        [3, 5, 4],
      ]),
    ).toBe(
      'concat joins inputs along their first axis, so the rest must match: input 0 is [3, 4, 4], input 1 is [3, 5, 4]',
    );
  });

  it('concat, a flat and an image input are refused', () => {
    expect(typeof concatModule.infer({}, [[48], [3, 4, 4]])).toBe('string');
  });

  it('concat, refuses a single input', () => {
    expect(concatModule.infer({}, [[4]])).toBe('concat takes at least two inputs, got 1');
  });
});

describe('merge forward', () => {
  function build(
    def: ModuleDef<'add'> | ModuleDef<'concat'>,
    shapes: number[][],
    outShape: number[],
    batch: number,
    values: number[][],
  ) {
    const backend = new CpuBackend();
    const inputs: ModuleInput[] = shapes.map((shape, i) => {
      const value = backend.alloc(values[i].length, 'f32', `x${i}`);
      backend.write(value, new Float32Array(values[i]));
      return { value, shape, grad: null, accumulateGrad: false };
    });
    const output = backend.alloc(batch * outShape.reduce((a, b) => a * b, 1), 'f32', 'y');
    const ctx = {
      backend,
      id: 'm',
      params: {},
      batch,
      seed: 1,
      inputs,
      outputShape: outShape,
      output,
      gradOutput: null,
      target: null,
      metrics: null,
      alloc: backend.alloc.bind(backend),
    };
    const module = def.build(ctx);
    module.forward({ training: true, step: 0, validRows: batch });
    return Array.from(f32(output));
  }

  it('concat, 2 samples of [2] and [1]: each sample is laid end to end', () => {
    expect(
      build(concatModule, [[2], [1]], [3], 2, [
        [1, 2, 3, 4],
        [10, 20],
      ]),
    ).toEqual([1, 2, 10, 3, 4, 20]);
  });

  it('add, three inputs', () => {
    expect(
      build(addModule, [[2], [2], [2]], [2], 1, [
        [1, 2],
        [10, 20],
        [100, 200],
      ]),
    ).toEqual([111, 222]);
  });
});

describe('merge gradients (finite differences)', () => {
  for (const { shapes, batch } of [
    { shapes: [[7], [7]], batch: 3 },
    { shapes: [[1], [1], [1]], batch: 1 },
    {
      shapes: [
        [2, 3, 3],
        [2, 3, 3],
      ],
      batch: 2,
    },
  ]) {
    it(`add, ${shapes.length} × [${shapes[0].join(', ')}], batch ${batch}`, () => {
      const result = gradCheck(addModule, {}, shapes, { ...linear, batch });
      expect(result.mismatches).toEqual([]);
      expect(result.checked).toBeGreaterThan(0);
    });
  }

  for (const { shapes, batch } of [
    { shapes: [[7], [1], [13]], batch: 3 },
    { shapes: [[1], [1]], batch: 1 },
    {
      shapes: [
        [2, 3, 3],
        [1, 3, 3],
      ],
      batch: 2,
    },
  ]) {
    it(`concat, ${shapes.map((s) => `[${s.join(', ')}]`).join(' + ')}, batch ${batch}`, () => {
      const result = gradCheck(concatModule, {}, shapes, { ...linear, batch, maxChecks: 80 });
      expect(result.mismatches).toEqual([]);
      expect(result.checked).toBeGreaterThan(0);
    });
  }

  it('concat, only the inputs that need a gradient get one', () => {
    const result = gradCheck(concatModule, {}, [[5], [3]], {
      ...linear,
      inputsNeedGrad: [false, true],
    });
    expect(result.mismatches).toEqual([]);
    expect(result.checked).toBe(3 * 3);
  });
});
