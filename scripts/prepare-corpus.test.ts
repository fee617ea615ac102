import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipBytes, makeTar } from '../src/engine/testing/tarFixtures';
import { corpusFromFiles, parseManifest } from '../src/engine/text/corpus';
import { BadCorpus, corpusFromTarball, parseAddressName, untar } from './prepare-corpus.mjs';

const enc = new TextEncoder();

async function tarball(
  files: Record<string, string>,
): Promise<{ tgz: Uint8Array; integrity: string }> {
  const tgz = await gzipBytes(
    makeTar([
      { name: 'package/package.json', bytes: enc.encode('{}') },
      ...Object.entries(files).map(([name, text]) => ({ name, bytes: enc.encode(text) })),
    ]),
  );
  return { tgz, integrity: `sha512-${createHash('sha512').update(tgz).digest('base64')}` };
}

describe('prepare-corpus.mjs', () => {
  it('names an address by year, president and party', () => {
    expect(parseAddressName('2021_joseph_r_biden_d.txt')).toEqual({
      year: 2021,
      president: 'Joseph R. Biden',
      party: 'Democratic',
    });
    expect(parseAddressName('1790_george_washington_n.txt').party).toBe('none');
    expect(() => parseAddressName('notes.txt')).toThrow(BadCorpus);
  });

  it('joins the data/*.txt files in order with a manifest the app reads back', async () => {
    const { tgz, integrity } = await tarball({
      'package/data/1791_george_washington_n.txt': 'Second address. ',
      'package/data/1790_george_washington_n.txt': 'Fellow-Citizens (Applause.) of the Senate',
      'package/data/1790_george_washington_n.json': '{"ignored": true}',
    });
    const { text, manifest } = await corpusFromTarball(tgz, { integrity, expected: 2 });
    expect(new TextDecoder().decode(text)).toBe(
      'Fellow-Citizens (Applause.) of the Senate\n\nSecond address.',
    );
    expect(manifest.addresses.map((a) => [a.year, a.offset, a.bytes])).toEqual([
      [1790, 0, 41],
      [1791, 43, 15],
    ]);
    expect(untar(gunzipSync(tgz)).size).toBe(4);
    // The app's loader checks the size and SHA-256, and drops the stage directions.
    const corpus = await corpusFromFiles(parseManifest(manifest), await gzipBytes(text));
    expect(corpus.text).toBe('Fellow-Citizens   of the Senate\n\nSecond address.');
    expect(corpus.name).toBe('State of the Union addresses 1790–1791 (2)');
    await expect(
      corpusFromFiles(
        parseManifest({ ...manifest, sha256: '0'.repeat(64) }),
        await gzipBytes(text),
      ),
    ).rejects.toThrow(/SHA-256/);
  });

  it('refuses a tarball that is not the pinned one, or has the wrong number of addresses', async () => {
    const { tgz, integrity } = await tarball({ 'package/data/1790_george_washington_n.txt': 'x' });
    await expect(corpusFromTarball(tgz)).rejects.toThrow(/integrity/);
    await expect(corpusFromTarball(tgz, { integrity, expected: 233 })).rejects.toThrow(
      /1 addresses, expected 233/,
    );
  });
});
