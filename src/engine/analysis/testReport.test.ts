import { describe, expect, it } from 'vitest';
import { cellExamples, testReport } from './testReport';

/** 3 classes, 6 samples: scores chosen so the predictions and confidences are known. */
const labels = Int32Array.from([0, 0, 1, 1, 2, 2]);
const scores = Float32Array.from(
  [
    [3, 0, 0], // 0 → 0
    [0, 5, 0], // 0 → 1, very sure
    [0, 2, 0], // 1 → 1
    [1, 0, 0], // 1 → 0, unsure
    [0, 0, 1], // 2 → 2
    [0, 3, 0], // 2 → 1, sure
  ].flat(),
);

describe('testReport', () => {
  it('counts the confusion matrix by true row and predicted column, and each class’s accuracy', () => {
    const r = testReport(40, scores, labels, 3);
    expect(r.step).toBe(40);
    expect(r.count).toBe(6);
    expect(Array.from(r.confusion)).toEqual([1, 1, 0, 1, 1, 0, 0, 1, 1]);
    expect(Array.from(r.classAccuracy)).toEqual([0.5, 0.5, 0.5]);
    expect(r.accuracy).toBe(0.5);
  });

  it('lists the mistakes most confident first, with softmax probabilities', () => {
    const r = testReport(0, scores, labels, 3);
    expect(r.mistakes.map((m) => [m.index, m.label, m.predicted])).toEqual([
      [1, 0, 1],
      [5, 2, 1],
      [3, 1, 0],
    ]);
    const e5 = Math.exp(5);
    expect(r.mistakes[0].confidence).toBeCloseTo(e5 / (e5 + 2), 6);
    for (const m of r.mistakes) {
      expect(m.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      expect(m.probabilities[m.predicted]).toBe(m.confidence);
    }
    expect(testReport(0, scores, labels, 3, 2).mistakes.map((m) => m.index)).toEqual([1, 5]);
  });

  it('gives a class with no samples NaN accuracy, and refuses scores of the wrong size', () => {
    const r = testReport(0, Float32Array.from([1, 0, 0, 0, 1, 0]), Int32Array.from([0, 1]), 3);
    expect(r.classAccuracy[2]).toBeNaN();
    expect(() => testReport(0, new Float32Array(5), labels, 3)).toThrow(/not 6 × 3/);
  });
});

describe('cellExamples', () => {
  it('gives the samples of one cell, most confident first, at most `limit`', () => {
    const more = Float32Array.from([...scores, 0, 1, 0, 0, 9, 0]);
    const moreLabels = Int32Array.from([...labels, 2, 2]);
    expect(cellExamples(more, moreLabels, 3, 2, 1, 10).map((e) => e.index)).toEqual([7, 5, 6]);
    expect(cellExamples(more, moreLabels, 3, 2, 1, 2).map((e) => e.index)).toEqual([7, 5]);
    expect(cellExamples(more, moreLabels, 3, 0, 2, 10)).toEqual([]);
    const diagonal = cellExamples(more, moreLabels, 3, 1, 1, 10);
    expect(diagonal.map((e) => [e.index, e.label, e.predicted])).toEqual([[2, 1, 1]]);
  });
});
