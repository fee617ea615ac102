import { describe, expect, it } from 'vitest';
import { opNames } from '../../engine/spec/ops';
import { opHelp, opsByGroup } from './opHelp';
import { paramFields } from './paramFields';

describe('op help', () => {
  it('the palette lists every op exactly once', () => {
    const listed = opsByGroup().flatMap((g) => g.ops);
    expect([...listed].sort()).toEqual([...opNames].sort());
  });

  it('every op has a formula and one sentence on when to use it', () => {
    for (const op of opNames) {
      expect(opHelp[op].formula.length).toBeGreaterThan(4);
      expect(opHelp[op].whenToUse).toMatch(/^[A-Z].+\.$/);
    }
  });

  it('describes only parameters the schema has, and every parameter it has', () => {
    for (const op of opNames) {
      const keys = paramFields(op).map((f) => f.key);
      expect(Object.keys(opHelp[op].params ?? {}).sort()).toEqual([...keys].sort());
    }
  });
});
