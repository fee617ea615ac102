import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize';

describe('tokenize', () => {
  it('lower-cases words and keeps inner apostrophes, curly or straight', () => {
    expect(tokenize("The Nation’s peace — don't 'quote' it!")).toEqual([
      'the',
      "nation's",
      'peace',
      "don't",
      'quote',
      'it',
    ]);
  });
  it('keeps numbers whole: thousands separators dropped, decimals and years kept', () => {
    expect(tokenize('In 1945, $1,000,000 and 3.5 percent; 2,50 items')).toEqual([
      'in',
      '1945',
      '1000000',
      'and',
      '3.5',
      'percent',
      '2',
      '50',
      'items',
    ]);
  });
  it('splits on hyphens and dashes, keeps accented letters', () => {
    expect(tokenize('self-government—Café naïve')).toEqual(['self', 'government', 'café', 'naïve']);
  });
});
