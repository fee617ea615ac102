// From a spec's data section to a loaded data set, and to the affine map x·scale + shift the
// gather kernel applies to raw inputs as it assembles each minibatch on the device.
import type { DataSpec } from '../spec/schema';
import type { Dataset } from './dataset';
import type { FetchBytes, LoadProgress } from './fetchBytes';
import { loadMnist } from './mnist';
import { makeToyDataset } from './toy2d';

/** MNIST's pixel mean and standard deviation on [0, 1], the values of the classic recipe. */
const MNIST_MEAN = 0.1307;
const MNIST_STD = 0.3081;

/** The data set a spec names; `seed` draws the toy sets, `fetchBytes` reads prepared files. */
export async function datasetForSpec(
  data: DataSpec,
  seed: number,
  fetchBytes: FetchBytes,
  onProgress?: LoadProgress,
): Promise<Dataset> {
  if (data.dataset === 'mnist') return loadMnist(fetchBytes, onProgress);
  const toy = makeToyDataset(data, seed);
  onProgress?.(1, `Generated ${toy.name}`);
  return toy;
}

/** What the gather kernel does to each raw input value: x·scale + shift. */
export function inputNormalization(data: DataSpec): { scale: number; shift: number } {
  if (data.dataset === 'toy') return { scale: 1, shift: 0 }; // already about ±1
  if (data.normalization === 'unit') return { scale: 1 / 255, shift: 0 };
  // (x/255 − mean)/std, folded into one multiply-add.
  return { scale: 1 / (255 * MNIST_STD), shift: -MNIST_MEAN / MNIST_STD };
}
