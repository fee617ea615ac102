import { describe, expect, it } from 'vitest';
import { idxFile } from '../testing/idxFixtures';
import { DatasetError } from './dataset';
import { parseIdx } from './idx';

/** The DatasetError that `f` throws (fails the test when it throws nothing or something else). */
function errorOf(f: () => unknown): DatasetError {
  try {
    f();
  } catch (e) {
    if (e instanceof DatasetError) return e;
    throw e;
  }
  throw new Error('expected a DatasetError');
}

describe('parseIdx', () => {
  it('parseIdx, labels 0x00000801 with 5 items', () => {
    const parsed = parseIdx(idxFile([5], [3, 1, 4, 1, 5]), 'labels.idx1');
    expect(parsed.dims).toEqual([5]);
    expect(Array.from(parsed.data)).toEqual([3, 1, 4, 1, 5]);
    expect(parsed.dataOffset).toBe(8);
  });

  it('parseIdx, images 0x00000803 of 2×3×4, dims big-endian', () => {
    const pixels = Array.from({ length: 24 }, (_, i) => i * 10);
    const parsed = parseIdx(idxFile([2, 3, 4], pixels), 'images.idx3');
    expect(parsed.dims).toEqual([2, 3, 4]);
    expect(parsed.dataOffset).toBe(16);
    expect(Array.from(parsed.data)).toEqual(pixels);
  });

  it('parseIdx, dimension above 255 needs all four header bytes', () => {
    const parsed = parseIdx(idxFile([70000], new Uint8Array(70000)), 'big.idx1');
    expect(parsed.dims).toEqual([70000]);
  });

  it('parseIdx, data is a view into the file, not a copy', () => {
    const file = idxFile([4], [1, 2, 3, 4]);
    expect(parseIdx(file, 'l.idx1').data.buffer).toBe(file.buffer);
  });

  it('parseIdx, truncated data names the expected and actual sizes', () => {
    const file = idxFile([60000, 28, 28], new Uint8Array(1184)); // 1200 bytes in all
    const error = errorOf(() => parseIdx(file, 'train-images.idx3'));
    expect(error.message).toMatch(/^train-images\.idx3: truncated: expected 47040016 bytes/);
    expect(error.message).toMatch(/got 1200$/);
    expect(error.file).toBe('train-images.idx3');
    expect(error.byteOffset).toBe(1200);
  });

  it('parseIdx, extra bytes after the data point at where they start', () => {
    const error = errorOf(() => parseIdx(idxFile([3], [1, 2, 3, 9, 9]), 'l.idx1'));
    expect(error.message).toMatch(/l\.idx1: 2 extra bytes after the data at byte 11/);
    expect(error.byteOffset).toBe(11);
  });

  it('parseIdx, header cut inside the dimensions', () => {
    const error = errorOf(() => parseIdx(idxFile([2, 28, 28], []).subarray(0, 10), 'i.idx3'));
    expect(error.message).toMatch(/i\.idx3: truncated: expected a 16-byte header/);
    expect(error.byteOffset).toBe(10);
  });

  it('parseIdx, fewer than 4 bytes', () => {
    expect(errorOf(() => parseIdx(new Uint8Array(2), 'e.idx1')).message).toMatch(
      /e\.idx1: truncated: 2 bytes/,
    );
  });

  it('parseIdx, float32 element type 0x0d is refused at byte 2', () => {
    const error = errorOf(() => parseIdx(idxFile([1], [0, 0, 0, 0], 0x0d), 'f.idx1'));
    expect(error.message).toMatch(/unsupported IDX element type 0x0d \(float32\) at byte 2/);
    expect(error.byteOffset).toBe(2);
  });

  it('parseIdx, nonzero first bytes are not IDX', () => {
    const error = errorOf(() => parseIdx(Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0]), 'x.idx1'));
    expect(error.message).toMatch(/x\.idx1: not an IDX file: it starts with bytes 1f 8b 08 00/);
    expect(error.byteOffset).toBe(0);
  });

  it('parseIdx, an HTML page in place of the file says the file is probably missing', () => {
    const html = new TextEncoder().encode('<!doctype html><html></html>');
    expect(errorOf(() => parseIdx(html, 'x.idx1')).message).toMatch(/HTML page.*probably missing/);
  });

  it('parseIdx, rank 0 and rank 9 are refused at byte 3', () => {
    for (const rank of [0, 9]) {
      const error = errorOf(() => parseIdx(Uint8Array.from([0, 0, 8, rank, 0, 0, 0, 0]), 'r.idx'));
      expect(error.message).toMatch(new RegExp(`header says ${rank} dimensions \\(byte 3\\)`));
      expect(error.byteOffset).toBe(3);
    }
  });
});
