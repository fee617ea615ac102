import { describe, expect, it } from 'vitest';
import { inkBox, mnistFromInk, MNIST_SIDE, resampleArea } from './mnistPreprocess';

/** A 100 × 100 drawing: a thick vertical stroke (a "1") off in the top-left corner. */
function stroke(): Float32Array {
  const ink = new Float32Array(100 * 100);
  for (let y = 5; y < 65; y++) for (let x = 10; x < 22; x++) ink[y * 100 + x] = 1;
  return ink;
}

function centreOfMass(img: Float32Array) {
  let mass = 0;
  let cx = 0;
  let cy = 0;
  for (let y = 0; y < MNIST_SIDE; y++)
    for (let x = 0; x < MNIST_SIDE; x++) {
      const v = img[y * MNIST_SIDE + x];
      mass += v;
      cx += v * (x + 0.5);
      cy += v * (y + 0.5);
    }
  return { x: cx / mass, y: cy / mass };
}

describe('MNIST preprocessing of a drawing', () => {
  it('finds the ink’s bounding box, and nothing in a blank drawing', () => {
    expect(inkBox(stroke(), 100, 100)).toEqual({ x: 10, y: 5, w: 12, h: 60 });
    expect(inkBox(new Float32Array(100), 10, 10)).toBeNull();
    expect(mnistFromInk(new Float32Array(100), 10, 10)).toBeNull();
  });

  it('area-averages: the mean is kept, and a half-covered pixel is half grey', () => {
    const src = Float32Array.from([1, 0, 1, 1, 0, 0]); // 3 × 2
    const out = resampleArea(src, 3, 2, 2, 1);
    expect(out[0]).toBeCloseTo((1 + 0.5 * 0 + 1 + 0.5 * 0) / 3, 6);
    const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(out)).toBeCloseTo(mean(src), 6);
  });

  it('scales the box so its longer side is 20 pixels and centres its mass in 28 × 28', () => {
    const digit = mnistFromInk(stroke(), 100, 100)!;
    expect(digit).toHaveLength(784);
    const box = inkBox(
      digit.map((v) => v / 255),
      MNIST_SIDE,
      MNIST_SIDE,
    )!;
    expect(box.h).toBe(20);
    expect(box.w).toBe(4);
    const c = centreOfMass(digit);
    expect(Math.abs(c.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(c.y - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.max(...digit)).toBe(255);
    expect(Math.min(...digit)).toBe(0);
  });

  it('anti-aliases: a slanted stroke leaves grey levels at its edges', () => {
    const ink = new Float32Array(90 * 90);
    for (let y = 0; y < 90; y++) for (let x = y; x < Math.min(90, y + 7); x++) ink[y * 90 + x] = 1;
    const digit = mnistFromInk(ink, 90, 90)!;
    const greys = Array.from(digit).filter((v) => v > 0 && v < 255);
    expect(greys.length).toBeGreaterThan(0);
  });
});
