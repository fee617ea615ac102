import { describe, expect, it } from 'vitest';
import { migrateSpec } from './migrations';
import { SPEC_VERSION } from './schema';

describe('migrateSpec', () => {
  it('brings a version-1 experiment to the current version, with an empty description', () => {
    const r = migrateSpec({ version: 1, name: 'old' });
    expect(r).toEqual({ ok: true, value: { version: SPEC_VERSION, name: 'old', description: '' } });
  });

  it('leaves a current document as it is', () => {
    const doc = { version: SPEC_VERSION, description: 'kept' };
    expect(migrateSpec(doc)).toEqual({ ok: true, value: doc });
  });

  it('refuses versions that do not exist', () => {
    for (const version of [0, -1, 1.5, '2', SPEC_VERSION + 1])
      expect(migrateSpec({ version }).ok).toBe(false);
  });
});
