// What a classifier gets wrong on the test split, from the class scores of every test sample
// (see TestScores): the confusion matrix (true class by row, predicted class by column), the
// accuracy of each class, and the mistakes it makes most confidently — LeNet-5's "erroneously
// recognised digits", each with its true and predicted class and the model's probabilities.

export interface TestExample {
  /** Position in the test split. */
  index: number;
  label: number;
  predicted: number;
  /** The probability of the predicted class. */
  confidence: number;
  /** softmax(scores), one per class. */
  probabilities: Float32Array;
}

export interface TestReport {
  /** Training steps taken when the test split was evaluated. */
  step: number;
  classes: number;
  count: number;
  /** classes × classes counts: row = true class, column = predicted class. */
  confusion: Int32Array;
  /** Per true class: the share of its samples predicted right (NaN for a class with none). */
  classAccuracy: Float32Array;
  accuracy: number;
  /** The most confidently wrong test samples, most confident first. */
  mistakes: TestExample[];
}

/** How many of the most confident mistakes a report carries. */
export const REPORT_MISTAKES = 24;

/** The predicted class (first of the highest scores) and softmax of one sample's scores. */
function classify(scores: Float32Array, at: number, classes: number, out: Float32Array): number {
  let best = 0;
  for (let k = 1; k < classes; k++) if (scores[at + k] > scores[at + best]) best = k;
  const max = scores[at + best];
  let sum = 0;
  for (let k = 0; k < classes; k++) {
    out[k] = Math.exp(scores[at + k] - max);
    sum += out[k];
  }
  for (let k = 0; k < classes; k++) out[k] /= sum;
  return best;
}

/** Keeps the `limit` best of what it is offered, by a key, best first. */
function topByKey<T>(limit: number) {
  const items: { key: number; item: () => T }[] = [];
  return {
    offer(key: number, item: () => T): void {
      if (items.length === limit && key <= items[items.length - 1].key) return;
      let i = items.length;
      while (i > 0 && items[i - 1].key < key) i--;
      items.splice(i, 0, { key, item });
      if (items.length > limit) items.pop();
    },
    result: (): T[] => items.map((x) => x.item()),
  };
}

export function testReport(
  step: number,
  scores: Float32Array,
  labels: Int32Array,
  classes: number,
  mistakes = REPORT_MISTAKES,
): TestReport {
  const count = labels.length;
  if (scores.length !== count * classes)
    throw new Error(`test report: ${scores.length} scores are not ${count} × ${classes}`);
  const confusion = new Int32Array(classes * classes);
  const probabilities = new Float32Array(classes);
  const worst = topByKey<TestExample>(mistakes);
  let correct = 0;
  for (let i = 0; i < count; i++) {
    const label = labels[i];
    const predicted = classify(scores, i * classes, classes, probabilities);
    confusion[label * classes + predicted]++;
    if (predicted === label) {
      correct++;
      continue;
    }
    const confidence = probabilities[predicted];
    const kept = probabilities.slice();
    worst.offer(confidence, () => ({
      index: i,
      label,
      predicted,
      confidence,
      probabilities: kept,
    }));
  }
  const classAccuracy = new Float32Array(classes);
  for (let k = 0; k < classes; k++) {
    let total = 0;
    for (let j = 0; j < classes; j++) total += confusion[k * classes + j];
    classAccuracy[k] = total > 0 ? confusion[k * classes + k] / total : NaN;
  }
  return {
    step,
    classes,
    count,
    confusion,
    classAccuracy,
    accuracy: count > 0 ? correct / count : NaN,
    mistakes: worst.result(),
  };
}

/**
 * The test samples of true class `label` predicted as `predicted` (one cell of the confusion
 * matrix), the most confident first, at most `limit` of them.
 */
export function cellExamples(
  scores: Float32Array,
  labels: Int32Array,
  classes: number,
  label: number,
  predicted: number,
  limit: number,
): TestExample[] {
  const probabilities = new Float32Array(classes);
  const best = topByKey<TestExample>(limit);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== label) continue;
    if (classify(scores, i * classes, classes, probabilities) !== predicted) continue;
    const confidence = probabilities[predicted];
    const kept = probabilities.slice();
    best.offer(confidence, () => ({ index: i, label, predicted, confidence, probabilities: kept }));
  }
  return best.result();
}
