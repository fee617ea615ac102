import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../rng';
import { opParamSchemas } from '../spec/ops';
import type { OpParams } from '../spec/ops';
import { gradCheck } from '../testing/gradcheck';
import { shapeSize } from './module';
import { avgpool2dModule, maxpool2dModule } from './pool';

const pool = (p: { size: number; stride?: number; padding?: number }): OpParams<'maxpool2d'> =>
  opParamSchemas.maxpool2d.parse(p);

describe('pool shape inference', () => {
  it('maxpool2d, LeNet 2×2 on 6×24×24: stride defaults to the window size', () => {
    expect(maxpool2dModule.infer(pool({ size: 2 }), [[6, 24, 24]])).toEqual({
      shape: [6, 12, 12],
      paramCount: 0,
      flops: 6 * 12 * 12 * 4,
    });
  });

  it('avgpool2d, 3×3 stride 2 pad 1 on odd 5×7×9', () => {
    const info = avgpool2dModule.infer(pool({ size: 3, stride: 2, padding: 1 }), [[5, 7, 9]]);
    expect(info).toMatchObject({ shape: [5, 4, 5], paramCount: 0 });
  });

  it('maxpool2d, 2×2 on odd 3×7×5 drops the last row and column', () => {
    expect(maxpool2dModule.infer(pool({ size: 2 }), [[3, 7, 5]])).toMatchObject({
      shape: [3, 3, 2],
    });
  });

  it('maxpool2d, refuses a flat input', () => {
    expect(maxpool2dModule.infer(pool({ size: 2 }), [[784]])).toBe(
      'maxpool2d expects a [channels, height, width] input, got [784]',
    );
  });

  it('avgpool2d, refuses a window larger than its input', () => {
    expect(avgpool2dModule.infer(pool({ size: 3 }), [[4, 2, 5]])).toBe(
      'window 3×3 is larger than its 2×5 input',
    );
  });

  it('maxpool2d, refuses padding over half the window', () => {
    expect(maxpool2dModule.infer(pool({ size: 2, padding: 2 }), [[1, 8, 8]])).toBe(
      'padding 2 is more than half the 2×2 window',
    );
  });
});

describe('pool gradients (finite differences)', () => {
  const cases: { name: string; p: OpParams<'maxpool2d'>; shape: number[]; batch: number }[] = [
    { name: '2×2 on 2×6×6', p: pool({ size: 2 }), shape: [2, 6, 6], batch: 3 },
    { name: '2×2 on odd 3×7×5', p: pool({ size: 2 }), shape: [3, 7, 5], batch: 2 },
    {
      name: '3×3 stride 2 pad 1 on 2×7×9',
      p: pool({ size: 3, stride: 2, padding: 1 }),
      shape: [2, 7, 9],
      batch: 3,
    },
    {
      name: '3×3 stride 1 pad 1 (overlapping) on 1×5×4',
      p: pool({ size: 3, stride: 1, padding: 1 }),
      shape: [1, 5, 4],
      batch: 1,
    },
    {
      name: '4×4 stride 3 pad 2 on 3×9×10',
      p: pool({ size: 4, stride: 3, padding: 2 }),
      shape: [3, 9, 10],
      batch: 2,
    },
  ];

  // Max pooling is piecewise linear: a small ε and well-separated inputs (a shuffled ramp with
  // gaps of 0.01) keep every finite difference on one side of each argmax switch.
  function separated(n: number, seed: number): Float32Array {
    const ramp = Array.from({ length: n }, (_, i) => (i - n / 2) * 0.01);
    new SeededRandom(seed, 5).shuffle(ramp);
    return Float32Array.from(ramp);
  }

  for (const c of cases) {
    it(`maxpool2d, ${c.name}, batch ${c.batch}`, () => {
      const inputValues = [separated(c.batch * shapeSize(c.shape), 3)];
      const result = gradCheck(maxpool2dModule, c.p, [c.shape], {
        batch: c.batch,
        eps: 1e-3,
        inputValues,
      });
      expect(result.mismatches).toEqual([]);
      expect(result.checked).toBeGreaterThan(0);
    });

    it(`avgpool2d, ${c.name}, batch ${c.batch}`, () => {
      // Average pooling is linear, so any ε is exact up to rounding.
      const result = gradCheck(avgpool2dModule, c.p, [c.shape], {
        batch: c.batch,
        eps: 0.25,
        atol: 1e-4,
        rtol: 1e-3,
      });
      expect(result.mismatches).toEqual([]);
      expect(result.checked).toBeGreaterThan(0);
    });
  }
});
