// A small off-screen canvas holding an RGBA image at one pixel per value, reused between frames,
// drawn scaled onto a visible canvas with crisp pixels (a feature map's values stay squares).
export class PixelImage {
  private readonly canvas = document.createElement('canvas');
  private image: ImageData | null = null;

  /** The image's pixels, reallocated only when its size changes. */
  pixels(width: number, height: number): Uint8ClampedArray {
    if (this.image?.width !== width || this.image.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
      this.image = new ImageData(width, height);
    }
    return this.image.data;
  }

  /** Puts the painted pixels on `ctx` over (x, y, width, height), unsmoothed unless asked. */
  draw(
    ctx: CanvasRenderingContext2D,
    x: number,
    y: number,
    width: number,
    height: number,
    smooth = false,
  ): void {
    if (this.image === null) return;
    this.canvas.getContext('2d')?.putImageData(this.image, 0, 0);
    ctx.imageSmoothingEnabled = smooth;
    ctx.drawImage(this.canvas, x, y, width, height);
  }
}
