import { describe, expect, it } from 'vitest';
import { learningRate } from './schedule';

describe('learningRate', () => {
  it('constant, any epoch → base rate', () => {
    expect(learningRate({ kind: 'constant' }, 0.1, 0, 10)).toBe(0.1);
    expect(learningRate({ kind: 'constant' }, 0.1, 7.3, 10)).toBe(0.1);
  });

  it('step, γ 0.5 every 3 epochs, drops at whole multiples only', () => {
    const s = { kind: 'step', everyEpochs: 3, gamma: 0.5 } as const;
    expect(learningRate(s, 0.8, 0, 10)).toBe(0.8);
    expect(learningRate(s, 0.8, 2.99, 10)).toBe(0.8);
    expect(learningRate(s, 0.8, 3, 10)).toBe(0.4);
    expect(learningRate(s, 0.8, 6.5, 10)).toBe(0.2);
  });

  it('exponential, γ 0.5, fractional epochs', () => {
    const s = { kind: 'exponential', gamma: 0.5 } as const;
    expect(learningRate(s, 0.8, 0, 10)).toBe(0.8);
    expect(learningRate(s, 0.8, 2, 10)).toBeCloseTo(0.2, 12);
    expect(learningRate(s, 0.8, 0.5, 10)).toBeCloseTo(0.8 / Math.SQRT2, 12);
  });

  it('cosine, minLr 0.1, lr 0.9 over 10 epochs: start, middle, quarter, end', () => {
    const s = { kind: 'cosine', minLr: 0.1 } as const;
    expect(learningRate(s, 0.9, 0, 10)).toBeCloseTo(0.9, 12);
    expect(learningRate(s, 0.9, 5, 10)).toBeCloseTo(0.5, 12);
    // cos(π/4) = √2/2: 0.1 + 0.8·(1 + 0.70711)/2.
    expect(learningRate(s, 0.9, 2.5, 10)).toBeCloseTo(0.1 + 0.4 * (1 + Math.SQRT1_2), 12);
    expect(learningRate(s, 0.9, 10, 10)).toBeCloseTo(0.1, 12);
  });

  it('cosine, past the last epoch → held at minLr', () => {
    const s = { kind: 'cosine', minLr: 0.01 } as const;
    expect(learningRate(s, 0.5, 12, 10)).toBeCloseTo(0.01, 12);
  });
});
