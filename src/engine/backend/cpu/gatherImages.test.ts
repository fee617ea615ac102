import { describe, expect, it } from 'vitest';
import { augmentBits, decodeAugment } from '../../data/augment';
import type { DeviceBuffer, ImageGatherParams } from '../backend';
import { CpuBackend } from './cpuBackend';
import { f32, i32 } from './cpuBuffer';

const backend = new CpuBackend();

function buffer(values: Int32Array | Uint8Array, label: string): DeviceBuffer {
  const b = backend.alloc(values.length, values instanceof Int32Array ? 'i32' : 'u8', label);
  backend.write(b, values);
  return b;
}

/** Three 2×4×4 images; pixel (image i, channel c, y, x) = 60i + 30c + 4y + x (under 256). */
const [C, H, W] = [2, 4, 4];
const image = (i: number, c: number, y: number, x: number) => 60 * i + 30 * c + 4 * y + x;
const src = buffer(
  Uint8Array.from({ length: 3 * C * H * W }, (_, e) => {
    const i = Math.floor(e / (C * H * W));
    const r = e % (C * H * W);
    return image(i, Math.floor(r / (H * W)), Math.floor((r % (H * W)) / W), r % W);
  }),
  'src',
);

function gather(extra: Partial<ImageGatherParams>, indices = [2, 0]): Float32Array {
  const p: ImageGatherParams = {
    src,
    labels: buffer(Int32Array.from([7, 8, 9]), 'labels'),
    indices: buffer(Int32Array.from(indices), 'indices'),
    offset: 0,
    batch: indices.length,
    channels: C,
    height: H,
    width: W,
    out: backend.alloc(indices.length * C * H * W, 'f32', 'out'),
    labelsOut: backend.alloc(indices.length, 'i32', 'labelsOut'),
    scale: [1, 1],
    shift: [0, 0],
    pad: 0,
    flip: false,
    seed: 5,
    draw: 0,
    ...extra,
  };
  backend.gatherImages(p);
  expect([...i32(p.labelsOut)]).toEqual(indices.map((i) => 7 + i));
  return f32(p.out).slice();
}

const at = (out: Float32Array, b: number, c: number, y: number, x: number) =>
  out[((b * C + c) * H + y) * W + x];

describe('cpu gatherImages', () => {
  it('without augmentation: each channel scaled and shifted by its own constants', () => {
    const out = gather({ scale: [0.5, 2], shift: [-1, 3] });
    expect(at(out, 0, 0, 1, 2)).toBe(image(2, 0, 1, 2) * 0.5 - 1);
    expect(at(out, 0, 1, 3, 3)).toBe(image(2, 1, 3, 3) * 2 + 3);
    expect(at(out, 1, 1, 0, 0)).toBe(image(0, 1, 0, 0) * 2 + 3);
  });

  it('crop and mirror: the drawn shift of the image, black outside it, labels kept', () => {
    const pad = 2;
    for (let draw = 0; draw < 20; draw++) {
      const out = gather({ pad, flip: true, draw, shift: [0.25, 0.25] });
      for (let b = 0; b < 2; b++) {
        const i = [2, 0][b];
        const { dx, dy, mirror } = decodeAugment(augmentBits(5, draw, 2, b), pad, true);
        expect(Math.abs(dx)).toBeLessThanOrEqual(pad);
        for (let c = 0; c < C; c++)
          for (let y = 0; y < H; y++)
            for (let x = 0; x < W; x++) {
              const sx = (mirror ? W - 1 - x : x) + dx;
              const sy = y + dy;
              const inside = sx >= 0 && sx < W && sy >= 0 && sy < H;
              expect(at(out, b, c, y, x)).toBe((inside ? image(i, c, sy, sx) : 0) + 0.25);
            }
      }
    }
  });

  it('is the same for the same seed and draw, and differs across draws', () => {
    const a = gather({ pad: 2, flip: true, draw: 3 });
    expect(gather({ pad: 2, flip: true, draw: 3 })).toEqual(a);
    const differs = [4, 5, 6, 7].some((draw) => {
      const other = gather({ pad: 2, flip: true, draw });
      return other.some((v, k) => v !== a[k]);
    });
    expect(differs).toBe(true);
  });

  it('draws every offset in [−pad, pad] and mirrors about half the images', () => {
    const seen = new Set<number>();
    let mirrored = 0;
    for (let n = 0; n < 2000; n++) {
      const { dx, mirror } = decodeAugment(augmentBits(1, n, 64, 3), 4, true);
      seen.add(dx);
      if (mirror) mirrored++;
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([-4, -3, -2, -1, 0, 1, 2, 3, 4]);
    expect(mirrored / 2000).toBeGreaterThan(0.45);
    expect(mirrored / 2000).toBeLessThan(0.55);
  });
});
