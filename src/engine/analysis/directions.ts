// Random directions in weight space, filter-normalised as in Li et al. 2018 ("Visualizing the
// Loss Landscape of Neural Nets"): a Gaussian direction d, then each filter of d (a conv's
// output channel, a dense layer's output unit: one slice along a weight's first axis) scaled
// to the norm of the same filter of the weights, ‖d_f‖ = ‖θ_f‖. Without it, a layer whose
// weights are small looks flat or steep only because of its scale, and networks with
// different weight scales cannot be compared. Biases and normalisation parameters (rank 1)
// get a zero direction, as in the paper.
import { SeededRandom } from '../rng';

export function filterNormalisedDirection(
  weights: readonly Float32Array[],
  shapes: readonly (readonly number[])[],
  seed: number,
  stream: number,
): Float32Array[] {
  const rng = new SeededRandom(seed, stream);
  return weights.map((w, i) => {
    const shape = shapes[i];
    const d = new Float32Array(w.length);
    if (shape.length < 2) return d;
    const filters = shape[0];
    const size = w.length / filters;
    for (let f = 0; f < filters; f++) {
      let wNorm = 0;
      let dNorm = 0;
      for (let k = f * size; k < (f + 1) * size; k++) {
        d[k] = rng.normal();
        wNorm += w[k] * w[k];
        dNorm += d[k] * d[k];
      }
      const scale = dNorm > 0 ? Math.sqrt(wNorm / dNorm) : 0;
      for (let k = f * size; k < (f + 1) * size; k++) d[k] *= scale;
    }
    return d;
  });
}

/** θ + a·d1 + b·d2, parameter by parameter, into `out`. */
export function combine(
  center: readonly Float32Array[],
  d1: readonly Float32Array[],
  a: number,
  d2: readonly Float32Array[] | null,
  b: number,
  out: Float32Array[],
): void {
  for (let i = 0; i < center.length; i++) {
    const c = center[i];
    const x = d1[i];
    const y = d2?.[i];
    const o = out[i];
    for (let k = 0; k < c.length; k++) o[k] = c[k] + a * x[k] + (y === undefined ? 0 : b * y[k]);
  }
}
