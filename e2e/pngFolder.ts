// A small folder of PNG images in per-class subfolders, for the image-folder test: written with
// a tiny PNG encoder over node:zlib (8-bit RGB, no filtering), so no image library is needed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** A PNG of `width` × `height` RGB pixels (`rgb`: row by row, 3 bytes a pixel). */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter, no interlace
  const rows = Buffer.alloc(height * (1 + 3 * width));
  for (let y = 0; y < height; y++)
    rows.set(rgb.subarray(y * 3 * width, (y + 1) * 3 * width), y * (1 + 3 * width) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

type Shape = 'circle' | 'square' | 'triangle';
const COLOURS: Record<Shape, [number, number, number]> = {
  circle: [220, 40, 40],
  square: [40, 180, 60],
  triangle: [50, 90, 230],
};
const SIZES = [
  [40, 40],
  [56, 40],
  [32, 48],
  [64, 64],
];

/** A coloured shape at a random place and size on a noisy dark ground. */
function shapeImage(
  shape: Shape,
  index: number,
): { width: number; height: number; rgb: Uint8Array } {
  let seed = (index + 1) * 7919 + shape.length * 104_729;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const [width, height] = SIZES[index % SIZES.length];
  const side = Math.min(width, height);
  const r = side * (0.25 + 0.15 * random());
  const cx = width / 2 + (random() - 0.5) * (side - 2 * r) * 0.5;
  const cy = height / 2 + (random() - 0.5) * (side - 2 * r) * 0.5;
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const dx = x - cx;
      const dy = y - cy;
      const inside =
        shape === 'circle'
          ? dx * dx + dy * dy <= r * r
          : shape === 'square'
            ? Math.abs(dx) <= r * 0.85 && Math.abs(dy) <= r * 0.85
            : dy <= r * 0.8 && dy >= -r && Math.abs(dx) <= (dy + r) * 0.6;
      const noise = random() * 40;
      const [cr, cg, cb] = COLOURS[shape];
      const at = 3 * (y * width + x);
      rgb[at] = inside ? cr : 20 + noise;
      rgb[at + 1] = inside ? cg : 20 + noise;
      rgb[at + 2] = inside ? cb : 30 + noise;
    }
  return { width, height, rgb };
}

/**
 * Writes root/<shape>/<n>.png for three shapes, `perClass` each, plus a text file (not an
 * image) and a file named .png that is not one; returns the folder.
 */
export function writeShapesFolder(parent: string, perClass: number): string {
  const root = join(parent, 'shapes');
  for (const shape of ['circle', 'square', 'triangle'] as const) {
    mkdirSync(join(root, shape), { recursive: true });
    for (let i = 0; i < perClass; i++) {
      const { width, height, rgb } = shapeImage(shape, i);
      writeFileSync(join(root, shape, `${i}.png`), encodePng(width, height, rgb));
    }
  }
  writeFileSync(join(root, 'README.txt'), 'Shapes drawn for the LayerCake image-folder test.\n');
  writeFileSync(join(root, 'square', 'broken.png'), 'this is not a PNG');
  return root;
}
