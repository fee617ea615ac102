import { describe, expect, it } from 'vitest';
import { SpecGenerator } from '../testing/randomSpec';
import { templates, templateSpec, type TemplateName } from './templates';
import {
  decodeExperimentFragment,
  encodeExperimentFragment,
  experimentLink,
  MAX_FRAGMENT_CHARS,
  packFragment,
  type LinkResult,
} from './urlCodec';
import { encodeBase64url } from './base64url';
import { deflateSync } from 'fflate';

const lenet = () => templateSpec('lenet5');
const json = (v: unknown) => JSON.stringify(v);

function errorOf(r: LinkResult | null) {
  if (r === null || r.ok) throw new Error(`expected an error, got ${JSON.stringify(r)}`);
  return r.error;
}

describe('experiment links', () => {
  it('round-trip every template exactly', () => {
    for (const name of Object.keys(templates) as TemplateName[]) {
      const spec = templateSpec(name);
      const r = decodeExperimentFragment(`#${encodeExperimentFragment(spec)}`);
      expect(r).toEqual({ ok: true, spec, migratedFrom: null });
    }
  });

  it('round-trip random valid specs (property test, 300 specs)', () => {
    const gen = new SpecGenerator(7);
    for (let i = 0; i < 300; i++) {
      const spec = gen.spec();
      const r = decodeExperimentFragment(encodeExperimentFragment(spec));
      if (!r?.ok) throw new Error(`spec ${i}: ${JSON.stringify(r)}`);
      expect(r.spec).toEqual(spec);
    }
  });

  it('keep the LeNet-5 link, on a long address, under 2,000 characters', () => {
    const link = experimentLink('https://layercake.example.org/playground/', lenet());
    expect(link.length).toBeLessThan(2000);
    expect(link).toMatch(
      /^https:\/\/layercake\.example\.org\/playground\/#experiment=1\.[A-Za-z0-9_-]+$/,
    );
  });

  it('replace an existing fragment rather than append to it', () => {
    expect(experimentLink('http://x/#old', lenet())).toMatch(/^http:\/\/x\/#experiment=1\./);
  });

  it('ignore fragments that are not experiment links', () => {
    expect(decodeExperimentFragment('')).toBeNull();
    expect(decodeExperimentFragment('#')).toBeNull();
    expect(decodeExperimentFragment('#section-2')).toBeNull();
  });

  it('open a version-1 link through the migrations', () => {
    const v1 = JSON.parse(json(lenet())) as Record<string, unknown>;
    delete v1.description;
    v1.version = 1;
    const r = decodeExperimentFragment(packFragment(json(v1)));
    if (!r?.ok) throw new Error(JSON.stringify(r));
    expect(r.migratedFrom).toBe(1);
    expect(r.spec).toEqual(lenet());
  });
});

describe('untrusted links give a typed error', () => {
  const fragment = encodeExperimentFragment(lenet());

  it('truncated', () => {
    for (const cut of [fragment.length - 1, fragment.length - 7, Math.floor(fragment.length / 2)]) {
      const e = errorOf(decodeExperimentFragment(fragment.slice(0, cut)));
      expect(e.kind).toBe('corrupt');
      expect(e.message).toMatch(/cut short|damaged/);
    }
  });

  it('with no data, or no format', () => {
    expect(errorOf(decodeExperimentFragment('#experiment=')).kind).toBe('malformed');
    expect(errorOf(decodeExperimentFragment('#experiment')).kind).toBe('malformed');
    expect(errorOf(decodeExperimentFragment('#experiment=abc')).kind).toBe('malformed');
    expect(errorOf(decodeExperimentFragment('#experiment=1.')).kind).toBe('malformed');
  });

  it('with characters a link never has, saying where', () => {
    const e = errorOf(decodeExperimentFragment(`${fragment.slice(0, 40)}<${fragment.slice(40)}`));
    expect(e.kind).toBe('malformed');
    expect(e.message).toContain('"<"');
  });

  it('from a newer link format', () => {
    const e = errorOf(decodeExperimentFragment(fragment.replace('=1.', '=2.')));
    expect(e.kind).toBe('unknown-format');
    expect(e.message).toMatch(/newer LayerCake/);
  });

  it('over 64 KiB, before decoding any of it', () => {
    const long = `#experiment=1.${'A'.repeat(MAX_FRAGMENT_CHARS)}`;
    expect(errorOf(decodeExperimentFragment(long)).kind).toBe('too-long');
  });

  it('that inflate past the limit (a deflate bomb)', () => {
    const bomb = deflateSync(new Uint8Array(4 * 1024 * 1024).fill(32), { level: 9 });
    const f = `experiment=1.${encodeBase64url(bomb)}`;
    expect(f.length).toBeLessThan(MAX_FRAGMENT_CHARS);
    const started = performance.now();
    expect(errorOf(decodeExperimentFragment(f)).kind).toBe('too-large');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('that are not JSON, or not an object', () => {
    expect(errorOf(decodeExperimentFragment(packFragment('{"version": 2,'))).kind).toBe('not-json');
    expect(errorOf(decodeExperimentFragment(packFragment('"spec"'))).kind).toBe('invalid-spec');
  });

  it('from a newer spec version', () => {
    const e = errorOf(decodeExperimentFragment(packFragment(json({ ...lenet(), version: 99 }))));
    expect(e.kind).toBe('newer-version');
    expect(e.message).toContain('spec version 99');
  });

  it('with 10,000 nodes', () => {
    const spec = lenet();
    const nodes = Array.from({ length: 10_000 }, (_, i) => ({
      id: `n${i}`,
      op: 'relu',
      params: {},
    }));
    const e = errorOf(
      decodeExperimentFragment(packFragment(json({ ...spec, model: { nodes, edges: [] } }))),
    );
    expect(e.kind).toBe('invalid-model');
    expect(e.message).toContain('10,000 nodes');
  });

  it('with a layer of 10⁹ units', () => {
    const spec = lenet();
    spec.model.nodes = spec.model.nodes.map((n) =>
      n.op === 'dense' ? { ...n, params: { ...n.params, units: 1e9 } } : n,
    );
    const e = errorOf(decodeExperimentFragment(encodeExperimentFragment(spec)));
    expect(e.kind).toBe('invalid-spec');
    expect(e.details[0]).toMatch(/^model\.nodes\.8\.params\.units/);
  });

  it('whose sizes multiply to a model too large to build', () => {
    const spec = lenet();
    spec.model.nodes = spec.model.nodes.map((n) =>
      n.op === 'dense' ? { ...n, params: { ...n.params, units: 65_536 } } : n,
    );
    const e = errorOf(decodeExperimentFragment(encodeExperimentFragment(spec)));
    expect(e.kind).toBe('invalid-model');
    expect(e.message).toMatch(/too large/);
  });

  it('with a cycle, a dangling edge or a repeated id', () => {
    const cycle = lenet();
    cycle.model.edges.push({ from: 'relu6', to: 'f5' });
    expect(
      errorOf(decodeExperimentFragment(encodeExperimentFragment(cycle))).details.join(),
    ).toMatch(/cycle/);
    const dangling = lenet();
    dangling.model.edges.push({ from: 'ghost', to: 'f5' });
    expect(errorOf(decodeExperimentFragment(encodeExperimentFragment(dangling))).kind).toBe(
      'invalid-model',
    );
    const repeated = lenet();
    repeated.model.nodes[2] = { ...repeated.model.nodes[2], id: 'c1' };
    expect(errorOf(decodeExperimentFragment(encodeExperimentFragment(repeated))).kind).toBe(
      'invalid-model',
    );
  });

  it('with NaN, infinite or negative sizes', () => {
    const text = json(lenet());
    for (const bad of ['NaN', '1e999', '-6', '0', '2.5']) {
      const e = errorOf(
        decodeExperimentFragment(packFragment(text.replace('"filters":6', `"filters":${bad}`))),
      );
      expect(e.kind).toMatch(/not-json|invalid-spec/);
    }
  });

  it('with markup in an id; markup in a name is kept as plain text', () => {
    const hostileId = lenet();
    hostileId.model.nodes[1] = { ...hostileId.model.nodes[1], id: '<img src=x onerror=alert(1)>' };
    expect(errorOf(decodeExperimentFragment(encodeExperimentFragment(hostileId))).kind).toBe(
      'invalid-spec',
    );
    const named = { ...lenet(), name: '<script>alert(1)</script>' };
    const r = decodeExperimentFragment(encodeExperimentFragment(named));
    expect(r?.ok && r.spec.name).toBe('<script>alert(1)</script>');
  });

  it('with prototype-polluting keys, anywhere', () => {
    const text = json(lenet());
    for (const polluted of [
      `{"__proto__":{"polluted":1},${text.slice(1)}`,
      text.replace('"params":{"filters":6', '"params":{"__proto__":{"polluted":1},"filters":6'),
      text.replace('"train":{', '"train":{"constructor":{"prototype":{"polluted":1}},'),
    ]) {
      const e = errorOf(decodeExperimentFragment(packFragment(polluted)));
      expect(e.kind).toBe('forbidden-key');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('nested absurdly deep', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const e = errorOf(decodeExperimentFragment(packFragment(`{"version":2,"name":${deep}}`)));
    expect(e.kind).toBe('invalid-spec');
  });
});
