import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gzipBytes, makeTar, type TarMember } from '../testing/tarFixtures';
import { CIFAR_CLASS_NAMES, CIFAR_PIXELS, CIFAR_RECORD, cifarFromArchive } from './cifar';

/** `labels.length` records whose pixels encode (record, byte) so any misplacement shows. */
function batch(labels: number[], seed: number): Uint8Array {
  const out = new Uint8Array(labels.length * CIFAR_RECORD);
  labels.forEach((label, r) => {
    out[r * CIFAR_RECORD] = label;
    for (let i = 0; i < CIFAR_PIXELS; i++)
      out[r * CIFAR_RECORD + 1 + i] = (seed + r * 31 + i) & 255;
  });
  return out;
}

const dir = 'cifar-10-batches-bin';
const meta = new TextEncoder().encode(CIFAR_CLASS_NAMES.join('\n') + '\n\n');

function archive(members: TarMember[]): Blob {
  return new Blob([makeTar(members) as Uint8Array<ArrayBuffer>]);
}

async function gzipped(members: TarMember[]): Promise<Blob> {
  return new Blob([(await gzipBytes(makeTar(members))) as Uint8Array<ArrayBuffer>]);
}

describe('CIFAR-10 binary archive', () => {
  const members: TarMember[] = [
    { name: `${dir}/`, bytes: new Uint8Array(0), type: '5' },
    { name: `${dir}/batches.meta.txt`, bytes: meta },
    { name: `${dir}/data_batch_1.bin`, bytes: batch([3, 0, 9], 1) },
    { name: `${dir}/data_batch_4.bin`, bytes: batch([5, 5], 2) },
    { name: `${dir}/test_batch.bin`, bytes: batch([7, 1], 3) },
    { name: `${dir}/readme.html`, bytes: new Uint8Array(100) },
  ];

  it('reads any subset of the batches from a tar.gz, records in archive order', async () => {
    const progress: number[] = [];
    const data = await cifarFromArchive(await gzipped(members), 'tiny.tar.gz', (f) =>
      progress.push(f),
    );
    expect(data.sampleShape).toEqual([3, 32, 32]);
    expect(data.classNames).toEqual(CIFAR_CLASS_NAMES);
    expect(data.train.count).toBe(5);
    expect([...data.train.labels]).toEqual([3, 0, 9, 5, 5]);
    expect(data.test.count).toBe(2);
    expect([...data.test.labels]).toEqual([7, 1]);
    // Exactly the records' pixel planes, nothing more.
    expect(data.train.inputs.length).toBe(5 * CIFAR_PIXELS);
    expect(data.train.inputs[3 * CIFAR_PIXELS + 10]).toBe((2 + 0 * 31 + 10) & 255);
    expect(data.train.inputs[2 * CIFAR_PIXELS + 3071]).toBe((1 + 2 * 31 + 3071) & 255);
    expect(data.test.inputs[CIFAR_PIXELS + 5]).toBe((3 + 31 + 5) & 255);
    expect(progress.at(-1)).toBe(1);
  });

  it('reads a plain tar the same way', async () => {
    const data = await cifarFromArchive(archive(members), 'tiny.tar');
    expect([...data.train.labels]).toEqual([3, 0, 9, 5, 5]);
  });

  it('says what is wrong with a damaged or wrong archive', async () => {
    const cases: [string, Promise<unknown>, RegExp][] = [
      [
        'wrong record size',
        cifarFromArchive(
          archive([{ name: `${dir}/data_batch_1.bin`, bytes: new Uint8Array(3072 * 2) }]),
          'a.tar',
        ),
        /data_batch_1\.bin is 6,144 bytes, not a whole number of 3,073-byte CIFAR-10 records/,
      ],
      [
        'no test batch',
        cifarFromArchive(archive(members.filter((m) => !m.name.includes('test'))), 'a.tar'),
        /no test batch \(test_batch\.bin\)/,
      ],
      [
        'no training batch',
        cifarFromArchive(archive(members.filter((m) => !m.name.includes('data_batch'))), 'a.tar'),
        /no training batch/,
      ],
      [
        'a label above 9',
        cifarFromArchive(
          archive([{ name: `${dir}/test_batch.bin`, bytes: batch([1, 12], 0) }]),
          'a.tar',
        ),
        /record 2 of test_batch\.bin has label 12/,
      ],
      [
        'the Python version',
        cifarFromArchive(
          archive([{ name: 'cifar-10-batches-py/data_batch_1', bytes: new Uint8Array(40) }]),
          'py.tar',
        ),
        /Python \(pickle\) version/,
      ],
      [
        'not an archive',
        cifarFromArchive(new Blob([new Uint8Array(4096).fill(65)]), 'notes.txt'),
        /not a tar archive/,
      ],
    ];
    for (const [what, result, message] of cases)
      await expect(result, what).rejects.toThrow(message);

    const gz = await gzipBytes(makeTar(members));
    const truncated = new Blob([gz.subarray(0, gz.length >> 1) as Uint8Array<ArrayBuffer>]);
    await expect(cifarFromArchive(truncated, 'cut.tar.gz')).rejects.toThrow(
      /cut.tar.gz: (corrupt gzip data|the archive is cut short)/,
    );
    const flipped = gz.slice();
    for (let i = 20; i < 60; i++) flipped[i] ^= 0x5a;
    await expect(
      cifarFromArchive(new Blob([flipped as Uint8Array<ArrayBuffer>]), 'bad.tar.gz'),
    ).rejects.toThrow(/bad\.tar\.gz: /);
  });

  const shared = new URL(
    '../../../../shared/datasets/cifar-10-binary-subset.tar.gz',
    import.meta.url,
  );
  it.runIf(existsSync(shared))(
    'reads the shared subset: 10,000 training and 10,000 test images, 1,000 per class',
    async () => {
      const data = await cifarFromArchive(
        new Blob([readFileSync(shared)]),
        'cifar-10-binary-subset.tar.gz',
      );
      expect(data.train.count).toBe(10_000);
      expect(data.test.count).toBe(10_000);
      const perClass = new Array<number>(10).fill(0);
      for (const label of data.train.labels) perClass[label]++;
      expect(perClass).toEqual(new Array<number>(10).fill(1000));
      expect(data.classNames).toEqual(CIFAR_CLASS_NAMES);
      // Real photographs: the mean pixel is mid-grey-ish, not 0 or 255.
      let sum = 0;
      for (let i = 0; i < data.train.inputs.length; i += 97) sum += data.train.inputs[i];
      const mean = sum / Math.ceil(data.train.inputs.length / 97);
      expect(mean).toBeGreaterThan(90);
      expect(mean).toBeLessThan(160);
    },
    60_000,
  );
});
