import { describe, expect, it } from 'vitest';
import { makeTar } from '../testing/tarFixtures';
import { DatasetError } from './dataset';
import { TarReader, type TarEntry } from './tar';

/** Reads an archive pushed in pieces of the given sizes (cycled); returns each file's bytes. */
function readAll(archive: Uint8Array, pieces: number[] = [archive.length]): Map<string, number[]> {
  const files = new Map<string, number[]>();
  let current: number[] = [];
  const reader = new TarReader(
    {
      entry: (e: TarEntry) => {
        current = [];
        files.set(e.name, current);
        return !e.name.endsWith('.skip');
      },
      data: (piece) => current.push(...piece),
      end: () => undefined,
    },
    'test.tar',
  );
  let at = 0;
  for (let i = 0; at < archive.length; i++) {
    const size = pieces[i % pieces.length];
    reader.push(archive.subarray(at, at + size));
    at += size;
  }
  reader.finish();
  return files;
}

const bytes = (n: number, seed: number) =>
  Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) & 255);

describe('TarReader', () => {
  const members = [
    { name: 'dir/', bytes: new Uint8Array(0), type: '5' },
    { name: 'dir/a.bin', bytes: bytes(1000, 1) },
    { name: 'dir/empty.bin', bytes: new Uint8Array(0) },
    { name: 'dir/b.skip', bytes: bytes(513, 2) },
    { name: `dir/${'long-name-'.repeat(12)}.bin`, bytes: bytes(512, 3) },
  ];
  const archive = makeTar(members);

  it('hands on each regular file, whatever size the pieces come in', () => {
    for (const pieces of [[archive.length], [1], [7, 511, 3], [512], [1000, 24]]) {
      const files = readAll(archive, pieces);
      expect([...files.keys()]).toEqual([
        'dir/a.bin',
        'dir/empty.bin',
        'dir/b.skip',
        `dir/${'long-name-'.repeat(12)}.bin`,
      ]);
      expect(files.get('dir/a.bin')).toEqual([...members[1].bytes]);
      expect(files.get('dir/empty.bin')).toEqual([]);
      expect(files.get('dir/b.skip')).toEqual([]); // skipped: nothing copied
      expect(files.get(`dir/${'long-name-'.repeat(12)}.bin`)).toEqual([...members[4].bytes]);
    }
  });

  it('says an archive cut short is cut short, naming the file it stopped in', () => {
    const cut = archive.subarray(0, 512 * 2 + 100);
    expect(() => readAll(cut)).toThrow(
      /cut short inside dir\/a\.bin \(900 of its 1,000 bytes missing\)/,
    );
    expect(() => readAll(archive.subarray(0, 700))).toThrow(/cut short inside a header/);
  });

  it('refuses bytes that are not a tar archive, and a damaged header', () => {
    expect(() => readAll(bytes(2048, 9))).toThrow(/not a tar archive/);
    const damaged = archive.slice();
    damaged[512 + 10] ^= 0xff; // the second header's name
    expect(() => readAll(damaged)).toThrow(DatasetError);
    expect(() => readAll(damaged)).toThrow(/corrupt tar header \(bad checksum\) at byte 512/);
  });
});
