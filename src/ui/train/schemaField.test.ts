import { describe, expect, it } from 'vitest';
import { optimizerSpecSchema, trainSpecSchema, viewSpecSchema } from '../../engine/spec/schema';
import { describeRule, enumOptions, numberRule, parseNumberField } from './schemaField';

const { batchSize, clipNorm, seed } = trainSpecSchema.shape;
const { lr, momentum, eps } = optimizerSpecSchema.shape;

describe('numberRule', () => {
  it('reads bounds, integer-ness and defaults from the schema', () => {
    expect(numberRule(batchSize)).toMatchObject({ integer: true, min: 1, max: 4096 });
    expect(numberRule(momentum)).toMatchObject({
      integer: false,
      min: 0,
      max: 1,
      minExclusive: false,
      maxExclusive: true,
      default: 0,
      nullable: false,
    });
    expect(numberRule(clipNorm)).toMatchObject({
      min: 0,
      minExclusive: true,
      max: null,
      nullable: true,
      default: null,
    });
  });

  it('says the rule in words', () => {
    expect(describeRule(numberRule(batchSize))).toBe('a whole number from 1 to 4096');
    expect(describeRule(numberRule(lr))).toBe('a number above 0 and at most 10');
    expect(describeRule(numberRule(momentum))).toBe('a number at least 0 and below 1');
    expect(describeRule(numberRule(eps))).toBe('a number above 0');
    expect(describeRule(numberRule(seed))).toBe('a whole number from 0 to 4294967295');
  });
});

describe('parseNumberField', () => {
  it('accepts what the schema accepts, exponents included', () => {
    expect(parseNumberField(' 0.003 ', lr)).toEqual({ ok: true, value: 0.003 });
    expect(parseNumberField('1e-8', eps)).toEqual({ ok: true, value: 1e-8 });
  });

  it('refuses with a message that says what would do', () => {
    expect(parseNumberField('1.5', batchSize)).toEqual({
      ok: false,
      message: 'Enter a whole number from 1 to 4096.',
    });
    expect(parseNumberField('1', momentum)).toEqual({
      ok: false,
      message: 'Enter a number at least 0 and below 1.',
    });
    expect(parseNumberField('fast', lr)).toEqual({
      ok: false,
      message: '"fast" is not a number: enter a number above 0 and at most 10.',
    });
    expect(parseNumberField('', lr)).toMatchObject({ ok: false });
  });

  it('an empty nullable field is null ("off")', () => {
    expect(parseNumberField('', clipNorm)).toEqual({ ok: true, value: null });
  });
});

describe('enumOptions', () => {
  it('lists the choices in the schema order', () => {
    expect(enumOptions(optimizerSpecSchema.shape.kind)).toEqual([
      'sgd',
      'adam',
      'rmsprop',
      'adagrad',
    ]);
    expect(enumOptions(viewSpecSchema.unwrap().shape.xAxis)).toEqual(['step', 'epoch']);
  });
});
