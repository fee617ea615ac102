import { describe, expect, it } from 'vitest';
import { rgbaToPlanes, sourceRect } from './imageResize';

describe('image resize geometry', () => {
  it('crop: the largest centred square of a wide or tall image', () => {
    expect(sourceRect(200, 100, 'crop')).toEqual({ sx: 50, sy: 0, sw: 100, sh: 100 });
    expect(sourceRect(30, 90, 'crop')).toEqual({ sx: 0, sy: 30, sw: 30, sh: 30 });
    expect(sourceRect(41, 40, 'crop')).toEqual({ sx: 0.5, sy: 0, sw: 40, sh: 40 });
    expect(sourceRect(16, 16, 'crop')).toEqual({ sx: 0, sy: 0, sw: 16, sh: 16 });
  });

  it('squash: the whole image', () => {
    expect(sourceRect(200, 100, 'squash')).toEqual({ sx: 0, sy: 0, sw: 200, sh: 100 });
  });

  it('RGBA to channel planes, and to BT.601 grey', () => {
    const rgba = Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 0, 10, 20, 30, 255]);
    const colour = new Uint8Array(2 + 12);
    rgbaToPlanes(rgba, 4, 3, colour, 2);
    expect(Array.from(colour)).toEqual([0, 0, 255, 0, 0, 10, 0, 255, 0, 20, 0, 0, 255, 30]);
    const grey = new Uint8Array(4);
    rgbaToPlanes(rgba, 4, 1, grey, 0);
    expect(Array.from(grey)).toEqual([76, 150, 29, 18]);
  });
});
