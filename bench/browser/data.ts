// MNIST in the bench page and its workers, fetched from the harness's server exactly as the app
// fetches it: the prepared files under /datasets/, parsed by the engine's own loader.
import type { Dataset } from '../../src/engine/data/dataset';
import { loadMnist } from '../../src/engine/data/mnist';

async function fetchDatasetFile(path: string): Promise<Uint8Array> {
  const response = await fetch(`/datasets/${path}`);
  if (!response.ok) throw new Error(`GET /datasets/${path}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export function loadMnistOverHttp(): Promise<Dataset> {
  return loadMnist(fetchDatasetFile);
}

/** Uniform values in [−1, 1) from a small xorshift generator, so runs see the same matrices. */
export function randomMatrix(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}
