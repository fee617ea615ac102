import { describe, expect, it } from 'vitest';
import { formatFlops, formatParams, formatShape } from './format';

describe('editor number formats', () => {
  it('parameters with thousands separators', () => {
    expect(formatParams(101770)).toBe('101,770 params');
    expect(formatParams(0)).toBe('0 params');
    expect(formatParams(1)).toBe('1 param');
  });

  it('FLOPs in the unit that keeps the value at 0.1 or above, plain under 1,000', () => {
    expect(formatFlops(200_704)).toBe('0.2 MFLOP');
    expect(formatFlops(128)).toBe('128 FLOP');
    expect(formatFlops(2_560)).toBe('2.6 kFLOP');
    expect(formatFlops(1_000_000)).toBe('1 MFLOP');
    expect(formatFlops(45_000_000)).toBe('45 MFLOP');
    expect(formatFlops(2.3e9)).toBe('2.3 GFLOP');
  });

  it('shapes as a × b × c', () => {
    expect(formatShape([6, 24, 24])).toBe('6×24×24');
    expect(formatShape([128])).toBe('128');
    expect(formatShape([])).toBe('scalar');
  });
});
