// The one way into the engine for an experiment that came from outside (a URL, a file, the
// store): migrate, then validate against the schema, then report every problem by its path.
import { type z } from 'zod';
import { migrateSpec } from './migrations';
import { experimentSpecSchema, type ExperimentSpec } from './schema';

export type ParseResult = { ok: true; spec: ExperimentSpec } | { ok: false; errors: string[] };

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

export function parseExperimentSpec(json: unknown): ParseResult {
  const migrated = migrateSpec(json);
  if (!migrated.ok) return { ok: false, errors: [migrated.error] };
  const result = experimentSpecSchema.safeParse(migrated.value);
  if (!result.success)
    return { ok: false, errors: result.error.issues.slice(0, 20).map(describeIssue) };
  // The schema's node union loses the op ↔ params link in its inferred type; the runtime
  // check above is per op, so the narrower static type is sound.
  return { ok: true, spec: result.data as ExperimentSpec };
}
