// The prepared data sets for code that runs in Node (benchmarks, tests): the FetchBytes that
// the browser worker implements with fetch(), here over the files in public/datasets/.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset } from '../src/engine/data/dataset';
import type { FetchBytes, LoadProgress } from '../src/engine/data/fetchBytes';
import { loadMnist } from '../src/engine/data/mnist';
import { datasetForSpec } from '../src/engine/data/registry';
import type { DataSpec } from '../src/engine/spec/schema';

export const DATASETS_DIR = fileURLToPath(new URL('../public/datasets/', import.meta.url));

/** Reads `path` under `root` (public/datasets/ by default). */
export function fetchBytesFromDisk(root = DATASETS_DIR): FetchBytes {
  return async (path) => {
    const buffer = await readFile(join(root, path));
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
  };
}

export function loadMnistFromDisk(
  root = DATASETS_DIR,
  onProgress?: LoadProgress,
): Promise<Dataset> {
  return loadMnist(fetchBytesFromDisk(root), onProgress);
}

export function datasetForSpecFromDisk(
  data: DataSpec,
  seed: number,
  root = DATASETS_DIR,
): Promise<Dataset> {
  return datasetForSpec(data, seed, fetchBytesFromDisk(root));
}
