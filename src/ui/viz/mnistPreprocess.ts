// A drawing made into an MNIST digit, the way MNIST's digits were made (LeCun et al.): the ink's
// bounding box scaled, keeping its aspect ratio, so its longer side is 20 pixels (area-averaged,
// so the result is anti-aliased grey levels), then placed in a 28 × 28 field so that its centre
// of mass is the field's centre. Ink is bright (255) on black (0), as in the data set.

export const MNIST_SIDE = 28;
const BOX = 20;
/** Ink below this (of 1) is not counted in the bounding box: stray anti-aliased fringe. */
const INK_THRESHOLD = 0.02;

/** `src` (sw × sh) resampled to dw × dh by area averaging: each output pixel is the mean it covers. */
export function resampleArea(
  src: Float32Array,
  sw: number,
  sh: number,
  dw: number,
  dh: number,
): Float32Array {
  // Separable: rows first, then columns.
  const rows = new Float32Array(dw * sh);
  const fx = sw / dw;
  for (let x = 0; x < dw; x++) {
    const x0 = x * fx;
    const x1 = x0 + fx;
    for (let y = 0; y < sh; y++) {
      let sum = 0;
      for (let s = Math.floor(x0); s < Math.min(sw, Math.ceil(x1)); s++) {
        const cover = Math.min(x1, s + 1) - Math.max(x0, s);
        sum += cover * src[y * sw + s];
      }
      rows[y * dw + x] = sum / fx;
    }
  }
  const out = new Float32Array(dw * dh);
  const fy = sh / dh;
  for (let y = 0; y < dh; y++) {
    const y0 = y * fy;
    const y1 = y0 + fy;
    for (let x = 0; x < dw; x++) {
      let sum = 0;
      for (let s = Math.floor(y0); s < Math.min(sh, Math.ceil(y1)); s++) {
        const cover = Math.min(y1, s + 1) - Math.max(y0, s);
        sum += cover * rows[s * dw + x];
      }
      out[y * dw + x] = sum / fy;
    }
  }
  return out;
}

/** The ink's bounding box in a width × height image of ink amounts in [0, 1]; null when blank. */
export function inkBox(
  ink: Float32Array,
  width: number,
  height: number,
): { x: number; y: number; w: number; h: number } | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] <= INK_THRESHOLD) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/**
 * The 28 × 28 MNIST-style digit (grey levels 0–255, row by row) of a drawing given as ink
 * amounts in [0, 1] (width × height); null when nothing is drawn.
 */
export function mnistFromInk(
  ink: Float32Array,
  width: number,
  height: number,
): Float32Array | null {
  const box = inkBox(ink, width, height);
  if (box === null) return null;
  const crop = new Float32Array(box.w * box.h);
  for (let y = 0; y < box.h; y++)
    for (let x = 0; x < box.w; x++) crop[y * box.w + x] = ink[(box.y + y) * width + box.x + x];
  const scale = BOX / Math.max(box.w, box.h);
  const w = Math.max(1, Math.round(box.w * scale));
  const h = Math.max(1, Math.round(box.h * scale));
  const small = resampleArea(crop, box.w, box.h, w, h);

  // Centre of mass of the scaled digit, then the shift that puts it at the field's centre.
  let mass = 0;
  let cx = 0;
  let cy = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = small[y * w + x];
      mass += v;
      cx += v * (x + 0.5);
      cy += v * (y + 0.5);
    }
  }
  const dx = Math.round(MNIST_SIDE / 2 - cx / mass);
  const dy = Math.round(MNIST_SIDE / 2 - cy / mass);
  const out = new Float32Array(MNIST_SIDE * MNIST_SIDE);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const tx = x + dx;
      const ty = y + dy;
      if (tx < 0 || ty < 0 || tx >= MNIST_SIDE || ty >= MNIST_SIDE) continue;
      out[ty * MNIST_SIDE + tx] = Math.round(255 * Math.min(1, small[y * w + x]));
    }
  }
  return out;
}
