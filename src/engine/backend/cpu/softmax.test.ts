import { describe, expect, it } from 'vitest';
import { CpuBackend } from './cpuBackend';
import type { DeviceBuffer } from '../backend';
import { f32 } from './cpuBuffer';
import { SeededRandom } from '../../rng';

const backend = new CpuBackend();

function buffer(values: ArrayLike<number>, label = 'buf'): DeviceBuffer {
  const b = backend.alloc(values.length, 'f32', label);
  f32(b).set(values);
  return b;
}

function randomValues(n: number, seed: number, scale = 1): Float32Array {
  const rng = new SeededRandom(seed, 1);
  return Float32Array.from({ length: n }, () => scale * rng.normal());
}

/** f64 reference: softmax or log-softmax of one row. */
function referenceRow(x: ArrayLike<number>, log: boolean): number[] {
  const max = Math.max(...Array.from(x));
  const sum = Array.from(x).reduce((s, v) => s + Math.exp(v - max), 0);
  return Array.from(x, (v) => (log ? v - max - Math.log(sum) : Math.exp(v - max) / sum));
}

describe('softmax kernel', () => {
  it('softmax, 5×7: every row sums to 1 and matches the f64 reference', () => {
    const x = randomValues(35, 1, 3);
    const y = backend.alloc(35, 'f32', 'y');
    backend.softmax({ x: buffer(x), y, rows: 5, cols: 7, log: false });
    for (let r = 0; r < 5; r++) {
      const row = f32(y).subarray(r * 7, r * 7 + 7);
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
      const ref = referenceRow(x.subarray(r * 7, r * 7 + 7), false);
      row.forEach((v, j) => expect(v).toBeCloseTo(ref[j], 6));
    }
  });

  it('softmax, logits near 1000 stay finite', () => {
    const y = backend.alloc(3, 'f32', 'y');
    backend.softmax({ x: buffer([1000, 1001, 999]), y, rows: 1, cols: 3, log: false });
    const ref = referenceRow([0, 1, -1], false);
    f32(y).forEach((v, j) => expect(v).toBeCloseTo(ref[j], 6));
  });

  it('log-softmax, 4×9: equals the log of softmax', () => {
    const x = randomValues(36, 2, 4);
    const y = backend.alloc(36, 'f32', 'y');
    backend.softmax({ x: buffer(x), y, rows: 4, cols: 9, log: true });
    for (let r = 0; r < 4; r++) {
      const ref = referenceRow(x.subarray(r * 9, r * 9 + 9), true);
      for (let j = 0; j < 9; j++) expect(f32(y)[r * 9 + j]).toBeCloseTo(ref[j], 5);
    }
  });

  it('log-softmax, logit gap of 200 gives −200 instead of −Infinity', () => {
    const y = backend.alloc(2, 'f32', 'y');
    backend.softmax({ x: buffer([200, 0]), y, rows: 1, cols: 2, log: true });
    expect(f32(y)[0]).toBeCloseTo(0, 6);
    expect(f32(y)[1]).toBeCloseTo(-200, 4);
  });

  for (const log of [false, true]) {
    it(`${log ? 'log-softmax' : 'softmax'} backward, 3×5: matches central differences of Σ dy·y`, () => {
      const rows = 3;
      const cols = 5;
      const x = randomValues(rows * cols, 3);
      const dyValues = randomValues(rows * cols, 4);
      const y = backend.alloc(rows * cols, 'f32', 'y');
      const dx = backend.alloc(rows * cols, 'f32', 'dx');
      const xb = buffer(x);
      backend.softmax({ x: xb, y, rows, cols, log });
      backend.softmaxBackward({
        x: xb,
        y,
        rows,
        cols,
        log,
        dy: buffer(dyValues),
        dx,
        accumulate: false,
      });
      const objective = (row: number[], r: number): number =>
        referenceRow(row, log).reduce((s, v, j) => s + v * dyValues[r * cols + j], 0);
      const h = 1e-5;
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < cols; j++) {
          const row = Array.from(x.subarray(r * cols, r * cols + cols));
          row[j] += h;
          const plus = objective(row, r);
          row[j] -= 2 * h;
          const minus = objective(row, r);
          expect(f32(dx)[r * cols + j]).toBeCloseTo((plus - minus) / (2 * h), 4);
        }
      }
    });
  }

  it('softmax backward, accumulate adds to what dx holds', () => {
    const x = buffer([0.5, -1, 2]);
    const y = backend.alloc(3, 'f32', 'y');
    const dy = buffer([1, 2, 3]);
    const fresh = backend.alloc(3, 'f32', 'fresh');
    const dx = buffer([10, 20, 30]);
    backend.softmax({ x, y, rows: 1, cols: 3, log: false });
    backend.softmaxBackward({
      x,
      y,
      rows: 1,
      cols: 3,
      log: false,
      dy,
      dx: fresh,
      accumulate: false,
    });
    backend.softmaxBackward({ x, y, rows: 1, cols: 3, log: false, dy, dx, accumulate: true });
    [10, 20, 30].forEach((v, j) => expect(f32(dx)[j]).toBeCloseTo(v + f32(fresh)[j], 5));
  });
});
