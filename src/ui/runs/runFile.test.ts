import { describe, expect, it } from 'vitest';
import { templateSpec } from '../../engine/spec/templates';
import type { RunRecord } from '../store/runRecord';
import { downsampleCurve } from '../store/runRecord';
import { readRunsFile, runsFileText } from './runFile';

function run(id: string): RunRecord {
  const spec = templateSpec('spiral');
  const steps = [1, 2, 3];
  return {
    id,
    name: `run ${id}`,
    createdAt: 1,
    updatedAt: 2,
    status: 'finished',
    spec,
    specHash: 'abc',
    seed: spec.train.seed,
    backend: { kind: 'cpu', name: 'CPU (JavaScript)', adapter: null },
    engineVersion: '0.1.0',
    steps: 3,
    totalSteps: 3,
    epochs: 1,
    durationMs: 10,
    samplesPerSec: 100,
    final: { trainLoss: 0.5, trainAccuracy: 0.75, testLoss: null, testAccuracy: null },
    curves: {
      trainLoss: downsampleCurve(steps, [0.7, NaN, 0.5], 3),
      trainAccuracy: downsampleCurve(steps, [0.5, 0.6, 0.75], 3),
      testLoss: downsampleCurve([], [], 0),
      testAccuracy: downsampleCurve([], [], 0),
    },
  };
}

describe('runs file', () => {
  it('round-trips runs exactly (a NaN loss as null)', () => {
    const r = readRunsFile(runsFileText([run('a'), run('b')]));
    if (!r.ok) throw new Error(r.message);
    expect(r.runs).toEqual([run('a'), run('b')]);
    expect(r.runs[0].curves.trainLoss.values).toEqual([0.7, null, 0.5]);
  });

  it('skips a damaged run and says why, keeping the others', () => {
    const doc = JSON.parse(runsFileText([run('a'), run('b')])) as {
      runs: { steps: unknown; spec: { train: { seed: unknown } } }[];
    };
    doc.runs[0].steps = -1;
    const r = readRunsFile(JSON.stringify(doc));
    expect(r.ok && r.runs.map((x) => x.id)).toEqual(['b']);
    expect(r.ok && r.skipped[0]).toMatch(/^run 1: steps/);
  });

  it('refuses files that are not runs, or carry hostile keys or specs', () => {
    expect(readRunsFile('not json').ok).toBe(false);
    expect(readRunsFile('{"format":"other","runs":[]}').ok).toBe(false);
    const polluted = runsFileText([run('a')]).replace('"runs":', '"__proto__":{"x":1},"runs":');
    expect(readRunsFile(polluted)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/__proto__/),
    });
    const doc = JSON.parse(runsFileText([run('a')])) as {
      runs: { spec: { model: { edges: unknown[] } } }[];
    };
    doc.runs[0].spec.model.edges.push({ from: 'loss', to: 'input' });
    const r = readRunsFile(JSON.stringify(doc));
    expect(r.ok && r.runs.length).toBe(0);
    expect(r.ok && r.skipped[0]).toMatch(/spec: .*not a proper graph/);
  });
});

describe('downsampleCurve', () => {
  it('keeps short curves whole and averages long ones to 1,000 points ending at the last step', () => {
    const n = 5000;
    const steps = Array.from({ length: n }, (_, i) => i + 1);
    const values = steps.map((s) => s % 2);
    const c = downsampleCurve(steps, values, n);
    expect(c.steps.length).toBe(1000);
    expect(c.count).toBe(n);
    expect(c.steps[999]).toBe(n);
    expect(c.values[0]).toBe(0.6); // steps 1..5: 1,0,1,0,1
  });
});
