import { describe, expect, it } from 'vitest';
import { CpuBackend } from './cpuBackend';
import type { BatchNormParams, DeviceBuffer } from '../backend';
import { f32 } from './cpuBuffer';
import { randomUniform, RandomStream, SeededRandom } from '../../rng';

const backend = new CpuBackend();

const values = (v: ArrayLike<number>, label = 'values'): DeviceBuffer => {
  const b = backend.alloc(v.length, 'f32', label);
  f32(b).set(v);
  return b;
};
const zeros = (n: number): DeviceBuffer => backend.alloc(n, 'f32', 'zeros');
const randomValues = (n: number, seed: number): Float32Array => {
  const rng = new SeededRandom(seed, 1);
  return Float32Array.from({ length: n }, () => rng.normal());
};

function runDropout(
  n: number,
  p: number,
  seed: number,
  counter: number,
  x = values(new Float32Array(n).fill(1)),
) {
  const y = zeros(n);
  const mask = zeros(n);
  backend.dropout({ x, y, mask, n, p, seed, counter });
  return { y: f32(y), mask: f32(mask) };
}

describe('dropout kernel', () => {
  it('dropout, p = 0.3 over 100 000 draws keeps 70 % ± 0.5 %', () => {
    const { mask } = runDropout(100_000, 0.3, 1234, 0);
    const kept = mask.reduce((s, m) => s + (m !== 0 ? 1 : 0), 0);
    expect(Math.abs(kept / 100_000 - 0.7)).toBeLessThan(0.005);
  });

  it('dropout, mask bits are randomUniform(seed, dropout stream, counter + i) ≥ p', () => {
    const { mask } = runDropout(1000, 0.5, 42, 7000);
    for (let i = 0; i < 1000; i++) {
      const keep = randomUniform(42, RandomStream.dropout, 7000 + i) >= 0.5;
      expect(mask[i]).toBe(keep ? 2 : 0);
    }
  });

  it('dropout, kept values are scaled by 1/(1 − p), dropped ones are 0', () => {
    const x = randomValues(257, 3);
    const { y, mask } = runDropout(257, 0.25, 9, 0, values(x));
    for (let i = 0; i < 257; i++) {
      expect(mask[i] === 0 || mask[i] === Math.fround(1 / 0.75)).toBe(true);
      expect(y[i]).toBe(Math.fround(x[i] * mask[i]));
    }
  });

  it('dropout, same seed and counter give the same mask; another counter or seed a different one', () => {
    const a = runDropout(513, 0.5, 5, 1026).mask;
    expect(runDropout(513, 0.5, 5, 1026).mask).toEqual(a);
    expect(runDropout(513, 0.5, 5, 1539).mask).not.toEqual(a);
    expect(runDropout(513, 0.5, 6, 1026).mask).not.toEqual(a);
  });

  it('dropout, p = 0 keeps every value unchanged', () => {
    const x = randomValues(31, 4);
    const { y } = runDropout(31, 0, 1, 0, values(x));
    expect(y).toEqual(x);
  });

  it('dropout backward, dx = dy · mask, and accumulate adds', () => {
    const dy = values([1, 2, 3, 4]);
    const mask = values([0, 2, 2, 0]);
    const dx = zeros(4);
    backend.dropoutBackward({ dy, mask, dx, n: 4, accumulate: false });
    expect(Array.from(f32(dx))).toEqual([0, 4, 6, 0]);
    backend.dropoutBackward({ dy, mask, dx, n: 4, accumulate: true });
    expect(Array.from(f32(dx))).toEqual([0, 8, 12, 0]);
  });
});

/** Batch-norm parameters over x (N×C×S) with γ = 1, β = 0, running mean 0 and variance 1. */
function bnParams(
  x: ArrayLike<number>,
  batch: number,
  channels: number,
  spatial: number,
): BatchNormParams {
  const ones = (n: number) => values(new Float32Array(n).fill(1));
  return {
    x: values(x),
    y: zeros(x.length),
    gamma: ones(channels),
    beta: zeros(channels),
    runningMean: zeros(channels),
    runningVar: ones(channels),
    savedMean: zeros(channels),
    savedInvStd: zeros(channels),
    batch,
    channels,
    spatial,
    eps: 1e-5,
    momentum: 0.1,
    training: true,
  };
}

describe('batch norm kernel', () => {
  it('batch norm, training 4×3×5: each channel comes out with mean 0 and variance 1', () => {
    const p = bnParams(
      randomValues(60, 5).map((v, i) => 3 * v + (i % 3)),
      4,
      3,
      5,
    );
    backend.batchNorm(p);
    const y = f32(p.y);
    for (let c = 0; c < 3; c++) {
      const vals: number[] = [];
      for (let n = 0; n < 4; n++) for (let s = 0; s < 5; s++) vals.push(y[(n * 3 + c) * 5 + s]);
      const mean = vals.reduce((a, v) => a + v, 0) / vals.length;
      const variance = vals.reduce((a, v) => a + (v - mean) ** 2, 0) / vals.length;
      expect(mean).toBeCloseTo(0, 5);
      expect(variance).toBeCloseTo(1, 3);
    }
  });

  it('batch norm, training [1, 2, 3, 6]: saved and running statistics by hand', () => {
    // Mean 3, biased variance 14/4 = 3.5 (for normalising), unbiased 14/3 (for the running average).
    const p = bnParams([1, 2, 3, 6], 4, 1, 1);
    backend.batchNorm(p);
    expect(f32(p.savedMean)[0]).toBeCloseTo(3, 6);
    expect(f32(p.savedInvStd)[0]).toBeCloseTo(1 / Math.sqrt(3.5 + 1e-5), 6);
    expect(f32(p.runningMean)[0]).toBeCloseTo(0.9 * 0 + 0.1 * 3, 6);
    expect(f32(p.runningVar)[0]).toBeCloseTo(0.9 * 1 + 0.1 * (14 / 3), 6);
    expect(f32(p.y)[3]).toBeCloseTo(3 / Math.sqrt(3.5 + 1e-5), 5);
  });

  it('batch norm, eval: normalises with the running statistics and leaves them alone', () => {
    const p = bnParams([0, 2, 6, -4], 2, 2, 1);
    p.training = false;
    f32(p.runningMean).set([2, -1]);
    f32(p.runningVar).set([4, 9]);
    f32(p.gamma).set([3, 1]);
    f32(p.beta).set([1, 0.5]);
    backend.batchNorm(p);
    // Channel 0 holds x = 0 and 6, channel 1 holds x = 2 and −4.
    const expected = [
      (3 * (0 - 2)) / 2 + 1,
      (2 + 1) / 3 + 0.5,
      (3 * (6 - 2)) / 2 + 1,
      (-4 + 1) / 3 + 0.5,
    ];
    expected.forEach((v, i) => expect(f32(p.y)[i]).toBeCloseTo(v, 4));
    expect(Array.from(f32(p.runningMean))).toEqual([2, -1]);
    expect(Array.from(f32(p.runningVar))).toEqual([4, 9]);
  });

  it('batch norm backward, 3×2×5: matches central differences of Σ dy·y in f64', () => {
    const [N, C, S] = [3, 2, 5];
    const x = randomValues(N * C * S, 6);
    const dyValues = randomValues(N * C * S, 7);
    const gamma = [1.5, -0.7];
    const beta = [0.2, 0.3];
    const eps = 1e-5;
    const objective = (xs: ArrayLike<number>, g: number[], b: number[]): number => {
      let total = 0;
      for (let c = 0; c < C; c++) {
        const idx: number[] = [];
        for (let n = 0; n < N; n++) for (let s = 0; s < S; s++) idx.push((n * C + c) * S + s);
        const mean = idx.reduce((a, i) => a + xs[i], 0) / idx.length;
        const variance = idx.reduce((a, i) => a + (xs[i] - mean) ** 2, 0) / idx.length;
        for (const i of idx)
          total += dyValues[i] * ((g[c] * (xs[i] - mean)) / Math.sqrt(variance + eps) + b[c]);
      }
      return total;
    };
    const p = bnParams(x, N, C, S);
    f32(p.gamma).set(gamma);
    f32(p.beta).set(beta);
    backend.batchNorm(p);
    const dx = zeros(N * C * S);
    const dGamma = zeros(C);
    const dBeta = zeros(C);
    backend.batchNormBackward({ ...p, dy: values(dyValues), dx, dGamma, dBeta, accumulate: false });

    const h = 1e-5;
    const central = (f: (d: number) => number) => (f(h) - f(-h)) / (2 * h);
    const xs = Array.from(x);
    for (let i = 0; i < x.length; i++) {
      const numeric = central((d) =>
        objective(
          xs.map((v, j) => (j === i ? v + d : v)),
          gamma,
          beta,
        ),
      );
      expect(f32(dx)[i]).toBeCloseTo(numeric, 3);
    }
    for (let c = 0; c < C; c++) {
      const dg = central((d) =>
        objective(
          xs,
          gamma.map((v, j) => (j === c ? v + d : v)),
          beta,
        ),
      );
      const db = central((d) =>
        objective(
          xs,
          gamma,
          beta.map((v, j) => (j === c ? v + d : v)),
        ),
      );
      expect(f32(dGamma)[c]).toBeCloseTo(dg, 3);
      expect(f32(dBeta)[c]).toBeCloseTo(db, 3);
    }
  });

  it('batch norm backward: dγ and dβ are overwritten, dx accumulates when asked', () => {
    const p = bnParams(randomValues(8, 8), 4, 2, 1);
    backend.batchNorm(p);
    const dy = values(randomValues(8, 9));
    const fresh = { dx: zeros(8), dGamma: zeros(2), dBeta: zeros(2) };
    backend.batchNormBackward({ ...p, dy, ...fresh, accumulate: false });
    const stale = {
      dx: values(new Float32Array(8).fill(5)),
      dGamma: values([7, 7]),
      dBeta: values([7, 7]),
    };
    backend.batchNormBackward({ ...p, dy, ...stale, accumulate: true });
    expect(f32(stale.dGamma)).toEqual(f32(fresh.dGamma));
    expect(f32(stale.dBeta)).toEqual(f32(fresh.dBeta));
    f32(fresh.dx).forEach((v, i) => expect(f32(stale.dx)[i]).toBeCloseTo(v + 5, 5));
  });
});
