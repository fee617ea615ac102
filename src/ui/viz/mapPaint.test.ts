import { describe, expect, it } from 'vitest';
import {
  gridLayout,
  heatRgb,
  mapAt,
  mapDomains,
  paintInput,
  paintMapGrid,
  paintRgbGrid,
  paintSaliency,
} from './mapPaint';
import { NEGATIVE, POSITIVE } from './vizColors';

const pixel = (out: Uint8ClampedArray, i: number) => Array.from(out.subarray(4 * i, 4 * i + 3));

describe('grid layout', () => {
  it('places maps row by row with a gap, and finds the map and value under a pixel', () => {
    const layout = gridLayout(5, 3, 2, 2);
    expect([layout.cols, layout.rows, layout.width, layout.height]).toEqual([2, 3, 7, 8]);
    expect(mapAt(layout, 0, 0)).toEqual({ map: 0, row: 0, col: 0 });
    expect(mapAt(layout, 5, 1)).toEqual({ map: 1, row: 1, col: 1 });
    expect(mapAt(layout, 3, 0)).toBeNull(); // the gap
    expect(mapAt(layout, 4, 6)).toBeNull(); // where a sixth map would be
    expect(mapAt(layout, 1, 7)).toEqual({ map: 4, row: 1, col: 1 });
  });
});

describe('map painting', () => {
  const values = Float32Array.from([-2, 0, 1, 2, 0.5, 0.25, 0, 0]);

  it('normalises per map or over the layer', () => {
    expect(Array.from(mapDomains(values, 2, 4, 'map'))).toEqual([2, 0.5]);
    expect(Array.from(mapDomains(values, 2, 4, 'layer'))).toEqual([2, 2]);
  });

  it('paints the diverging scale: full colour at ±domain, white at zero, grey gaps', () => {
    const layout = gridLayout(2, 2, 2, 2);
    const out = new Uint8ClampedArray(4 * layout.width * layout.height);
    paintMapGrid(values, layout, Float32Array.from([2, 0.5]), out);
    expect(pixel(out, 0)).toEqual([...NEGATIVE]);
    expect(pixel(out, 1)).toEqual([255, 255, 255]);
    expect(pixel(out, 2)).toEqual([226, 229, 234]);
    expect(pixel(out, layout.width + 1)).toEqual([...POSITIVE]);
    expect(pixel(out, 3)).toEqual([...POSITIVE]); // second map: 0.5 of ±0.5
  });

  it('paints colour kernels as RGB, grey at zero', () => {
    const layout = gridLayout(1, 1, 1, 1);
    const out = new Uint8ClampedArray(4);
    paintRgbGrid(Float32Array.from([1, 0, -1]), layout, Float32Array.from([1]), out);
    expect(pixel(out, 0)).toEqual([255, 128, 1]);
  });

  it('paints the saliency as |gradient| over its largest, the strongest channel per pixel', () => {
    const out = new Uint8ClampedArray(4 * 2);
    const max = paintSaliency(Float32Array.from([1, -4, 0, 2]), 2, 2, out);
    expect(max).toBe(4);
    expect(pixel(out, 0)).toEqual([...heatRgb(0.25)].map(Math.round));
    expect(pixel(out, 1)).toEqual([...heatRgb(1)].map(Math.round));
    expect(heatRgb(0)).toEqual([255, 255, 255]);
  });
});

describe('paintInput', () => {
  it('grey as ink on paper (digits) or as it is (a grey photo); colour planes as they are', () => {
    const out = new Uint8ClampedArray(8);
    paintInput([0, 200], 1, 2, out);
    expect(Array.from(out)).toEqual([255, 255, 255, 255, 55, 55, 55, 255]);
    paintInput([0, 200], 1, 2, out, false);
    expect(Array.from(out)).toEqual([0, 0, 0, 255, 200, 200, 200, 255]);
    paintInput([1, 2, 3, 4, 5, 6], 3, 2, out);
    expect(Array.from(out)).toEqual([1, 3, 5, 255, 2, 4, 6, 255]);
  });
});
