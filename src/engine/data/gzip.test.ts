import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DatasetError } from './dataset';
import { gunzip, isGzip } from './gzip';

const raw = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 31) % 251);
const gz = new Uint8Array(gzipSync(raw));

/** Byte equality without vitest's element-by-element diffing, which takes ~0.5 s at 100 kB. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(
    Buffer.from(b.buffer, b.byteOffset, b.length),
  );
}

describe('gunzip', () => {
  it('gunzip, 100,003 bytes round trip', async () => {
    expect(isGzip(gz)).toBe(true);
    expect(sameBytes(await gunzip(gz, 'a.gzbin'), raw)).toBe(true);
  });

  it('gunzip, data without the gzip magic passes through as the same array', async () => {
    expect(isGzip(raw)).toBe(false);
    expect(await gunzip(raw, 'a.idx3')).toBe(raw);
  });

  it('gunzip, a view into a larger buffer', async () => {
    const padded = new Uint8Array(gz.length + 10);
    padded.set(gz, 5);
    expect(sameBytes(await gunzip(padded.subarray(5, 5 + gz.length), 'a.gzbin'), raw)).toBe(true);
  });

  it('gunzip, stream cut short gives a DatasetError naming the file', async () => {
    const error = await gunzip(gz.subarray(0, gz.length - 100), 'train-images.idx3.gzbin').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).file).toBe('train-images.idx3.gzbin');
    expect((error as DatasetError).message).toMatch(
      /^train-images\.idx3\.gzbin: corrupt gzip data/,
    );
  });

  it('gunzip, shorter than a gzip header and trailer', async () => {
    await expect(gunzip(gz.subarray(0, 12), 'a.gzbin')).rejects.toThrow(
      /a\.gzbin: truncated gzip data: 12 bytes/,
    );
  });

  it('gunzip, flipped bytes in the deflate stream', async () => {
    const bad = gz.slice();
    for (let i = 20; i < 60; i++) bad[i] ^= 0x5a;
    await expect(gunzip(bad, 'a.gzbin')).rejects.toBeInstanceOf(DatasetError);
  });

  it('gunzip, trailer stating a smaller size than the data', async () => {
    const bad = gz.slice();
    new DataView(bad.buffer).setUint32(bad.length - 4, 1000, true);
    await expect(gunzip(bad, 'a.gzbin')).rejects.toBeInstanceOf(DatasetError);
  });
});
