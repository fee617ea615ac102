import { describe, expect, it } from 'vitest';
import { CpuBackend } from './cpuBackend';
import { f32 } from './cpuBuffer';
import { EmbeddingSegments } from '../embeddingSegments';
import { randomArray, randomInts } from '../conformance/runner';

describe('EmbeddingSegments', () => {
  it('groups positions by row in order of first appearance, ascending within a row, without zero weights', () => {
    const indices = Int32Array.from([5, 2, 5, 7, 2, 5, 9]);
    const weights = Float32Array.from([1, 1, 1, 1, 0, 1, 1]);
    const seg = new EmbeddingSegments(8, 10).build(indices, 7, weights);
    expect(seg.uniqueCount).toBe(4);
    expect([...seg.unique.subarray(0, 4)]).toEqual([5, 2, 7, 9]);
    expect([...seg.starts.subarray(0, 5)]).toEqual([0, 3, 4, 5, 6]);
    expect([...seg.order.subarray(0, 6)]).toEqual([0, 2, 5, 1, 3, 6]);
  });
});

describe('logistic loss', () => {
  it('is exact for large scores (no overflow) and log 2 at 0, with σ(s) − label as gradient', () => {
    const backend = new CpuBackend();
    const put = (values: number[]) => {
      const b = backend.alloc(values.length, 'f32', 'x');
      backend.write(b, Float32Array.from(values));
      return b;
    };
    const scores = put([800, -800, 0, 800]);
    const labels = put([1, 0, 1, 0]);
    const dS = put([9, 9, 9, 9]);
    const metrics = put([0, 0]);
    backend.logisticLoss({ scores, labels, n: 4, dS, metrics, gradScale: 2 });
    expect(f32(metrics)[0]).toBeCloseTo(Math.LN2 + 800, 4);
    expect(f32(metrics)[1]).toBe(2);
    expect([...f32(dS)]).toEqual([0, 0, -1, 2]);
  });
});

/**
 * Negative sampling's loss from the kernels, as a function of both tables:
 * h = bag(Win, context window with weights), u = Wout[targets], s = h·u, L = Σ logistic(s, label).
 * The backward (batchedDotBackward, then scatter-add of each lookup's row gradients) must match
 * central differences of L for every table entry.
 */
describe('lookup → dot → logistic loss: gradients by finite differences', () => {
  const V = 9;
  const D = 5;
  const B = 4;
  const bag = 3;
  const J = 3; // one positive and two negatives
  const backend = new CpuBackend();
  const buf = (data: Float32Array | Int32Array, label: string) => {
    const b = backend.alloc(data.length, data instanceof Int32Array ? 'i32' : 'f32', label);
    backend.write(b, data);
    return b;
  };
  const win = buf(randomArray(V * D, 1, 0.5), 'win');
  const wout = buf(randomArray(V * D, 2, 0.5), 'wout');
  const ctxIdx = randomInts(B * bag, V, 3);
  const ctxW = Float32Array.from({ length: B * bag }, (_, i) => (i % 4 === 3 ? 0 : 1 / bag));
  const tgtIdx = randomInts(B * J, V, 4);
  const labels = Float32Array.from({ length: B * J }, (_, i) => (i % J === 0 ? 1 : 0));
  const b = {
    ctx: buf(ctxIdx, 'ctx'),
    ctxW: buf(ctxW, 'ctxW'),
    tgt: buf(tgtIdx, 'tgt'),
    labels: buf(labels, 'labels'),
    h: backend.alloc(B * D, 'f32', 'h'),
    u: backend.alloc(B * J * D, 'f32', 'u'),
    s: backend.alloc(B * J, 'f32', 's'),
    dS: backend.alloc(B * J, 'f32', 'dS'),
    dh: backend.alloc(B * D, 'f32', 'dh'),
    du: backend.alloc(B * J * D, 'f32', 'du'),
    metrics: backend.alloc(2, 'f32', 'metrics'),
    gin: backend.alloc(V * D, 'f32', 'gin'),
    gout: backend.alloc(V * D, 'f32', 'gout'),
  };
  const dot = { h: b.h, u: b.u, s: b.s, rows: B, perRow: J, dim: D };

  function lossAndGrads(): number {
    backend.embeddingBag({
      table: win,
      indices: b.ctx,
      weights: b.ctxW,
      out: b.h,
      bags: B,
      bagSize: bag,
      dim: D,
    });
    backend.embeddingBag({
      table: wout,
      indices: b.tgt,
      weights: null,
      out: b.u,
      bags: B * J,
      bagSize: 1,
      dim: D,
    });
    backend.batchedDot(dot);
    backend.fill(b.metrics, 0);
    backend.logisticLoss({
      scores: b.s,
      labels: b.labels,
      n: B * J,
      dS: b.dS,
      metrics: b.metrics,
      gradScale: 1,
    });
    return f32(b.metrics)[0];
  }

  function backward(): void {
    backend.batchedDotBackward({ ...dot, dS: b.dS, dh: b.dh, du: b.du });
    backend.fill(b.gin, 0);
    backend.fill(b.gout, 0);
    const segIn = new EmbeddingSegments(B * bag, V).build(ctxIdx, B * bag, ctxW);
    const segOut = new EmbeddingSegments(B * J, V).build(tgtIdx, B * J);
    const scatter = (
      seg: EmbeddingSegments,
      dst: typeof win,
      src: typeof win,
      weights: typeof win | null,
      bagSize: number,
    ) =>
      backend.embeddingScatterAdd({
        dst,
        src,
        weights,
        order: buf(seg.order, 'order'),
        unique: buf(seg.unique, 'unique'),
        starts: buf(seg.starts, 'starts'),
        uniqueCount: seg.uniqueCount,
        bagSize,
        dim: D,
        scale: 1,
      });
    scatter(segIn, b.gin, b.dh, b.ctxW, bag);
    scatter(segOut, b.gout, b.du, null, 1);
  }

  for (const [name, table, grad] of [
    ['input table (weighted bags)', win, () => f32(b.gin)],
    ['output table (targets with repeats)', wout, () => f32(b.gout)],
  ] as const) {
    it(name, () => {
      lossAndGrads();
      backward();
      const analytic = grad().slice();
      const values = f32(table);
      const eps = 1e-2;
      let worst = 0;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        values[i] = v + eps;
        const up = lossAndGrads();
        values[i] = v - eps;
        const down = lossAndGrads();
        values[i] = v;
        const numeric = (up - down) / (2 * eps);
        worst = Math.max(worst, Math.abs(numeric - analytic[i]) / (1e-3 + Math.abs(numeric)));
      }
      // Rows no batch position names have zero gradient on both sides; the others must agree.
      expect(worst).toBeLessThan(2e-2);
      expect(analytic.some((g) => g !== 0)).toBe(true);
    });
  }
});
