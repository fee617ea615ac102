import { describe, expect, it } from 'vitest';
import {
  divergingColor,
  hexToRgb,
  maxMagnitude,
  paintClasses,
  paintValues,
  type Rgb,
} from './boundaryPaint';

const ORANGE: Rgb = [232, 89, 12];
const BLUE: Rgb = [37, 99, 235];
const GREEN: Rgb = [15, 157, 118];

function pixel(out: Uint8ClampedArray, i: number): number[] {
  return Array.from(out.subarray(4 * i, 4 * i + 4));
}

/** White moved towards `rgb` by t, as an opaque pixel. */
function tinted(rgb: Rgb, t: number): number[] {
  return [...rgb.map((c) => Math.round(255 + (c - 255) * t)), 255];
}

describe('paintClasses', () => {
  it('a sure cell is 72 % its class colour; an unsure one a faint wash', () => {
    const out = new Uint8ClampedArray(4 * 3);
    paintClasses(Float32Array.from([1, 0, 0.5, 0.5, 0, 1]), 2, [ORANGE, BLUE], false, out);
    expect(pixel(out, 0)).toEqual(tinted(ORANGE, 0.72));
    expect(Math.min(...pixel(out, 1).slice(0, 3))).toBeGreaterThan(200);
    expect(pixel(out, 2)).toEqual(tinted(BLUE, 0.72));
  });

  it('three classes: the mix follows the probabilities; discretised, the most likely class only', () => {
    const p = Float32Array.from([0.1, 0.2, 0.7]);
    const soft = new Uint8ClampedArray(4);
    const hard = new Uint8ClampedArray(4);
    paintClasses(p, 3, [ORANGE, BLUE, GREEN], false, soft);
    paintClasses(p, 3, [ORANGE, BLUE, GREEN], true, hard);
    expect(soft[1]).toBeGreaterThan(soft[0]); // mostly green
    expect(pixel(hard, 0)).toEqual(tinted(GREEN, 0.42)); // halfway between unsure and sure
  });
});

describe('paintValues and divergingColor', () => {
  it('white at zero, the negative colour below, the positive above, clipped at the domain', () => {
    const out = new Uint8ClampedArray(4 * 3);
    paintValues(Float32Array.from([9, 0, -2, 4]), 1, 3, 2, ORANGE, BLUE, false, out);
    expect(pixel(out, 0)).toEqual([255, 255, 255, 255]);
    expect(pixel(out, 1)).toEqual(tinted(ORANGE, 0.8));
    expect(pixel(out, 2)).toEqual(tinted(BLUE, 0.8)); // 4 is past the domain of 2
    expect(divergingColor(1, 2, ORANGE, BLUE, 1).map(Math.round)).toEqual(
      tinted(BLUE, 0.5).slice(0, 3),
    );
  });

  it('discretised, only the sign shows', () => {
    const out = new Uint8ClampedArray(4 * 2);
    paintValues(Float32Array.from([0.01, 5]), 0, 2, 5, ORANGE, BLUE, true, out);
    expect(pixel(out, 0)).toEqual(pixel(out, 1));
  });

  it('NaN is drawn white rather than failing', () => {
    expect(divergingColor(Number.NaN, 1, ORANGE, BLUE)).toEqual([255, 255, 255]);
    const out = new Uint8ClampedArray(4);
    paintValues(Float32Array.from([Number.NaN]), 0, 1, 1, ORANGE, BLUE, false, out);
    expect(pixel(out, 0)).toEqual([255, 255, 255, 255]);
  });
});

describe('helpers', () => {
  it('hexToRgb and maxMagnitude', () => {
    expect(hexToRgb('#e8590c')).toEqual([232, 89, 12]);
    expect(maxMagnitude([0.5, -3, 2])).toBe(3);
    expect(maxMagnitude([], 0.25)).toBe(0.25);
  });
});
