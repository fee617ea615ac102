// Specs from older versions are migrated step by step, never silently misread. Each entry
// turns a version-n document into a version-(n+1) one; a document from a newer LayerCake than
// this one is refused with a message saying so.
import { SPEC_VERSION } from './schema';

type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/** migrations[n] upgrades version n to n + 1. */
const migrations: Record<number, Migration> = {
  // Version 2 gave an experiment a description; a version-1 experiment has none.
  1: (old) => ({ ...old, description: '' }),
};

export type MigrationResult =
  { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

export function migrateSpec(json: unknown): MigrationResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, error: 'An experiment must be a JSON object.' };
  }
  let doc = json as Record<string, unknown>;
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, error: 'The experiment has no valid "version" number.' };
  }
  if (version > SPEC_VERSION) {
    return {
      ok: false,
      error: `This experiment was made by a newer LayerCake (spec version ${version}); this one reads versions up to ${SPEC_VERSION}.`,
    };
  }
  for (let v = version; v < SPEC_VERSION; v++) {
    const step = migrations[v];
    if (!step) return { ok: false, error: `No migration from spec version ${v} to ${v + 1}.` };
    doc = { ...step(doc), version: v + 1 };
  }
  return { ok: true, value: doc };
}
