// Image minibatch gather on the CPU, with per-channel normalisation and augmentation (random
// crop from a black-padded image, left–right mirror); see ImageGatherParams for the formula.
import { augmentBits, decodeAugment, type AugmentChoice } from '../../data/augment';
import type { ImageGatherParams } from '../backend';
import { CpuBuffer, f32, i32 } from './cpuBuffer';

/** Reused for every image: the training step allocates nothing. */
const choice: AugmentChoice = { dx: 0, dy: 0, mirror: false };

export function gatherImages(p: ImageGatherParams): void {
  const { batch, channels, height, width, offset, pad, flip, scale, shift } = p;
  if (!(p.src instanceof CpuBuffer) || !(p.src.data instanceof Uint8Array)) {
    throw new Error(`gatherImages: source "${p.src.label}" is not a u8 CPU buffer`);
  }
  if (scale.length !== channels || shift.length !== channels || channels > 4) {
    throw new Error(
      `gatherImages: ${channels} channels need as many scales and shifts (at most 4)`,
    );
  }
  const src = p.src.data;
  const out = f32(p.out);
  const indices = i32(p.indices);
  const labels = i32(p.labels);
  const labelsOut = i32(p.labelsOut);
  const plane = height * width;
  const rowSize = channels * plane;
  const rows = Math.floor(src.length / rowSize);
  if (offset < 0 || offset + batch > indices.length) {
    throw new Error(
      `gatherImages: batch ${offset}..${offset + batch} is outside the ${indices.length} indices of "${p.indices.label}"`,
    );
  }
  const augmented = pad > 0 || flip;
  for (let b = 0; b < batch; b++) {
    const row = indices[offset + b];
    if (row < 0 || row >= rows) {
      throw new Error(
        `gatherImages: index ${row} at ${offset + b} is outside the ${rows} rows of "${p.src.label}"`,
      );
    }
    labelsOut[b] = labels[row];
    if (augmented) decodeAugment(augmentBits(p.seed, p.draw, batch, b), pad, flip, choice);
    const dx = augmented ? choice.dx : 0;
    const dy = augmented ? choice.dy : 0;
    const mirror = augmented && choice.mirror;
    const from = row * rowSize;
    const to = b * rowSize;
    for (let c = 0; c < channels; c++) {
      const k = scale[c];
      const m = shift[c];
      for (let y = 0; y < height; y++) {
        const sy = y + dy;
        for (let x = 0; x < width; x++) {
          const sx = (mirror ? width - 1 - x : x) + dx;
          const inside = sy >= 0 && sy < height && sx >= 0 && sx < width;
          const v = inside ? src[from + c * plane + sy * width + sx] : 0;
          out[to + c * plane + y * width + x] = v * k + m;
        }
      }
    }
  }
}
