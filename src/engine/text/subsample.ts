// Subsampling of frequent words (Mikolov et al. 2013): each occurrence of word w is kept with
// probability  p(w) = (√(f/(t·N)) + 1) · t·N / f  (capped at 1), where f is w's count, N the number
// of tokens and t the threshold (1e-3 … 1e-5). This is the formula of the word2vec C code; the
// paper's 1 − √(t/(f/N)) is its discard probability's first term. Rare words are always kept,
// "the" and "of" mostly dropped, which speeds training and improves the rare words' vectors.
import { mix32, randomUniform } from '../rng';
import { TextStream } from './streams';

/** Per vocabulary id; all 1 when t ≤ 0 (no subsampling). */
export function keepProbabilities(
  counts: Float64Array,
  totalTokens: number,
  t: number,
): Float32Array {
  const keep = new Float32Array(counts.length).fill(1);
  if (t <= 0) return keep;
  const tn = t * totalTokens;
  for (let i = 0; i < counts.length; i++) {
    const f = counts[i];
    keep[i] = Math.min(1, (Math.sqrt(f / tn) + 1) * (tn / f));
  }
  return keep;
}

/** The sequence with occurrences dropped at random; epoch `epoch` of seed `seed` draws afresh. */
export function subsample(
  ids: Int32Array,
  keep: Float32Array,
  seed: number,
  epoch: number,
): Int32Array {
  const s = mix32((seed ^ mix32(epoch + 1)) >>> 0);
  const out = new Int32Array(ids.length);
  let n = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (keep[id] >= 1 || randomUniform(s, TextStream.subsample, i) < keep[id]) out[n++] = id;
  }
  return out.slice(0, n);
}
