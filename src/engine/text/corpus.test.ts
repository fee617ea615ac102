import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { corpusFromUpload, parseManifest, withoutStageDirections } from './corpus';

const enc = new TextEncoder();

describe('a dropped text file', () => {
  it('is read as UTF-8, gzipped or not, without the audience’s stage directions', async () => {
    const raw = enc.encode('We the people (Applause.) — peace (Laughter and applause.) at last');
    const plain = await corpusFromUpload('speech.txt', raw);
    expect(plain.text).toBe('We the people   — peace   at last');
    expect(plain.bytes).toBe(raw.length);
    const gz = await corpusFromUpload('speech.txt.gz', new Uint8Array(gzipSync(raw)));
    expect(gz.text).toBe(plain.text);
  });
  it('is refused when it is not text', async () => {
    await expect(
      corpusFromUpload('photo.jpg', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x80])),
    ).rejects.toThrow('photo.jpg is not UTF-8 text');
    await expect(corpusFromUpload('data.bin', Uint8Array.from([65, 0, 66]))).rejects.toThrow(
      /binary/,
    );
  });
  it('keeps parentheses that are not stage directions', () => {
    expect(withoutStageDirections('the Act (of 1862) passed')).toBe('the Act (of 1862) passed');
  });
});

describe('the corpus manifest', () => {
  it('is refused when it is not format 1 or names a file outside its folder', () => {
    expect(() => parseManifest({ format: 2 })).toThrow(/format 1/);
    expect(() =>
      parseManifest({ format: 1, file: '../x', bytes: 1, sha256: '', addresses: [] }),
    ).toThrow();
  });
});
