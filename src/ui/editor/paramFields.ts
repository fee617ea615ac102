// The inspector's form, read from an op's zod parameter schema: one field per parameter with
// its kind, and the parsing of what a person types into it. Numeric rules (integer, bounds,
// default) and their wording come from the shared schema reader (../train/schemaField.ts), so
// nothing here restates a parameter: a change to opParamSchemas changes the form.
import { z } from 'zod';
import { opParamSchemas, type OpName } from '../../engine/spec/ops';
import {
  describeRule,
  enumOptions,
  numberRule,
  parseNumberField,
  type NumberRule,
} from '../train/schemaField';

interface FieldBase {
  key: string;
  /** May be left empty (the module then picks, e.g. a pool's stride = its size). */
  optional: boolean;
  /** The schema's default, shown as the empty field's placeholder. */
  defaultValue?: unknown;
}

export type ParamField =
  | (FieldBase & { kind: 'number'; schema: z.ZodType; rule: NumberRule })
  | (FieldBase & { kind: 'boolean' })
  | (FieldBase & { kind: 'enum'; options: string[] })
  | (FieldBase & {
      kind: 'intList';
      minLength: number;
      maxLength: number;
      /** The schema of each element. */
      element: z.ZodType;
    });

function lengthLimits(schema: z.ZodType): { minLength: number; maxLength: number } {
  const json = z.toJSONSchema(schema) as { minItems?: number; maxItems?: number };
  return { minLength: json.minItems ?? 0, maxLength: json.maxItems ?? 16 };
}

function describeField(key: string, outer: z.ZodType): ParamField {
  let schema = outer;
  let optional = false;
  let defaultValue: unknown;
  // Peel .default() and .optional() to reach the value's own type.
  for (;;) {
    if (schema instanceof z.ZodDefault) {
      defaultValue = schema.def.defaultValue;
      schema = schema.def.innerType as z.ZodType;
    } else if (schema instanceof z.ZodOptional) {
      optional = true;
      schema = schema.def.innerType as z.ZodType;
    } else break;
  }
  const base = { key, optional, defaultValue };
  if (schema instanceof z.ZodNumber)
    return { ...base, kind: 'number', schema, rule: numberRule(schema) };
  if (schema instanceof z.ZodBoolean) return { ...base, kind: 'boolean' };
  if (schema instanceof z.ZodEnum)
    return { ...base, kind: 'enum', options: enumOptions(schema as z.ZodType<string>) };
  if (schema instanceof z.ZodArray && schema.element instanceof z.ZodNumber)
    return { ...base, kind: 'intList', element: schema.element, ...lengthLimits(schema) };
  throw new Error(`the editor has no form field for parameter "${key}"`);
}

const cache = new Map<OpName, ParamField[]>();

/** The form fields of an op, in schema order. */
export function paramFields(op: OpName): ParamField[] {
  let fields = cache.get(op);
  if (!fields) {
    const shape = opParamSchemas[op].shape as Record<string, z.ZodType>;
    fields = Object.entries(shape).map(([key, schema]) => describeField(key, schema));
    cache.set(op, fields);
  }
  return fields;
}

// ---- what a person types -----------------------------------------------------------------

export type FieldInput = { ok: true; value: unknown } | { ok: false; message: string };

function countWords(field: { minLength: number; maxLength: number }): string {
  return field.minLength === field.maxLength
    ? `${field.minLength}`
    : `${field.minLength} to ${field.maxLength}`;
}

/** What the field accepts, in words: "a whole number above 0", "1 to 4 values, each ...". */
export function describeRange(field: ParamField): string {
  if (field.kind === 'number') return describeRule(field.rule);
  if (field.kind === 'intList')
    return `${countWords(field)} values, each ${describeRule(numberRule(field.element))}`;
  return '';
}

/** Parses the text of a number or list field; booleans and enums pass their value through. */
export function parseFieldInput(field: ParamField, text: string): FieldInput {
  const trimmed = text.trim();
  if (field.kind === 'number') {
    if (trimmed === '' && field.optional) return { ok: true, value: undefined };
    if (trimmed === '' && field.defaultValue !== undefined)
      return { ok: true, value: field.defaultValue };
    return parseNumberField(trimmed, field.schema);
  }
  if (field.kind === 'intList') {
    const parts = trimmed === '' ? [] : trimmed.split(/[\s,×x]+/).filter(Boolean);
    if (parts.length < field.minLength || parts.length > field.maxLength)
      return { ok: false, message: `Enter ${describeRange(field)}, separated by commas.` };
    const values: number[] = [];
    for (const part of parts) {
      const parsed = parseNumberField(part, field.element);
      if (!parsed.ok || parsed.value === null)
        return { ok: false, message: `Enter ${describeRange(field)}, separated by commas.` };
      values.push(parsed.value);
    }
    return { ok: true, value: values };
  }
  return { ok: true, value: text };
}

/** How a parameter's current value is written into its text field. */
export function fieldText(field: ParamField, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (field.kind === 'intList' && Array.isArray(value)) return value.join(', ');
  return String(value);
}
