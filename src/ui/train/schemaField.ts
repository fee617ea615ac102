// What a form field may hold, read from the spec's zod schema (its JSON Schema), so the forms
// never keep a second copy of a bound or a default: the schema is the one source of truth.
import { z } from 'zod';

/** The rule of one numeric field, as the schema states it. */
export interface NumberRule {
  integer: boolean;
  min: number | null;
  max: number | null;
  minExclusive: boolean;
  maxExclusive: boolean;
  /** The field may be empty (null: "off"). */
  nullable: boolean;
  default: number | null | undefined;
}

interface JsonNumber {
  type?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
  anyOf?: JsonNumber[];
  enum?: unknown[];
}

/** Bounds past this are the integer type's own limit, not worth saying. */
const NO_BOUND = Number.MAX_SAFE_INTEGER;

const rules = new WeakMap<z.ZodType, NumberRule>();

function jsonOf(schema: z.ZodType): JsonNumber {
  return z.toJSONSchema(schema, { io: 'input' }) as JsonNumber;
}

/** The numeric rule of `schema` (a number, possibly with a default and nullable). */
export function numberRule(schema: z.ZodType): NumberRule {
  const known = rules.get(schema);
  if (known) return known;
  const json = jsonOf(schema);
  const variants = json.anyOf ?? [json];
  const number = variants.find((v) => v.type === 'number' || v.type === 'integer');
  if (!number) throw new Error(`not a numeric schema: ${JSON.stringify(json)}`);
  const min = number.exclusiveMinimum ?? number.minimum ?? null;
  const max = number.exclusiveMaximum ?? number.maximum ?? null;
  const rule: NumberRule = {
    integer: number.type === 'integer',
    min: min !== null && Math.abs(min) < NO_BOUND ? min : null,
    max: max !== null && Math.abs(max) < NO_BOUND ? max : null,
    minExclusive: number.exclusiveMinimum !== undefined,
    maxExclusive: number.exclusiveMaximum !== undefined,
    nullable: variants.some((v) => v.type === 'null'),
    default: json.default as number | null | undefined,
  };
  rules.set(schema, rule);
  return rule;
}

/** The choices of an enum schema, in the schema's order. */
export function enumOptions<T extends string>(schema: z.ZodType<T>): T[] {
  const values = jsonOf(schema).enum;
  if (!values) throw new Error('not an enum schema');
  return values as T[];
}

/** The rule in words: "a whole number from 1 to 4096", "a number above 0 and below 1". */
export function describeRule(rule: NumberRule): string {
  const noun = rule.integer ? 'a whole number' : 'a number';
  const { min, max } = rule;
  if (min !== null && max !== null && !rule.minExclusive && !rule.maxExclusive)
    return `${noun} from ${min} to ${max}`;
  const bounds: string[] = [];
  if (min !== null) bounds.push(rule.minExclusive ? `above ${min}` : `at least ${min}`);
  if (max !== null) bounds.push(rule.maxExclusive ? `below ${max}` : `at most ${max}`);
  return bounds.length > 0 ? `${noun} ${bounds.join(' and ')}` : noun;
}

export type FieldParse = { ok: true; value: number | null } | { ok: false; message: string };

/** Reads what a person typed into a numeric field, checked by the field's own schema. */
export function parseNumberField(text: string, schema: z.ZodType): FieldParse {
  const rule = numberRule(schema);
  const trimmed = text.trim();
  if (trimmed === '') {
    return rule.nullable
      ? { ok: true, value: null }
      : { ok: false, message: `Enter ${describeRule(rule)}.` };
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value))
    return { ok: false, message: `"${trimmed}" is not a number: enter ${describeRule(rule)}.` };
  if (!schema.safeParse(value).success) {
    return { ok: false, message: `Enter ${describeRule(rule)}.` };
  }
  return { ok: true, value };
}

/** How a numeric value is written back into its field: short, and exact enough to round-trip. */
export function formatFieldValue(value: number | null): string {
  if (value === null) return '';
  return String(value);
}
