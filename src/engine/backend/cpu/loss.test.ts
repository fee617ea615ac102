import { describe, expect, it } from 'vitest';
import { CpuBackend } from './cpuBackend';
import type { DeviceBuffer, LossParams } from '../backend';
import { f32 } from './cpuBuffer';

const backend = new CpuBackend();

const values = (v: number[]): DeviceBuffer => {
  const b = backend.alloc(v.length, 'f32', 'values');
  backend.write(b, Float32Array.from(v));
  return b;
};
const labels = (v: number[]): DeviceBuffer => {
  const b = backend.alloc(v.length, 'i32', 'labels');
  backend.write(b, Int32Array.from(v));
  return b;
};

/** A loss call on `pred` (rows × cols) with fresh metrics and dPred buffers. */
function run(
  kind: LossParams['kind'],
  pred: number[],
  target: DeviceBuffer,
  rows: number,
  validRows = rows,
  extra: Partial<LossParams> = {},
): { loss: number; correct: number; dPred: Float32Array } {
  const cols = pred.length / rows;
  const dPred = values(new Array<number>(pred.length).fill(99));
  const metrics = backend.alloc(2, 'f32', 'metrics');
  backend.loss({
    kind,
    pred: values(pred),
    target,
    rows,
    cols,
    validRows,
    dPred,
    metrics,
    ...extra,
  });
  return { loss: f32(metrics)[0], correct: f32(metrics)[1], dPred: f32(dPred) };
}

function expectClose(actual: ArrayLike<number>, expected: number[], digits = 6): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, digits));
}

describe('loss kernel, softmax cross-entropy', () => {
  it('cross-entropy, 2×3: hand-computed Σ loss and accuracy', () => {
    // Row 0: log(e + e² + e³) − 3; row 1: log(e + 2) − 0. Only row 0's argmax is its label.
    const r = run('softmaxCrossEntropy', [1, 2, 3, 1, 0, 0], labels([2, 1]), 2);
    expect(r.loss).toBeCloseTo(0.40760596 + 1.55144471, 5);
    expect(r.correct).toBe(1);
  });

  it('cross-entropy, 4×3 with 3 valid rows: dPred = (softmax − onehot)/3, padding rows zero', () => {
    const pred = [0.1, -0.4, 2, 1, 1, 1, -3, 0, 3, 5, 5, 5];
    const r = run('softmaxCrossEntropy', pred, labels([0, 2, 1, 0]), 4, 3);
    const expected: number[] = [];
    [0, 2, 1].forEach((label, row) => {
      const s = pred.slice(row * 3, row * 3 + 3);
      const z = s.reduce((a, v) => a + Math.exp(v), 0);
      s.forEach((v, j) => expected.push((Math.exp(v) / z - (j === label ? 1 : 0)) / 3));
    });
    expectClose(r.dPred, [...expected, 0, 0, 0]);
  });

  it('cross-entropy, logits of 1000: finite loss and gradient', () => {
    const r = run('softmaxCrossEntropy', [1000, 0, -1000], labels([1]), 1);
    expect(r.loss).toBeCloseTo(1000, 3);
    expectClose(r.dPred, [1, -1, 0]);
  });

  it('cross-entropy, metrics add up across calls instead of being overwritten', () => {
    const metrics = backend.alloc(2, 'f32', 'metrics');
    const p: LossParams = {
      kind: 'softmaxCrossEntropy',
      pred: values([0, 0, 5, 0]),
      target: labels([0, 0]),
      rows: 2,
      cols: 2,
      validRows: 2,
      dPred: null,
      metrics,
    };
    backend.loss(p);
    backend.loss(p);
    expect(f32(metrics)[0]).toBeCloseTo(2 * (Math.log(2) + Math.log(1 + Math.exp(-5))), 5);
    expect(f32(metrics)[1]).toBe(4);
  });

  it('cross-entropy, label outside the classes is refused with the row named', () => {
    expect(() => run('softmaxCrossEntropy', [0, 1, 2, 3], labels([1, 2]), 2)).toThrow(
      /row 1 has label 2/,
    );
  });
});

describe('loss kernel, mean squared error', () => {
  it('MSE, 2×2 f32 targets: loss is the mean over columns, summed over rows', () => {
    // Row 0: ((1−0)² + 0)/2 = 0.5; row 1: ((3−1)² + (5−1)²)/2 = 10. dPred = 2(p − t)/(2·2).
    const r = run('meanSquaredError', [1, 2, 3, 5], values([0, 2, 1, 1]), 2);
    expect(r.loss).toBeCloseTo(10.5, 5);
    expectClose(r.dPred, [0.5, 0, 1, 2]);
    expect(r.correct).toBe(0);
  });

  it('MSE, 2×3 i32 labels: targets are one-hot rows and accuracy is counted', () => {
    // Row 0, label 1: (0.04 + 0.01 + 0.01)/3; row 1, label 0 (argmax 2): (1 + 0 + 0.25)/3.
    const r = run('meanSquaredError', [0.2, 0.9, 0.1, 0, 0, 0.5], labels([1, 0]), 2);
    expect(r.loss).toBeCloseTo(0.02 + 1.25 / 3, 6);
    expect(r.correct).toBe(1);
    expectClose(
      r.dPred,
      [0.2, -0.1, 0.1, -1, 0, 0.5].map((d) => (2 * d) / 6),
    );
  });

  it('MSE, 3×2 with 1 valid row: padding rows count for nothing', () => {
    const r = run('meanSquaredError', [1, 1, 7, 7, 9, 9], values([0, 0, 0, 0, 0, 0]), 3, 1);
    expect(r.loss).toBeCloseTo(1, 6);
    expectClose(r.dPred, [1, 1, 0, 0, 0, 0]);
  });
});

describe('loss kernel, multi-class hinge', () => {
  // The three-example illustration of cs231n's linear-classification notes (cat, car, frog).
  const scores = [3.2, 5.1, -1.7, 1.3, 4.9, 2.0, 2.2, 2.5, -3.1];

  it('hinge, cs231n example 3×3: losses 2.9 + 0 + 12.9 and one correct', () => {
    const r = run('hinge', scores, labels([0, 1, 2]), 3);
    expect(r.loss).toBeCloseTo(15.8, 5);
    expect(r.correct).toBe(1);
  });

  it('hinge, cs231n example 3×3: dPred counts violated margins, divided by 3', () => {
    const r = run('hinge', scores, labels([0, 1, 2]), 3);
    expectClose(
      r.dPred,
      [-1, 1, 0, 0, 0, 0, 1, 1, -2].map((v) => v / 3),
    );
  });

  it('hinge, margin 5 on the cat row: 6.9 + 0.1, both margins violated', () => {
    const r = run('hinge', scores.slice(0, 3), labels([0]), 1, 1, { margin: 5 });
    expect(r.loss).toBeCloseTo(7.0, 5);
    expectClose(r.dPred, [-2, 1, 1]);
  });

  it('hinge, f32 targets are refused', () => {
    expect(() => run('hinge', [0, 1], values([0, 1]), 1)).toThrow(/i32 class labels/);
  });
});

describe('loss kernel, evaluation', () => {
  it('evaluation, dPred null: metrics only', () => {
    const metrics = backend.alloc(2, 'f32', 'metrics');
    backend.loss({
      kind: 'hinge',
      pred: values([0, 3, 1, 0]),
      target: labels([1, 1]),
      rows: 2,
      cols: 2,
      validRows: 2,
      dPred: null,
      metrics,
    });
    expectClose(f32(metrics), [0 + 2, 1]);
  });
});
