import { describe, expect, it } from 'vitest';
import { eigen2 } from './eigen2';
import { OptimizerPath, stabilityBound, type PathOptimizerKind } from './pathOptimizers';
import { toySurface } from './surfaces/index';

// The 1-1-1 net from (0.5, 0.25): r = 1 − w1w2 = 0.875, g = (−2·w2·r, −2·w1·r) = (−0.4375, −0.875).
// Each expected value below is worked by hand from the textbook rule (see the comments).
const START: [number, number] = [0.5, 0.25];
const lr = 0.1;
const s = toySurface('linear111');

function path(kind: PathOptimizerKind, rate = lr) {
  return new OptimizerPath(s, { kind, lr: rate, batchSize: 4, noise: 0, seed: 1 }, START, 100);
}

function grad(w1: number, w2: number) {
  const r = 1 - w1 * w2;
  return [-2 * w2 * r, -2 * w1 * r];
}

function point(p: OptimizerPath, i: number) {
  return [p.points[2 * i], p.points[2 * i + 1]];
}

function expectPoint(actual: number[], expected: number[]) {
  expect(actual[0]).toBeCloseTo(expected[0], 6);
  expect(actual[1]).toBeCloseTo(expected[1], 6);
}

describe('lab optimizers, first steps by hand on the 1-1-1 net', () => {
  it('batch GD: w ← w − η·g', () => {
    const p = path('gd');
    p.advance(2);
    const w1 = [0.5 + 0.04375, 0.25 + 0.0875];
    expectPoint(point(p, 1), w1);
    const g1 = grad(w1[0], w1[1]);
    expectPoint(point(p, 2), [w1[0] - lr * g1[0], w1[1] - lr * g1[1]]);
  });

  it('momentum: v ← μv + g, w ← w − ηv', () => {
    const p = path('momentum');
    p.advance(2);
    const w1 = [0.54375, 0.3375]; // v = g on the first step
    expectPoint(point(p, 1), w1);
    const g1 = grad(w1[0], w1[1]);
    const v = [0.9 * -0.4375 + g1[0], 0.9 * -0.875 + g1[1]];
    expectPoint(point(p, 2), [w1[0] - lr * v[0], w1[1] - lr * v[1]]);
  });

  it('Nesterov: v ← μv + g, w ← w − η(g + μv)', () => {
    const p = path('nesterov');
    p.advance(1);
    // v = g, so the step is η·(1 + μ)·g.
    expectPoint(point(p, 1), [0.5 + 0.1 * 1.9 * 0.4375, 0.25 + 0.1 * 1.9 * 0.875]);
  });

  it('Adam: the first step is η·sign(g) for each weight', () => {
    const p = path('adam', 0.01);
    p.advance(1);
    // m̂ = g, v̂ = g², so m̂/(√v̂ + ε) = ±1 up to ε.
    expectPoint(point(p, 1), [0.51, 0.26]);
  });

  it('RMSProp: s = (1 − ρ)g², w ← w − ηg/√s, so the first step is η/√(1 − ρ) per weight', () => {
    const p = path('rmsprop', 0.01);
    p.advance(1);
    const d = 0.01 / Math.sqrt(0.1);
    expectPoint(point(p, 1), [0.5 + d, 0.25 + d]);
  });

  it('Adagrad: s = g², so the first two steps are η·sign(g), then η·g₂/√(g₁² + g₂²)', () => {
    const p = path('adagrad', 0.05);
    p.advance(2);
    const w1 = [0.55, 0.3];
    expectPoint(point(p, 1), w1);
    const g1 = grad(w1[0], w1[1]);
    expectPoint(point(p, 2), [
      w1[0] - (0.05 * g1[0]) / Math.hypot(0.4375, g1[0]),
      w1[1] - (0.05 * g1[1]) / Math.hypot(0.875, g1[1]),
    ]);
  });

  it('records the full loss and gradient norm at every point', () => {
    const p = path('gd');
    p.advance(3);
    expect(p.length).toBe(4);
    expect(p.losses[0]).toBeCloseTo(0.875 ** 2, 12);
    expect(p.gradNorms[0]).toBeCloseTo(Math.hypot(0.4375, 0.875), 12);
    expect(p.losses[3]).toBeLessThan(p.losses[0]);
  });
});

describe('SGD noise', () => {
  it('is seeded: the same seed walks the same path, another seed another', () => {
    const q = toySurface('quadratic');
    const make = (seed: number) =>
      new OptimizerPath(q, { kind: 'sgd', lr: 0.1, batchSize: 4, noise: 0, seed }, [0, 0], 50);
    const a = make(1);
    const b = make(1);
    const c = make(2);
    a.advance(50);
    b.advance(50);
    c.advance(50);
    expect(Array.from(a.points)).toEqual(Array.from(b.points));
    expect(Array.from(a.points)).not.toEqual(Array.from(c.points));
  });

  it('both SGD and Adam leave the saddle of the 1-1-1 net', () => {
    for (const kind of ['sgd', 'adam'] as const) {
      const p = new OptimizerPath(
        s,
        { kind, lr: kind === 'sgd' ? 0.05 : 0.02, batchSize: 4, noise: 0.3, seed: 3 },
        [0.02, -0.01],
        600,
      );
      p.advance(600);
      const n = p.length - 1;
      expect(Math.hypot(p.points[2 * n], p.points[2 * n + 1])).toBeGreaterThan(0.7);
      expect(p.losses[n]).toBeLessThan(0.1);
    }
  });
});

describe('divergence', () => {
  it('GD above 2/λmax on the quadratic diverges and says why', () => {
    const q = toySurface('quadratic');
    const lambdaMax = eigen2(q.hessian(0, 0)).values[0];
    const bound = stabilityBound('gd', lambdaMax)!;
    const stable = new OptimizerPath(
      q,
      { kind: 'gd', lr: bound * 0.95, batchSize: 4, noise: 0, seed: 1 },
      q.start,
      3000,
    );
    stable.advance(3000);
    expect(stable.status).not.toBe('diverged');
    const p = new OptimizerPath(
      q,
      { kind: 'gd', lr: bound * 1.2, batchSize: 4, noise: 0, seed: 1 },
      q.start,
      3000,
    );
    p.advance(3000);
    expect(p.status).toBe('diverged');
    expect(p.message).toContain('above 2/λmax');
  });

  it('the monkey saddle has no minimum, and the message says so', () => {
    const m = toySurface('monkeySaddle');
    const p = new OptimizerPath(
      m,
      { kind: 'gd', lr: 0.05, batchSize: 4, noise: 0, seed: 1 },
      [0.3, 0.02],
      3000,
    );
    p.advance(3000);
    expect(p.status).toBe('diverged');
    expect(p.message).toContain('no minimum');
  });
});
