// Decoding a user's images in the worker, never on the page: createImageBitmap decodes each file
// (PNG, JPEG, WebP, GIF, BMP), an OffscreenCanvas resizes it with the browser's high-quality
// filter, and the pixels land as channel-first bytes in one array — CIFAR-10's layout, so the
// gather and augmentation kernels and the normalisation take them unchanged.
import type { LoadProgress } from '../engine/data/fetchBytes';
import type { DecodedImages } from '../engine/data/imageSplit';
import { rgbaToPlanes, sourceRect, type ResizeMode } from '../engine/data/imageResize';
import { DatasetError } from '../engine/data/dataset';

export interface DecodeSettings {
  size: number;
  channels: 1 | 3;
  resize: ResizeMode;
}

/** 256 MiB of bytes at most: what the page can hold beside a model and its activations. */
export const MAX_DECODED_BYTES = 256 * 1024 * 1024;

/** Progress at most this often: each report is a message to the page. */
const REPORT_MS = 100;

export interface DecodeOutcome {
  images: DecodedImages;
  /** Indices (into the input) of the files that decoded, in order. */
  decoded: number[];
  /** Indices of the files createImageBitmap could not read. */
  failed: number[];
}

/**
 * Decodes `files` at `settings`, labelled `labels`, `givenTest` marking the folder's own test
 * images. Files that do not decode are left out and listed, not fatal.
 */
export async function decodeImages(
  files: readonly Blob[],
  labels: ArrayLike<number>,
  givenTest: ArrayLike<number>,
  settings: DecodeSettings,
  onProgress?: LoadProgress,
  what = 'images',
): Promise<DecodeOutcome> {
  const { size, channels } = settings;
  const row = channels * size * size;
  if (files.length * row > MAX_DECODED_BYTES)
    throw new DatasetError(
      `${files.length.toLocaleString('en')} images of ${channels}×${size}×${size} would take ${Math.round((files.length * row) / 2 ** 20)} MiB; at most ${MAX_DECODED_BYTES / 2 ** 20} MiB are held. Choose a smaller size, grey, or fewer images.`,
    );
  const canvas = new OffscreenCanvas(size, size);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx)
    throw new DatasetError('This browser gives no 2-D canvas in a worker to resize images with.');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  const pixels = new Uint8Array(files.length * row);
  const outLabels = new Int32Array(files.length);
  const outTest = new Uint8Array(files.length);
  const decoded: number[] = [];
  const failed: number[] = [];
  let reported = 0;
  for (let i = 0; i < files.length; i++) {
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(files[i]);
    } catch {
      failed.push(i);
      continue;
    }
    const { sx, sy, sw, sh } = sourceRect(bitmap.width, bitmap.height, settings.resize);
    // Black under the image: a transparent pixel comes out black, as PIL's convert('RGB') gives.
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, size, size);
    ctx.drawImage(bitmap, sx, sy, sw, sh, 0, 0, size, size);
    bitmap.close();
    const at = decoded.length;
    rgbaToPlanes(ctx.getImageData(0, 0, size, size).data, size * size, channels, pixels, at * row);
    outLabels[at] = labels[i];
    outTest[at] = givenTest[i];
    decoded.push(i);
    const now = performance.now();
    if (onProgress && now - reported > REPORT_MS) {
      reported = now;
      onProgress((i + 1) / files.length, `Decoding ${what}: ${i + 1} of ${files.length}`);
    }
  }
  const count = decoded.length;
  return {
    images: {
      size,
      channels,
      count,
      pixels: pixels.slice(0, count * row),
      labels: outLabels.slice(0, count),
      givenTest: outTest.slice(0, count),
    },
    decoded,
    failed,
  };
}
