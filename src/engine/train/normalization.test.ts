import { describe, expect, it } from 'vitest';
import { normalizeValue, scaleOf, type Normalization } from './deviceDataset';

describe('input normalisation', () => {
  it('one scale and shift for every value, or one per channel plane', () => {
    const plain: Normalization = { scale: 2, shift: -1 };
    expect(normalizeValue(plain, 3, 7, 12)).toBe(5);
    const rgb: Normalization = {
      scale: 1 / 255,
      shift: 0,
      channels: { scale: [1, 10, 100], shift: [0, 1, 2] },
    };
    // 12 values: planes of 4 — values 0–3 red, 4–7 green, 8–11 blue.
    expect([0, 3, 4, 7, 8, 11].map((i) => normalizeValue(rgb, 1, i, 12))).toEqual([
      1, 1, 11, 11, 102, 102,
    ]);
    expect([0, 5, 11].map((i) => scaleOf(rgb, i, 12))).toEqual([1, 10, 100]);
    expect(scaleOf(plain, 11, 12)).toBe(2);
  });
});
