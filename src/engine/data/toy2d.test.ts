import { describe, expect, it } from 'vitest';
import type { Dataset } from './dataset';
import { makeToyDataset, type ToyDataSpec } from './toy2d';

function toy(overrides: Partial<ToyDataSpec>, seed = 7): Dataset {
  const spec: ToyDataSpec = {
    dataset: 'toy',
    kind: 'circle',
    samples: 500,
    noise: 0.1,
    trainFraction: 0.5,
    classes: 2,
    ...overrides,
  };
  return makeToyDataset(spec, seed);
}

/** Points and labels of both splits together. */
function allPoints(d: Dataset): { x: number; y: number; label: number }[] {
  const points = [];
  for (const s of [d.train, d.test]) {
    for (let i = 0; i < s.count; i++) {
      points.push({ x: s.inputs[2 * i], y: s.inputs[2 * i + 1], label: s.labels[i] });
    }
  }
  return points;
}

function classCounts(d: Dataset): number[] {
  const counts = new Array<number>(d.classes).fill(0);
  for (const p of allPoints(d)) counts[p.label]++;
  return counts;
}

const kinds = ['circle', 'xor', 'gaussians', 'spiral'] as const;

describe('toy 2-D data sets', () => {
  it('toy, same seed gives identical data for every kind', () => {
    for (const kind of kinds) {
      const a = toy({ kind, classes: 3 }, 42);
      const b = toy({ kind, classes: 3 }, 42);
      expect(a.train.inputs).toEqual(b.train.inputs);
      expect(a.train.labels).toEqual(b.train.labels);
      expect(a.test.inputs).toEqual(b.test.inputs);
    }
  });

  it('toy, another seed gives other points', () => {
    for (const kind of kinds) {
      expect(toy({ kind }, 1).train.inputs).not.toEqual(toy({ kind }, 2).train.inputs);
    }
  });

  it('toy, 500 samples with trainFraction 0.3 split 150 / 350', () => {
    const d = toy({ kind: 'spiral', trainFraction: 0.3 });
    expect([d.train.count, d.test.count]).toEqual([150, 350]);
    expect(d.train.inputs).toBeInstanceOf(Float32Array);
    expect(d.train.inputs.length).toBe(300);
    expect(d.test.labels.length).toBe(350);
  });

  it('toy, 10 samples with trainFraction 0.01 keep one of each split', () => {
    const d = toy({ kind: 'xor', samples: 10, trainFraction: 0.01 });
    expect([d.train.count, d.test.count]).toEqual([1, 9]);
  });

  it('toy, shape [2], name and class names', () => {
    const d = toy({ kind: 'gaussians', classes: 4 });
    expect(d.sampleShape).toEqual([2]);
    expect(d.name).toBe('toy:gaussians');
    expect(d.classNames).toEqual(['A', 'B', 'C', 'D']);
    expect(toy({ kind: 'circle' }).classNames).toEqual(['outside', 'inside']);
  });

  it('toy, circle, xor and spiral inputs lie within [−1, 1] at full noise', () => {
    for (const kind of ['circle', 'xor', 'spiral'] as const) {
      for (const p of allPoints(toy({ kind, noise: 1, classes: 5 }))) {
        expect(Math.max(Math.abs(p.x), Math.abs(p.y))).toBeLessThanOrEqual(1);
      }
    }
  });

  it('toy, gaussians, 8 classes at noise 0.1: 95 % of inputs within [−1, 1]', () => {
    const points = allPoints(toy({ kind: 'gaussians', classes: 8, samples: 2000 }));
    const inside = points.filter((p) => Math.abs(p.x) <= 1 && Math.abs(p.y) <= 1).length;
    expect(inside / points.length).toBeGreaterThan(0.95);
  });

  it('toy, spiral with 5 classes and 503 samples: classes 101, 101, 101, 100, 100', () => {
    expect(classCounts(toy({ kind: 'spiral', classes: 5, samples: 503 }))).toEqual([
      101, 101, 101, 100, 100,
    ]);
  });

  it('toy, circle and xor are two-class whatever classes says', () => {
    for (const kind of ['circle', 'xor'] as const) {
      const d = toy({ kind, classes: 6 });
      expect(d.classes).toBe(2);
      expect(classCounts(d).length).toBe(2);
    }
  });

  it('toy, circle without noise: label 1 exactly inside radius 2.5 of 6', () => {
    for (const p of allPoints(toy({ kind: 'circle', noise: 0 }))) {
      expect(p.label).toBe(Math.hypot(p.x, p.y) < 2.5 / 6 ? 1 : 0);
    }
  });

  it('toy, xor without noise: label 1 where x and y have the same sign', () => {
    for (const p of allPoints(toy({ kind: 'xor', noise: 0 }))) {
      expect(p.label).toBe(p.x * p.y >= 0 ? 1 : 0);
    }
  });

  it('toy, xor with noise 0.5 flips some labels but not most', () => {
    const points = allPoints(toy({ kind: 'xor', noise: 0.5, samples: 2000 }));
    const flipped = points.filter((p) => p.label !== (p.x * p.y >= 0 ? 1 : 0)).length;
    expect(flipped / points.length).toBeGreaterThan(0.05);
    expect(flipped / points.length).toBeLessThan(0.4);
  });

  it('toy, gaussians, 3 classes without noise: the nearest centre is the label for 95 %', () => {
    const d = toy({ kind: 'gaussians', classes: 3, noise: 0, samples: 900 });
    const points = allPoints(d);
    const centres = [0, 1, 2].map((k) => {
      const own = points.filter((p) => p.label === k);
      return {
        x: own.reduce((s, p) => s + p.x, 0) / own.length,
        y: own.reduce((s, p) => s + p.y, 0) / own.length,
      };
    });
    const nearest = (p: { x: number; y: number }) =>
      centres.reduce(
        (best, c, k) =>
          Math.hypot(p.x - c.x, p.y - c.y) <
          Math.hypot(p.x - centres[best].x, p.y - centres[best].y)
            ? k
            : best,
        0,
      );
    const agree = points.filter((p) => nearest(p) === p.label).length;
    expect(agree / points.length).toBeGreaterThan(0.95);
  });

  it('toy, spiral without noise: every point lies on its own arm', () => {
    const classes = 4;
    for (const p of allPoints(toy({ kind: 'spiral', noise: 0, classes }))) {
      const r = 6 * Math.hypot(p.x, p.y);
      const t = 1.75 * (r / 5) * 2 * Math.PI + (2 * Math.PI * p.label) / classes;
      expect(r * Math.sin(t)).toBeCloseTo(6 * p.x, 4);
      expect(r * Math.cos(t)).toBeCloseTo(6 * p.y, 4);
    }
  });
});

describe('toy 2-D regression sets', () => {
  const regressionKinds = ['plane', 'waves', 'bumps'] as const;

  /** Points with their targets, both splits together. */
  function valuedPoints(d: Dataset): { x: number; y: number; t: number }[] {
    const points = [];
    for (const s of [d.train, d.test]) {
      for (let i = 0; i < s.count; i++) {
        points.push({ x: s.inputs[2 * i], y: s.inputs[2 * i + 1], t: s.targets![i] });
      }
    }
    return points;
  }

  it('regression, one target per point, no classes, labels all 0', () => {
    for (const kind of regressionKinds) {
      const d = toy({ kind, trainFraction: 0.3 });
      expect(d.name).toBe(`toy:${kind}`);
      expect([d.classes, d.classNames, d.targetSize]).toEqual([0, [], 1]);
      expect(d.train.targets).toBeInstanceOf(Float32Array);
      expect([d.train.targets!.length, d.test.targets!.length]).toEqual([150, 350]);
      expect(d.train.labels.every((l) => l === 0)).toBe(true);
    }
  });

  it('regression, classification sets carry no targets', () => {
    const d = toy({ kind: 'spiral' });
    expect(d.targetSize).toBeUndefined();
    expect(d.train.targets).toBeUndefined();
  });

  it('regression, same seed same data; inputs within ±5/6 and targets within [−1, 1]', () => {
    for (const kind of regressionKinds) {
      const a = toy({ kind, noise: 1 }, 3);
      expect(a.train.targets).toEqual(toy({ kind, noise: 1 }, 3).train.targets);
      expect(a.train.inputs).not.toEqual(toy({ kind, noise: 1 }, 4).train.inputs);
      const points = valuedPoints(a);
      expect(points).toHaveLength(500);
      for (const p of points) {
        expect(Math.max(Math.abs(p.x), Math.abs(p.y))).toBeLessThanOrEqual(5 / 6 + 1e-6);
        expect(Math.abs(p.t)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('regression, plane without noise: t = (x + y)/10 in the ±6 plane', () => {
    for (const p of valuedPoints(toy({ kind: 'plane', noise: 0 }))) {
      expect(p.t).toBeCloseTo((6 * p.x + 6 * p.y) / 10, 5);
    }
  });

  it('regression, waves without noise: t = sin(0.6x)·cos(0.6y), spanning most of [−1, 1]', () => {
    const points = valuedPoints(toy({ kind: 'waves', noise: 0 }));
    for (const p of points) {
      expect(p.t).toBeCloseTo(Math.sin(3.6 * p.x) * Math.cos(3.6 * p.y), 5);
    }
    const ts = points.map((p) => p.t);
    expect(Math.min(...ts)).toBeLessThan(-0.8);
    expect(Math.max(...ts)).toBeGreaterThan(0.8);
  });

  it('regression, bumps without noise: near each centre the target has its sign', () => {
    const centres = [
      [-4, 2.5, 1],
      [0, 2.5, -1],
      [4, 2.5, 1],
      [-4, -2.5, -1],
      [0, -2.5, 1],
      [4, -2.5, -1],
    ];
    let near = 0;
    for (const p of valuedPoints(toy({ kind: 'bumps', noise: 0, samples: 2000 }))) {
      for (const [cx, cy, sign] of centres) {
        if (Math.hypot(6 * p.x - cx, 6 * p.y - cy) > 1) continue;
        near++;
        expect(Math.sign(p.t)).toBe(sign);
        expect(Math.abs(p.t)).toBeGreaterThan(0.5);
      }
    }
    expect(near).toBeGreaterThan(100);
  });

  it('regression, noise reads the surface at a moved point', () => {
    const clean = valuedPoints(toy({ kind: 'plane', noise: 0 }));
    const noisy = valuedPoints(toy({ kind: 'plane', noise: 0.3 }));
    // Same draws for the points themselves, so the same inputs; only the targets move.
    const moved = noisy.filter((p, i) => Math.abs(p.t - clean[i].t) > 0.05).length;
    expect(moved / noisy.length).toBeGreaterThan(0.5);
  });
});
