import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { idxFile, mnistLikeImages, mnistLikeLabels } from '../testing/idxFixtures';
import { DatasetError } from './dataset';
import type { FetchBytes } from './fetchBytes';
import { loadMnist, loadMnistTestSplit } from './mnist';

type PartName = 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';
const FILES: Record<PartName, string> = {
  trainImages: 'train-images.idx3.gzbin',
  trainLabels: 'train-labels.idx1.gzbin',
  testImages: 'test-images.idx3.gzbin',
  testLabels: 'test-labels.idx1.gzbin',
};

/** A prepared mnist/ folder as the install script writes it, from small IDX fixtures. */
function preparedFolder(
  contents: Partial<Record<PartName, Uint8Array>> = {},
  compress = true,
): Map<string, Uint8Array> {
  const idx: Record<PartName, Uint8Array> = {
    trainImages: mnistLikeImages(5),
    trainLabels: mnistLikeLabels([0, 1, 2, 3, 9]),
    testImages: mnistLikeImages(3),
    testLabels: mnistLikeLabels([7, 8, 9]),
    ...contents,
  };
  const folder = new Map<string, Uint8Array>();
  const parts: Record<string, { file: string; bytes: number }> = {};
  for (const part of Object.keys(FILES) as PartName[]) {
    const stored = compress ? new Uint8Array(gzipSync(idx[part])) : idx[part];
    folder.set(`mnist/${FILES[part]}`, stored);
    parts[part] = { file: FILES[part], bytes: stored.length };
  }
  const manifest = { format: 1, dataset: 'mnist', parts };
  folder.set('mnist/manifest.json', new TextEncoder().encode(JSON.stringify(manifest)));
  return folder;
}

function serve(folder: Map<string, Uint8Array>): FetchBytes {
  return async (path) => {
    const bytes = folder.get(path);
    if (!bytes) throw new Error(`404 ${path}`);
    return bytes;
  };
}

async function loadError(folder: Map<string, Uint8Array>): Promise<DatasetError> {
  const error: unknown = await loadMnist(serve(folder)).catch((e: unknown) => e);
  if (!(error instanceof DatasetError)) throw new Error(`expected a DatasetError, got ${error}`);
  return error;
}

describe('loadMnist', () => {
  it('loadMnist, 5 training and 3 test images from gzipped fixtures', async () => {
    const mnist = await loadMnist(serve(preparedFolder()));
    expect(mnist.name).toBe('mnist');
    expect(mnist.sampleShape).toEqual([1, 28, 28]);
    expect(mnist.classes).toBe(10);
    expect(mnist.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(mnist.train.count).toBe(5);
    expect(mnist.test.count).toBe(3);
    expect(mnist.train.labels).toEqual(Int32Array.from([0, 1, 2, 3, 9]));
    expect(mnist.test.labels).toEqual(Int32Array.from([7, 8, 9]));
    expect(mnist.train.inputs).toBeInstanceOf(Uint8Array);
    expect(mnist.train.inputs.length).toBe(5 * 784);
    expect(mnist.train.inputs[2 * 784 + 10]).toBe((7 * 2 + 10) % 256);
  });

  it('loadMnist, progress climbs from 0 to 1', async () => {
    const fractions: number[] = [];
    await loadMnist(serve(preparedFolder()), (fraction) => fractions.push(fraction));
    expect(fractions[0]).toBe(0);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });

  it('loadMnist, files a server already inflated are read as they are', async () => {
    const mnist = await loadMnist(serve(preparedFolder({}, false)));
    expect(mnist.train.count).toBe(5);
  });

  it('loadMnist, no manifest says MNIST is missing and how to prepare it', async () => {
    const error = await loadError(new Map());
    expect(error.message).toMatch(/^MNIST is missing: could not read mnist\/manifest\.json/);
    expect(error.message).toMatch(/npm install/);
    expect(error.file).toBe('mnist/manifest.json');
  });

  it('loadMnist, an HTML page in place of the manifest says MNIST is missing', async () => {
    const folder = preparedFolder();
    folder.set('mnist/manifest.json', new TextEncoder().encode('<!doctype html><p>app</p>'));
    expect((await loadError(folder)).message).toMatch(/MNIST is missing: .*HTML page/);
  });

  it('loadMnist, manifest of another format names the field', async () => {
    const folder = preparedFolder();
    folder.set('mnist/manifest.json', new TextEncoder().encode('{"format":2,"dataset":"mnist"}'));
    expect((await loadError(folder)).message).toMatch(
      /manifest\.json: unexpected contents at "format"/,
    );
  });

  it('loadMnist, one missing image file is named', async () => {
    const folder = preparedFolder();
    folder.delete('mnist/test-images.idx3.gzbin');
    expect((await loadError(folder)).message).toMatch(
      /could not read mnist\/test-images\.idx3\.gzbin/,
    );
  });

  it('loadMnist, a stored file cut short is caught by its manifest size', async () => {
    const folder = preparedFolder();
    const stored = folder.get('mnist/train-images.idx3.gzbin') as Uint8Array;
    folder.set('mnist/train-images.idx3.gzbin', stored.subarray(0, 40));
    const error = await loadError(folder);
    expect(error.message).toMatch(/train-images\.idx3\.gzbin: 40 bytes, the manifest says \d+/);
    expect(error.byteOffset).toBe(40);
  });

  it('loadMnist, truncated IDX inside intact gzip gives the inflated name and sizes', async () => {
    const truncated = mnistLikeImages(5).subarray(0, 1200);
    const error = await loadError(preparedFolder({ trainImages: truncated }));
    expect(error.message).toBe(
      'mnist/train-images.idx3: truncated: expected 3936 bytes (5×28×28 bytes after a 16-byte header), got 1200',
    );
    expect(error.byteOffset).toBe(1200);
  });

  it('loadMnist, label 10 is refused at its byte', async () => {
    const error = await loadError(preparedFolder({ testLabels: mnistLikeLabels([7, 10, 9]) }));
    expect(error.message).toBe('mnist/test-labels.idx1: label 10 at byte 9 is not a digit 0–9');
    expect(error.byteOffset).toBe(9);
  });

  it('loadMnist, 4 labels for 5 images', async () => {
    const error = await loadError(preparedFolder({ trainLabels: mnistLikeLabels([0, 1, 2, 3]) }));
    expect(error.message).toMatch(/train-labels\.idx1: 4 labels for 5 images/);
  });

  it('loadMnist, 32×32 images are not MNIST', async () => {
    const cifarSized = idxFile([5, 32, 32], new Uint8Array(5 * 1024));
    const error = await loadError(preparedFolder({ trainImages: cifarSized }));
    expect(error.message).toMatch(/expected images of 28×28 \(dimensions 5×32×32/);
  });
});

describe('loadMnistTestSplit', () => {
  it('loadMnistTestSplit, reads the test files only', async () => {
    const folder = preparedFolder();
    folder.delete(`mnist/${FILES.trainImages}`);
    folder.delete(`mnist/${FILES.trainLabels}`);
    const test = await loadMnistTestSplit(serve(folder));
    expect(test.count).toBe(3);
    expect(test.labels).toEqual(Int32Array.from([7, 8, 9]));
    expect(test.inputs.length).toBe(3 * 784);
  });
});
