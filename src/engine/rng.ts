// The seeded, counter-based random source used for every random draw in LayerCake.
//
// Counter-based (a stateless hash of (seed, stream, counter)) rather than a sequential
// generator, so that any draw can be computed independently and in parallel: the CPU and
// WebGPU backends produce the same dropout mask bits for the same step, and a GPU thread
// needs nothing but its index. Only 32-bit integer multiply, xor and shift are used, all
// of which WGSL has, so the same function is written once more in src/gpu.
//
// The mixer is "lowbias32" (Chris Wellons' hash-prospector), applied twice with the seed
// and stream folded in between; it passes the usual avalanche tests and is cheap.

/** Well-mixed 32-bit hash of a 32-bit value. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The random 32-bit word number `counter` of the stream (seed, stream). */
export function randomBits(seed: number, stream: number, counter: number): number {
  const h = mix32((seed ^ Math.imul(stream, 0x9e3779b9)) >>> 0);
  return mix32((h ^ mix32(counter >>> 0)) >>> 0);
}

/** Uniform on [0, 1) with 24 bits of resolution (exactly representable in f32). */
export function randomUniform(seed: number, stream: number, counter: number): number {
  return (randomBits(seed, stream, counter) >>> 8) / 16777216;
}

/** Standard normal by Box–Muller from draws 2·counter and 2·counter+1. */
export function randomNormal(seed: number, stream: number, counter: number): number {
  const u1 = 1 - randomUniform(seed, stream, 2 * counter); // (0, 1], so log is finite
  const u2 = randomUniform(seed, stream, 2 * counter + 1);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Streams keep unrelated uses of one seed apart. */
export const RandomStream = {
  init: 1,
  shuffle: 2,
  dropout: 3,
  augment: 4,
  toyData: 5,
  /** Which of a user's image folder's images are held out for testing. */
  imageSplit: 6,
} as const;

/**
 * A small sequential generator over the counter-based source, for code that draws values
 * one after another (shuffles, toy data sets). Same seed and stream, same sequence.
 */
export class SeededRandom {
  private counter = 0;
  constructor(
    private readonly seed: number,
    private readonly stream: number,
  ) {}

  uniform(): number {
    return randomUniform(this.seed, this.stream, this.counter++);
  }

  /** Draws taken so far: with `seek`, what lets a resumed run repeat a draw exactly. */
  get position(): number {
    return this.counter;
  }

  /** Continue from draw number `position` (the counter-based source makes this free). */
  seek(position: number): void {
    if (!Number.isInteger(position) || position < 0)
      throw new Error(`bad random stream position ${position}`);
    this.counter = position;
  }

  /** Box–Muller from the next two uniforms, so normal and uniform draws never share a counter. */
  normal(): number {
    const u1 = 1 - this.uniform();
    const u2 = this.uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Fisher–Yates shuffle in place. */
  shuffle(a: Int32Array | number[]): void {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
