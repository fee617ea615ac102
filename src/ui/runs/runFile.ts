// Runs as a JSON file, to keep or to send: exported as they are recorded, imported with every
// record checked as strictly as a link (its spec included), so a file from elsewhere can add
// runs to the history and nothing else.
import { checkUntrustedJson } from '../../engine/spec/untrustedJson';
import { parseRunRecord, type RunRecord } from '../store/runRecord';

export const RUN_FILE_FORMAT = 'layercake-runs';
/** Larger files are refused before they are read: 200 full runs are about 10 MB. */
export const MAX_RUN_FILE_BYTES = 32 * 1024 * 1024;

export function runsFileText(runs: RunRecord[]): string {
  return JSON.stringify(
    { format: RUN_FILE_FORMAT, version: 1, exportedAt: new Date().toISOString(), runs },
    null,
    1,
  );
}

export type RunsFileResult =
  { ok: true; runs: RunRecord[]; skipped: string[] } | { ok: false; message: string };

export function readRunsFile(text: string): RunsFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'This file is not JSON, so it holds no runs.' };
  }
  const problem = checkUntrustedJson(json, { maxDepth: 24, maxValues: 4_000_000 });
  if (problem !== null)
    return {
      ok: false,
      message:
        problem.kind === 'forbidden-key'
          ? `This file was refused: it contains the key "${problem.key}" (at ${problem.path}), which no runs file has.`
          : 'This file is far larger or deeper than a runs file.',
    };
  const doc = json as { format?: unknown; version?: unknown; runs?: unknown };
  if (
    doc === null ||
    typeof doc !== 'object' ||
    doc.format !== RUN_FILE_FORMAT ||
    !Array.isArray(doc.runs)
  )
    return {
      ok: false,
      message: 'This is not a LayerCake runs file (exported from the runs panel).',
    };
  if (doc.version !== 1)
    return {
      ok: false,
      message: `This runs file is of version ${String(doc.version)}; this LayerCake reads version 1.`,
    };
  const runs: RunRecord[] = [];
  const skipped: string[] = [];
  doc.runs.forEach((item, i) => {
    const r = parseRunRecord(item);
    if (r.ok) runs.push(r.run);
    else skipped.push(`run ${i + 1}: ${r.message}`);
  });
  return { ok: true, runs, skipped };
}
