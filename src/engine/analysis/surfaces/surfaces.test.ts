import { describe, expect, it } from 'vitest';
import { eigen2 } from '../eigen2';
import { TOY_SURFACE_IDS, toySurface } from './index';

// Central differences in double precision: step 1e-5 leaves errors near 1e-9 relative.
const H = 1e-5;

function numericGradient(f: (a: number, b: number) => number, w1: number, w2: number) {
  return [(f(w1 + H, w2) - f(w1 - H, w2)) / (2 * H), (f(w1, w2 + H) - f(w1, w2 - H)) / (2 * H)];
}

function closeTo(actual: number, expected: number, scale: number) {
  expect(Math.abs(actual - expected)).toBeLessThan(1e-5 * Math.max(1, scale));
}

/** Points spread over each domain, away from the two-ReLU net's kinks at w = 0. */
function points(): [number, number][] {
  const out: [number, number][] = [];
  for (const a of [-1.7, -0.6, 0.37, 1.3]) for (const b of [-1.1, 0.23, 0.8, 1.9]) out.push([a, b]);
  return out;
}

describe('toy surfaces', () => {
  for (const id of TOY_SURFACE_IDS) {
    const s = toySurface(id);
    it(`${id}: the analytic gradient equals central differences of the loss`, () => {
      const g = new Float64Array(2);
      for (const [w1, w2] of points()) {
        s.gradient(w1, w2, g);
        const n = numericGradient(s.loss, w1, w2);
        const scale = Math.abs(n[0]) + Math.abs(n[1]);
        closeTo(g[0], n[0], scale);
        closeTo(g[1], n[1], scale);
      }
    });

    it(`${id}: the analytic Hessian equals central differences of the gradient`, () => {
      const g = new Float64Array(2);
      const d1 = (w1: number, w2: number) => (s.gradient(w1, w2, g), g[0]);
      const d2 = (w1: number, w2: number) => (s.gradient(w1, w2, g), g[1]);
      for (const [w1, w2] of points()) {
        const h = s.hessian(w1, w2);
        const [h11, h12] = numericGradient(d1, w1, w2);
        const [h21, h22] = numericGradient(d2, w1, w2);
        const scale = Math.abs(h11) + Math.abs(h12) + Math.abs(h22);
        closeTo(h.h11, h11, scale);
        closeTo(h.h12, h12, scale);
        closeTo(h.h12, h21, scale);
        closeTo(h.h22, h22, scale);
      }
    });

    if (s.minibatchGradient && s.samples) {
      it(`${id}: the minibatch of every sample has the full gradient`, () => {
        const all = Array.from({ length: s.samples! }, (_, i) => i);
        const full = new Float64Array(2);
        const batch = new Float64Array(2);
        s.gradient(0.7, -0.4, full);
        s.minibatchGradient!(0.7, -0.4, all, batch);
        closeTo(batch[0], full[0], 1);
        closeTo(batch[1], full[1], 1);
      });
    }
  }

  it('1-1-1 net: the origin is a saddle with eigenvalues ±2, the hyperbola w₂ = 1/w₁ is all minima', () => {
    const s = toySurface('linear111');
    const { values } = eigen2(s.hessian(0, 0));
    expect(values[0]).toBeCloseTo(2, 12);
    expect(values[1]).toBeCloseTo(-2, 12);
    for (const w1 of [-3, -0.5, 0.25, 2]) expect(s.loss(w1, 1 / w1)).toBeCloseTo(0, 12);
  });

  it('quadratic: H is the data’s second-moment matrix and does not depend on w', () => {
    const shape = { spread1: 2, spread2: 0.5, angleDeg: 0, count: 4000, seed: 3 };
    const s = toySurface('quadratic', shape);
    const h = s.hessian(0, 0);
    expect(s.hessian(5, -3)).toEqual(h);
    const { values } = eigen2(h);
    // Sample variances of 4,000 normal draws are within a few per cent of σ².
    expect(values[0]).toBeGreaterThan(4 * 0.93);
    expect(values[0]).toBeLessThan(4 * 1.07);
    expect(values[1]).toBeGreaterThan(0.25 * 0.93);
    expect(values[1]).toBeLessThan(0.25 * 1.07);
  });
});
