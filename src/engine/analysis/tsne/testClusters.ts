// Test data: k Gaussian clusters of unit spread in `dim` dimensions, centres drawn with
// standard deviation `separation` (4 keeps them well apart in 20 dimensions), seeded.
import { SeededRandom } from '../../rng';

export function gaussianClusters(
  k: number,
  per: number,
  dim: number,
  separation: number,
  seed: number,
) {
  const rng = new SeededRandom(seed, 9);
  const centres = Array.from({ length: k }, () =>
    Array.from({ length: dim }, () => separation * rng.normal()),
  );
  const x = new Float32Array(k * per * dim);
  const groups = new Int32Array(k * per);
  for (let c = 0; c < k; c++)
    for (let i = 0; i < per; i++) {
      const r = c * per + i;
      groups[r] = c;
      for (let a = 0; a < dim; a++) x[r * dim + a] = centres[c][a] + rng.normal();
    }
  return { x, groups, n: k * per };
}
