// The geometry and pixel layout of resizing a user's image to the set's size × size: which part
// of the source is drawn (the centred square, or all of it), and RGBA canvas pixels to the
// channel-first byte planes the gather kernels read. Pure: the worker's canvas does the drawing.

export type ResizeMode = 'crop' | 'squash';

/** The source rectangle drawn onto the size × size target. */
export function sourceRect(
  width: number,
  height: number,
  mode: ResizeMode,
): { sx: number; sy: number; sw: number; sh: number } {
  if (mode === 'squash') return { sx: 0, sy: 0, sw: width, sh: height };
  // The largest centred square: what torchvision's Resize(s) then CenterCrop(s) keeps.
  const side = Math.min(width, height);
  return { sx: (width - side) / 2, sy: (height - side) / 2, sw: side, sh: side };
}

/**
 * Writes one image's RGBA pixels (as getImageData gives them, un-premultiplied) into `out` at
 * `offset` as channel planes: R, G, B, or one grey plane of ITU-R BT.601 luma (what PIL's
 * convert('L') computes). Alpha is dropped: the canvas was filled black before drawing, so a
 * transparent pixel is black, as PIL's convert('RGB') makes it.
 */
export function rgbaToPlanes(
  rgba: Uint8ClampedArray | Uint8Array,
  pixels: number,
  channels: 1 | 3,
  out: Uint8Array,
  offset: number,
): void {
  if (channels === 3) {
    for (let i = 0; i < pixels; i++) {
      out[offset + i] = rgba[4 * i];
      out[offset + pixels + i] = rgba[4 * i + 1];
      out[offset + 2 * pixels + i] = rgba[4 * i + 2];
    }
    return;
  }
  for (let i = 0; i < pixels; i++) {
    const luma = (299 * rgba[4 * i] + 587 * rgba[4 * i + 1] + 114 * rgba[4 * i + 2]) / 1000;
    out[offset + i] = Math.round(luma);
  }
}
