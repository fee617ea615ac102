// How closely another runtime reproduces our model: the largest absolute difference between the
// two sets of outputs, and on how many samples the two pick the same class (the highest output).
// Run on the exported .onnx in ONNX Runtime against our own logits for the same inputs.

export interface OutputComparison {
  /** Samples compared. */
  count: number;
  /** Outputs per sample. */
  outputs: number;
  /** max over every sample and output of |ours − theirs|; NaN where either is not finite. */
  maxAbsDiff: number;
  /** Samples whose highest output is the same class in both. */
  sameClass: number;
  /** Samples each side classifies correctly, where labels are known; null otherwise. */
  oursCorrect: number | null;
  theirsCorrect: number | null;
}

function argmax(values: ArrayLike<number>, from: number, n: number): number {
  let best = 0;
  for (let k = 1; k < n; k++) if (values[from + k] > values[from + best]) best = k;
  return best;
}

export function compareOutputs(
  ours: ArrayLike<number>,
  theirs: ArrayLike<number>,
  count: number,
  outputs: number,
  labels: ArrayLike<number> | null = null,
): OutputComparison {
  const size = count * outputs;
  if (ours.length < size || theirs.length < size)
    throw new Error(
      `compareOutputs: expected ${size} values a side, got ${ours.length} and ${theirs.length}`,
    );
  let maxAbsDiff = 0;
  let sameClass = 0;
  let oursCorrect = 0;
  let theirsCorrect = 0;
  for (let s = 0; s < count; s++) {
    const at = s * outputs;
    for (let k = 0; k < outputs; k++) {
      const d = Math.abs(ours[at + k] - theirs[at + k]);
      // A NaN on either side must not pass as agreement: it poisons the maximum.
      maxAbsDiff = Number.isNaN(d) || Number.isNaN(maxAbsDiff) ? NaN : Math.max(maxAbsDiff, d);
    }
    const a = argmax(ours, at, outputs);
    const b = argmax(theirs, at, outputs);
    if (a === b) sameClass++;
    if (labels !== null) {
      if (a === labels[s]) oursCorrect++;
      if (b === labels[s]) theirsCorrect++;
    }
  }
  return {
    count,
    outputs,
    maxAbsDiff,
    sameClass,
    oursCorrect: labels === null ? null : oursCorrect,
    theirsCorrect: labels === null ? null : theirsCorrect,
  };
}

/**
 * "256 test images: 100 % same class, max |Δ| 3.1e-6", the line a person reads; without the
 * classes for a model that predicts values rather than classes.
 */
export function describeComparison(
  c: OutputComparison,
  what = 'test images',
  classes = true,
): string {
  const share = c.count > 0 ? (100 * c.sameClass) / c.count : 0;
  const percent = share === 100 ? '100' : share.toFixed(1);
  const diff = Number.isNaN(c.maxAbsDiff) ? 'NaN' : c.maxAbsDiff.toExponential(1);
  const same = classes ? `${percent} % same class, ` : '';
  return `${c.count.toLocaleString('en')} ${what}: ${same}max |Δ| ${diff}`;
}
