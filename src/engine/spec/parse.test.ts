import { describe, expect, it } from 'vitest';
import { parseExperimentSpec } from './parse';
import { templates } from './templates';
import { SPEC_VERSION } from './schema';

const lenet = () => structuredClone(templates.lenet5.input) as unknown as Record<string, unknown>;

describe('parseExperimentSpec', () => {
  it('accepts every template and fills defaults', () => {
    for (const t of Object.values(templates)) {
      const r = parseExperimentSpec(structuredClone(t.input));
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.spec.train.schedule).toEqual({ kind: 'constant' });
    }
  });

  it('round-trips through JSON unchanged', () => {
    const r = parseExperimentSpec(lenet());
    if (!r.ok) throw new Error(r.errors.join());
    const again = parseExperimentSpec(JSON.parse(JSON.stringify(r.spec)));
    expect(again).toEqual(r);
  });

  it('accepts an empty canvas (saved and shared like any other; shape inference says why it cannot train)', () => {
    const doc = lenet();
    doc.model = { nodes: [], edges: [] };
    const r = parseExperimentSpec(doc);
    expect(r.ok).toBe(true);
  });

  it('refuses a document that is not an object', () => {
    for (const bad of [null, 3, 'spec', [1, 2]]) {
      const r = parseExperimentSpec(bad);
      expect(r.ok).toBe(false);
    }
  });

  it('refuses a missing version and names the problem', () => {
    const doc = lenet();
    delete doc.version;
    const r = parseExperimentSpec(doc);
    expect(r).toEqual({ ok: false, errors: ['The experiment has no valid "version" number.'] });
  });

  it('refuses a spec from a newer version, saying so', () => {
    const r = parseExperimentSpec({ ...lenet(), version: SPEC_VERSION + 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/newer LayerCake/);
  });

  it('reports a bad parameter by its path', () => {
    const doc = lenet() as { model: { nodes: { params: Record<string, unknown> }[] } };
    doc.model.nodes[1].params.filters = -3;
    const r = parseExperimentSpec(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^model\.nodes\.1\.params\.filters/);
  });

  it('refuses unknown ops and unknown keys, including __proto__', () => {
    const doc = lenet() as { model: { nodes: Record<string, unknown>[] } };
    doc.model.nodes[2] = { id: 'x', op: 'evil', params: {} };
    expect(parseExperimentSpec(doc).ok).toBe(false);
    const polluted = JSON.parse(
      `{"__proto__": {"polluted": 1}, ${JSON.stringify(lenet()).slice(1)}`,
    );
    expect(parseExperimentSpec(polluted).ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses ids that could be markup', () => {
    const doc = lenet() as { model: { nodes: { id: string }[] } };
    doc.model.nodes[1].id = '<img src=x onerror=alert(1)>';
    expect(parseExperimentSpec(doc).ok).toBe(false);
  });

  it('refuses NaN-like and negative sizes', () => {
    const doc = lenet() as { train: Record<string, unknown> };
    doc.train.batchSize = 0;
    expect(parseExperimentSpec(doc).ok).toBe(false);
    doc.train.batchSize = 1.5;
    expect(parseExperimentSpec(doc).ok).toBe(false);
  });
});
