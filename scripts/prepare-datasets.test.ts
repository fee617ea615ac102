// The install script on small fixtures in a temporary folder, read back by the engine's loader.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idxFile, mnistLikeImages, mnistLikeLabels } from '../src/engine/testing/idxFixtures';
import { loadMnistFromDisk } from './nodeDatasets';

const SCRIPT = fileURLToPath(new URL('./prepare-datasets.mjs', import.meta.url));

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'prepare-datasets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeSource(files: Record<string, Uint8Array> = {}): string {
  const source = join(dir, 'source');
  const all: Record<string, Uint8Array> = {
    'train-images-idx3-ubyte': mnistLikeImages(5),
    'train-labels-idx1-ubyte': mnistLikeLabels([5, 0, 4, 1, 9]),
    't10k-images-idx3-ubyte': mnistLikeImages(2),
    't10k-labels-idx1-ubyte': mnistLikeLabels([7, 2]),
    ...files,
  };
  rmSync(source, { recursive: true, force: true });
  mkdirSync(source, { recursive: true });
  for (const [name, bytes] of Object.entries(all)) writeFileSync(join(source, name), bytes);
  return source;
}

function prepare(
  source: string,
  cifar = 'none',
): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(
    process.execPath,
    [
      SCRIPT,
      '--mnist-source',
      source,
      '--cifar',
      cifar,
      '--corpus',
      'none',
      '--out',
      join(dir, 'out'),
    ],
    {
      encoding: 'utf8',
    },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('prepare-datasets.mjs', () => {
  it('--cifar copies a gzip archive into place once, and refuses what is not gzip', () => {
    const archive = join(dir, 'cifar.tar.gz');
    writeFileSync(archive, Uint8Array.from([0x1f, 0x8b, 8, 0, 1, 2, 3]));
    const first = prepare(writeSource(), archive);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(
      /CIFAR-10 archive copied to .*cifar10\/cifar-10-binary\.tar\.gzbin/,
    );
    expect(statSync(join(dir, 'out', 'cifar10', 'cifar-10-binary.tar.gzbin')).size).toBe(7);
    expect(prepare(writeSource(), archive).stdout).toMatch(/CIFAR-10 up to date/);
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not an archive');
    const bad = prepare(writeSource(), text);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/notes\.txt is not a \.tar\.gz archive/);
  });

  it('prepare, fixtures become gzbin files the loader reads back', async () => {
    const run = prepare(writeSource());
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^prepare-datasets: MNIST written to .*\nprepare-datasets: CIFAR-10 skipped.*\nprepare-datasets: State of the Union corpus skipped.*\n$/,
    );
    const mnist = await loadMnistFromDisk(join(dir, 'out'));
    expect([mnist.train.count, mnist.test.count]).toEqual([5, 2]);
    expect(Array.from(mnist.train.labels)).toEqual([5, 0, 4, 1, 9]);
    expect(mnist.test.inputs[784 + 3]).toBe((7 + 3) % 256);
  });

  it('prepare, a second run with unchanged sources writes nothing', () => {
    const source = writeSource();
    prepare(source);
    const file = join(dir, 'out', 'mnist', 'train-images.idx3.gzbin');
    const before = statSync(file).mtimeMs;
    const run = prepare(source);
    expect(run.stdout).toMatch(/^prepare-datasets: MNIST up to date/);
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it('prepare, a changed source is prepared again', async () => {
    const source = writeSource();
    prepare(source);
    writeSource({ 't10k-labels-idx1-ubyte': mnistLikeLabels([3, 3]) });
    expect(prepare(source).stdout).toMatch(/MNIST written/);
    expect(Array.from((await loadMnistFromDisk(join(dir, 'out'))).test.labels)).toEqual([3, 3]);
  });

  it('prepare, missing source files: a message and exit 0, so the install goes on', () => {
    const run = prepare(join(dir, 'nowhere'));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/MNIST skipped: .*train-images-idx3-ubyte not found/);
  });

  it('prepare, a label file with a wrong magic number fails the install with the file named', () => {
    const labelsAsImages = idxFile([5, 1, 1], [5, 0, 4, 1, 9]);
    const run = prepare(writeSource({ 'train-labels-idx1-ubyte': labelsAsImages }));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/train-labels-idx1-ubyte: magic number 0x803, expected 0x801/);
  });

  it('prepare, label counts that differ from the image count are refused', () => {
    const run = prepare(writeSource({ 't10k-labels-idx1-ubyte': mnistLikeLabels([1, 2, 3]) }));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/3 labels for 2 images/);
  });
});
