// The data sets in the bench page and its workers, fetched from the harness's server exactly as
// the app fetches them: the prepared files under /datasets/ (MNIST, and the CIFAR-10 archive the
// install prepared), read by the engine's own loaders.
import type { Dataset } from '../../src/engine/data/dataset';
import { datasetForSpec } from '../../src/engine/data/registry';
import { templateSpec } from '../../src/engine/spec/templates';
import type { TrainedModel } from '../record';

async function fetchDatasetFile(path: string): Promise<Uint8Array> {
  const response = await fetch(`/datasets/${path}`);
  if (!response.ok) throw new Error(`GET /datasets/${path}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The data set the model's template trains on (MNIST, or CIFAR-10 for the small VGG). */
export function loadBenchData(model: TrainedModel, seed: number): Promise<Dataset> {
  return datasetForSpec(templateSpec(model).data, seed, fetchDatasetFile);
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
