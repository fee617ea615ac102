// Data augmentation's random choices, shared by the CPU and WebGPU image gathers so both pick
// the same crop and mirror for the same image of the same step: one 32-bit word per image
// from the counter-based source, its low bytes the crop offsets and bit 16 the mirror.
import { randomBits, RandomStream } from '../rng';

export interface AugmentChoice {
  /** Crop offset in pixels, in [−pad, pad]. */
  dx: number;
  dy: number;
  mirror: boolean;
}

/** The word drawn for row `b` of draw `draw` (u32 arithmetic, as the WGSL kernel does it). */
export function augmentBits(seed: number, draw: number, batch: number, b: number): number {
  return randomBits(seed, RandomStream.augment, (Math.imul(draw, batch) + b) >>> 0);
}

/**
 * Decodes a drawn word. The offsets take a byte modulo 2·pad + 1 (at most 17), a bias under
 * 7 % between offsets that augmentation does not notice.
 */
export function decodeAugment(
  bits: number,
  pad: number,
  flip: boolean,
  out: AugmentChoice = { dx: 0, dy: 0, mirror: false },
): AugmentChoice {
  const span = 2 * pad + 1;
  out.dx = ((bits & 0xff) % span) - pad;
  out.dy = (((bits >>> 8) & 0xff) % span) - pad;
  out.mirror = flip && ((bits >>> 16) & 1) === 1;
  return out;
}
