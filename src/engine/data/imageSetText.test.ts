import { describe, expect, it } from 'vitest';
import type { ImageSetSpec } from '../spec/schema';
import { describeImageSet, missingImageSetMessage } from './imageSetText';

const set: ImageSetSpec = {
  fingerprint: 'f'.repeat(64),
  name: 'shapes',
  classes: [
    { name: 'circle', count: 30, test: 0 },
    { name: 'square', count: 31, test: 0 },
    { name: 'triangle', count: 29, test: 0 },
  ],
};

describe('image set in words', () => {
  it('names the folder, its image and class counts and its classes', () => {
    expect(describeImageSet(set)).toBe('“shapes”, 90 images, 3 classes (circle, square, triangle)');
  });

  it('shortens a long class list', () => {
    const many = {
      ...set,
      classes: Array.from({ length: 9 }, (_, k) => ({ name: `c${k}`, count: 1, test: 0 })),
    };
    expect(describeImageSet(many)).toBe('“shapes”, 9 images, 9 classes (c0, c1, c2, c3, c4, …)');
  });

  it('the missing-set message says which folder to drop', () => {
    const message = missingImageSetMessage(set);
    expect(message).toContain('trains on an image folder of your own');
    expect(message).toContain('“shapes”, 90 images, 3 classes');
    expect(message).toContain('drop that folder on the Data panel to run it');
    expect(missingImageSetMessage(null)).toMatch(/drop a folder of images/);
  });
});
