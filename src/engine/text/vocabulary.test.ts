import { describe, expect, it } from 'vitest';
import { buildVocabulary, countWords, encode } from './vocabulary';

const tokens = 'b a c a b a d e e e e'.split(' ');

describe('vocabulary', () => {
  it('orders by count, ties alphabetically, with a minimum count and a size limit', () => {
    const v = buildVocabulary(countWords(tokens), { minCount: 2, maxSize: 10 });
    expect(v.words).toEqual(['e', 'a', 'b']);
    expect([...v.counts]).toEqual([4, 3, 2]);
    expect(v.totalTokens).toBe(11);
    expect(v.keptTokens).toBe(9);
    const capped = buildVocabulary(countWords(tokens), { minCount: 1, maxSize: 2 });
    expect(capped.words).toEqual(['e', 'a']);
    expect(capped.keptTokens).toBe(7);
  });
  it('encodes the text as ids, dropping words outside the vocabulary', () => {
    const v = buildVocabulary(countWords(tokens), { minCount: 2, maxSize: 10 });
    expect([...encode(tokens, v)]).toEqual([2, 1, 1, 2, 1, 0, 0, 0, 0]);
  });
});
