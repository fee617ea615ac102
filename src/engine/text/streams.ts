// Random draws of the word-embedding trainer. Its streams (rng.ts's 1–5 belong to the image
// trainer) keep the text draws apart from them and from each other.
import { mix32, randomBits } from '../rng';

export const TextStream = {
  init: 21,
  subsample: 22,
  window: 23,
  negatives: 24,
} as const;

/**
 * Draws for the batch builder, which takes millions per second: the counter-based source's key
 * for (seed, stream), then one mix32 of a Weyl sequence per draw (rng.ts's SeededRandom costs
 * three). Same seed and stream, same sequence.
 */
export class TextRandom {
  private readonly key: number;
  private counter = 0;

  constructor(seed: number, stream: number) {
    this.key = randomBits(seed, stream, 0);
  }

  /** Integer in [0, n), n ≤ 2³². */
  int(n: number): number {
    const x = mix32((this.key + Math.imul(this.counter++, 0x9e3779b9)) >>> 0);
    return Math.floor((x / 4294967296) * n);
  }
}
