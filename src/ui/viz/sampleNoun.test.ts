import { describe, expect, it } from 'vitest';
import { labelWidth, sampleNoun } from './sampleNoun';

describe('sampleNoun', () => {
  it('names each data set’s samples', () => {
    expect(sampleNoun('mnist').many).toBe('digits');
    expect(sampleNoun('cifar10').one).toBe('image');
    expect(sampleNoun('toy').many).toBe('points');
  });

  it('gives the longest class name its room', () => {
    expect(labelWidth(['0', '1'], 10)).toBe(6);
    expect(labelWidth(['cat', 'automobile'], 11)).toBe(66);
    expect(labelWidth([], 11)).toBe(0);
  });
});
