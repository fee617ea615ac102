// The one batch a loss landscape is measured on: `count` training samples drawn by a seeded
// shuffle (the same rows for the same seed, whatever was trained), normalised as the gather
// kernel normalises them, without augmentation. A fixed batch makes every point of a slice,
// the line and the curvature a function of the weights alone.
import { rowSize, type Dataset } from '../data/dataset';
import { SeededRandom } from '../rng';
import { normalizeValue, type Normalization } from '../train/deviceDataset';
import type { FixedBatch } from './lossLandscape';

export function fixedBatchOf(
  dataset: Dataset,
  normalization: Normalization,
  count: number,
  seed: number,
): FixedBatch {
  const split = dataset.train;
  const rows = Math.max(1, Math.min(count, split.count));
  const size = rowSize(dataset);
  const targetSize = dataset.targetSize ?? 0;
  // A partial Fisher–Yates shuffle: the first `rows` of a random permutation.
  const order = Int32Array.from({ length: split.count }, (_, i) => i);
  const rng = new SeededRandom(seed, 31);
  for (let i = 0; i < rows; i++) {
    const j = i + Math.floor(rng.uniform() * (split.count - i));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const inputs = new Float32Array(rows * size);
  const labels = new Int32Array(rows);
  const targets = split.targets !== undefined ? new Float32Array(rows * targetSize) : null;
  for (let r = 0; r < rows; r++) {
    const at = order[r];
    for (let i = 0; i < size; i++)
      inputs[r * size + i] = normalizeValue(normalization, split.inputs[at * size + i], i, size);
    labels[r] = split.labels[at];
    if (targets !== null && split.targets !== undefined)
      targets.set(split.targets.subarray(at * targetSize, (at + 1) * targetSize), r * targetSize);
  }
  return { inputs, labels, targets, count: rows };
}
