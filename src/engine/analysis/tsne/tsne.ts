// Starting a t-SNE run: reduce the inputs to their top principal components (as the reference
// implementations do), calibrate P to the perplexity (dense for the exact method, sparse over
// 3·perplexity neighbours for Barnes-Hut), place the first layout, and hand back a solver that
// advances a chunk of iterations at a time. All seeded: the same inputs and options give the
// same map on the same backend.
import type { Backend } from '../../backend/backend';
import { randomNormal } from '../../rng';
import { denseAffinities, sparseAffinities } from './affinities';
import { BarnesHutTsne } from './barnesHut';
import { ExactTsne } from './exact';
import { DEFAULT_TSNE, type TsneOptions, type TsneSolver } from './options';
import { pca } from './pca';

/** The random stream of t-SNE's random initial layouts. */
const TSNE_STREAM = 62;
/** The standard deviation of a starting layout (the reference's N(0, 10⁻⁴)). */
const INITIAL_SCALE = 1e-4;

/** The inputs t-SNE measures distances on: projected onto their top `dims` components when they have more. */
export function reduceInputs(
  vectors: Float32Array,
  n: number,
  dim: number,
  dims: number,
  seed: number,
): { x: Float32Array; dim: number } {
  if (dims <= 0 || dim <= dims) return { x: vectors, dim };
  return { x: pca(vectors, n, dim, dims, seed).projection, dim: dims };
}

/** The first layout, n × 2. */
export function initialLayout(
  x: Float32Array,
  n: number,
  dim: number,
  options: TsneOptions,
): Float32Array {
  const init = options.initial;
  if (init instanceof Float32Array) {
    if (init.length !== 2 * n)
      throw new Error(`a previous layout of ${init.length / 2} points for ${n} points`);
    return Float32Array.from(init);
  }
  const y = new Float32Array(2 * n);
  if (init === 'random') {
    for (let k = 0; k < 2 * n; k++)
      y[k] = INITIAL_SCALE * randomNormal(options.seed, TSNE_STREAM, k);
    return y;
  }
  const projection = pca(x, n, dim, 2, options.seed).projection;
  let sd = 0;
  for (let i = 0; i < n; i++) sd += projection[2 * i] ** 2;
  sd = Math.sqrt(sd / n) || 1;
  for (let k = 0; k < 2 * n; k++) y[k] = (projection[k] / sd) * INITIAL_SCALE;
  return y;
}

/**
 * A t-SNE run of the n = vectors.length / dim points. The exact method runs on `backend`
 * (kernels compiled before this returns); Barnes-Hut runs in JavaScript whatever the backend.
 */
export async function createTsne(
  vectors: Float32Array,
  dim: number,
  options: Partial<TsneOptions>,
  backend: Backend,
): Promise<TsneSolver> {
  const o: TsneOptions = { ...DEFAULT_TSNE, ...options };
  const n = Math.floor(vectors.length / dim);
  if (n * dim !== vectors.length)
    throw new Error(`${vectors.length} values are not whole ${dim}-dimensional vectors`);
  const { x, dim: d } = reduceInputs(vectors, n, dim, o.pcaDims, o.seed);
  const initial = initialLayout(x, n, d, o);
  if (o.method === 'barnesHut')
    return new BarnesHutTsne(n, sparseAffinities(x, n, d, o.perplexity), initial, o);
  const { p, plogp } = denseAffinities(x, n, d, o.perplexity);
  const solver = new ExactTsne(backend, n, p, plogp, initial, o);
  await solver.prepare();
  return solver;
}
