import { describe, expect, it } from 'vitest';
import { opNames } from '../../engine/spec/ops';
import {
  describeRange,
  fieldText,
  paramFields,
  parseFieldInput,
  type ParamField,
} from './paramFields';

const field = (op: Parameters<typeof paramFields>[0], key: string): ParamField =>
  paramFields(op).find((f) => f.key === key)!;

describe('paramFields', () => {
  it('has a form field for every parameter of every op', () => {
    for (const op of opNames) expect(() => paramFields(op)).not.toThrow();
  });

  it('reads kinds, bounds and defaults from the schema', () => {
    expect(paramFields('dense').map((f) => [f.key, f.kind])).toEqual([
      ['units', 'number'],
      ['bias', 'boolean'],
      ['init', 'enum'],
    ]);
    const units = field('dense', 'units');
    if (units.kind !== 'number') throw new Error('units is a number');
    expect(units.rule).toMatchObject({ integer: true, min: 0, minExclusive: true });
    expect(field('dense', 'init')).toMatchObject({
      options: ['he', 'glorot', 'fanInUniform'],
      defaultValue: 'he',
    });
    expect(field('maxpool2d', 'stride')).toMatchObject({ kind: 'number', optional: true });
    expect(field('input', 'shape')).toMatchObject({ kind: 'intList', minLength: 1, maxLength: 4 });
    expect(field('dropout', 'rate')).toMatchObject({ defaultValue: 0.5 });
  });

  it('says the allowed range in words', () => {
    expect(describeRange(field('dense', 'units'))).toBe('a whole number above 0 and at most 65536');
    expect(describeRange(field('dropout', 'rate'))).toBe('a number at least 0 and below 1');
    expect(describeRange(field('input', 'shape'))).toBe(
      '1 to 4 values, each a whole number above 0 and at most 16384',
    );
  });
});

describe('parseFieldInput', () => {
  it('accepts valid numbers and explains invalid ones', () => {
    expect(parseFieldInput(field('dense', 'units'), ' 32 ')).toEqual({ ok: true, value: 32 });
    expect(parseFieldInput(field('dense', 'units'), '0')).toMatchObject({ ok: false });
    expect(parseFieldInput(field('dense', 'units'), '2.5')).toMatchObject({ ok: false });
    expect(parseFieldInput(field('dense', 'units'), 'abc')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not a number/),
    });
    expect(parseFieldInput(field('dropout', 'rate'), '1')).toMatchObject({ ok: false });
    expect(parseFieldInput(field('dropout', 'rate'), '0.25')).toEqual({ ok: true, value: 0.25 });
  });

  it('an empty optional field means "use the default"; an empty defaulted field takes the default', () => {
    expect(parseFieldInput(field('maxpool2d', 'stride'), '')).toEqual({
      ok: true,
      value: undefined,
    });
    expect(parseFieldInput(field('dropout', 'rate'), '')).toEqual({ ok: true, value: 0.5 });
    expect(parseFieldInput(field('dense', 'units'), '')).toMatchObject({ ok: false });
  });

  it('reads a shape as whole numbers separated by commas, spaces or ×', () => {
    const shape = field('input', 'shape');
    expect(parseFieldInput(shape, '1, 28, 28')).toEqual({ ok: true, value: [1, 28, 28] });
    expect(parseFieldInput(shape, '3×32×32')).toEqual({ ok: true, value: [3, 32, 32] });
    expect(parseFieldInput(shape, '1, 0')).toMatchObject({ ok: false });
    expect(parseFieldInput(shape, '1 2 3 4 5')).toMatchObject({ ok: false });
    expect(fieldText(shape, [1, 28, 28])).toBe('1, 28, 28');
  });
});
