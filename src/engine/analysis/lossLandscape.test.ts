import { describe, expect, it } from 'vitest';
import { chainSpec, toyTrainer } from '../testing/chainSpec';
import type { ExperimentSpec } from '../spec/schema';
import { LossLandscape } from './lossLandscape';
import { flatten } from './trajectory';

const CHAIN = [
  { id: 'in', op: 'input', params: { shape: [2] } },
  { id: 'h1', op: 'dense', params: { units: 8 } },
  { id: 'r1', op: 'relu', params: {} },
  { id: 'drop', op: 'dropout', params: { rate: 0.3 } },
  { id: 'logits', op: 'dense', params: { units: 3 } },
  { id: 'loss', op: 'softmaxCrossEntropy', params: {} },
];

function spec(): ExperimentSpec {
  return chainSpec(CHAIN, {
    data: { dataset: 'toy', kind: 'spiral', classes: 3, samples: 300 },
    train: { optimizer: { kind: 'adam', lr: 0.01 }, batchSize: 10, epochs: 5, seed: 4 },
  });
}

/** 32 fixed points and labels. */
function fixedBatch() {
  const count = 32;
  return {
    inputs: Float32Array.from({ length: 2 * count }, (_, i) => Math.sin(1.3 * i)),
    labels: Int32Array.from({ length: count }, (_, i) => i % 3),
    targets: null,
    count,
  };
}

async function trained() {
  const s = spec();
  const t = await toyTrainer(s);
  await t.trainSteps(20);
  return { s, t };
}

describe('loss landscape of a run', () => {
  it('takes the run’s weights without touching them, and the slice is centred on its loss', async () => {
    const { s, t } = await trained();
    const backend = t.program.backend;
    const before = await Promise.all(t.program.params.map((p) => backend.read(p.value)));
    const land = LossLandscape.create(s, backend, fixedBatch());
    const center = await land.weightsOf(t.program);
    center.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(before[i] as Float32Array)));
    const slice = await land.slice(center, { size: 5, range: 1, seed: 3 });
    expect(slice.losses[2 * 5 + 2]).toBeCloseTo(slice.center, 5);
    // Away from the centre the loss differs (the directions are not zero) and is finite.
    expect(Math.abs(slice.losses[0] - slice.center)).toBeGreaterThan(1e-4);
    for (const v of slice.losses) expect(Number.isFinite(v)).toBe(true);
    const after = await Promise.all(t.program.params.map((p) => backend.read(p.value)));
    after.forEach((w, i) =>
      expect(Array.from(w as Float32Array)).toEqual(Array.from(before[i] as Float32Array)),
    );
    land.dispose();
  });

  it('the line from θ₀ to θ passes through both losses', async () => {
    const { s, t } = await trained();
    const land = LossLandscape.create(s, t.program.backend, fixedBatch());
    const now = await land.weightsOf(t.program);
    const start = now.map((w) => w.map((v) => v * 0.5));
    const line = await land.line(start, now, 7, 0, 1);
    expect(line.losses[0]).toBeCloseTo(await land.lossAt(start), 5);
    expect(line.losses[6]).toBeCloseTo(await land.lossAt(now), 5);
    land.dispose();
  });

  it('λmax from Hessian-vector products matches the curvature along its eigenvector', async () => {
    const { s, t } = await trained();
    const land = LossLandscape.create(s, t.program.backend, fixedBatch());
    const center = await land.weightsOf(t.program);
    const c = await land.curvature(center, 40);
    expect(c.products).toBeLessThanOrEqual(40);
    expect(c.max.value).toBeGreaterThan(c.min.value);
    // vᵀHv by a second difference of the loss along v.
    const v = c.max.vector;
    const h = 1e-2;
    const along = (sign: number) => {
      let o = 0;
      return center.map((w) => {
        const out = Float32Array.from(w, (x, k) => x + sign * h * v[o + k]);
        o += w.length;
        return out;
      });
    };
    const second =
      ((await land.lossAt(along(1))) -
        2 * (await land.lossAt(center)) +
        (await land.lossAt(along(-1)))) /
      (h * h);
    expect(second).toBeCloseTo(c.max.value, 0);
    land.dispose();
  });

  it('puts a trajectory on its PCA plane, where the surface meets each snapshot’s loss', async () => {
    const { s, t } = await trained();
    const land = LossLandscape.create(s, t.program.backend, fixedBatch());
    const now = await land.weightsOf(t.program);
    // Three snapshots in one plane through θ: θ + 2u, θ + v, θ (u, v independent).
    const u = now.map((w) => w.map((_, k) => Math.sin(k + 1)));
    const v = now.map((w) => w.map((_, k) => Math.cos(3 * k)));
    const at = (a: number, b: number) =>
      now.map((w, i) => w.map((x, k) => x + a * u[i][k] + b * v[i][k]));
    const points = [at(2, 0), at(0, 1), now];
    const snaps = points.map(flatten);
    const surface = await land.trajectory(snaps, 41);
    expect(surface.path.length).toBe(6);
    expect(surface.path[4]).toBeCloseTo(0, 6);
    expect(surface.path[5]).toBeCloseTo(0, 6);
    // The snapshots lie in the plane: all the variance is in two components.
    expect(surface.explained[0] + surface.explained[1]).toBeCloseTo(1, 5);
    // The surface at (close to) each snapshot's coordinates is its loss.
    const { a, b, size, losses } = surface;
    for (let i = 0; i < 3; i++) {
      const col = Math.round(((surface.path[2 * i] - a[0]) / (a[1] - a[0])) * (size - 1));
      const row = Math.round(((surface.path[2 * i + 1] - b[0]) / (b[1] - b[0])) * (size - 1));
      const exact = await land.lossAt(points[i]);
      const cellA = a[0] + ((a[1] - a[0]) * col) / (size - 1);
      const cellB = b[0] + ((b[1] - b[0]) * row) / (size - 1);
      const offGrid = Math.hypot(cellA - surface.path[2 * i], cellB - surface.path[2 * i + 1]);
      expect(offGrid).toBeLessThan((a[1] - a[0]) / (size - 1));
      expect(Math.abs(losses[row * size + col] - exact)).toBeLessThan(0.05 * Math.max(1, exact));
    }
    expect(surface.center).toBeCloseTo(await land.lossAt(now), 5);
    land.dispose();
  });
});
