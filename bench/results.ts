// bench/results.json: the latest record of every suite, model, engine, backend and environment,
// so Node and browser runs, throughput and epoch runs, together fill it.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { benchModels, type BenchRecord } from './record';

export const RESULTS = path.resolve('bench/results.json');

const environmentOf = (r: BenchRecord): string => r.environment ?? 'node';

// Epoch runs are kept per seed: one seed's accuracy says little about the recipe.
const key = (r: BenchRecord): string =>
  `${r.suite}/${r.model}/${r.engine}/${r.backend}/${environmentOf(r)}` +
  (r.suite === 'epoch' ? `/seed${r.seed ?? 1}` : '');

async function previousRecords(): Promise<BenchRecord[]> {
  try {
    const records = JSON.parse(await readFile(RESULTS, 'utf8')) as BenchRecord[];
    // Records from before the browser bench ran in Node.
    return records.map((r) => ({ ...r, environment: r.environment ?? 'node' }));
  } catch {
    return [];
  }
}

const suites = [
  'throughput',
  'epoch',
  'matmul',
  'ui',
  'landscapeSlice',
  'hessianVector',
  'words',
  'tsne',
];
const models: string[] = [...benchModels, 'matmul1024', 'cifarVgg', 'sotu'];
const backends = ['webgpu', 'cpu', 'webgl', 'wasm'];

function rank(r: BenchRecord): number[] {
  return [
    environmentOf(r) === 'node' ? 0 : 1,
    suites.indexOf(r.suite),
    models.indexOf(r.model),
    r.engine === 'layercake' ? 0 : 1,
    backends.indexOf(r.backend),
  ];
}

function compare(a: BenchRecord, b: BenchRecord): number {
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
  return a.backend.localeCompare(b.backend) || (a.seed ?? 1) - (b.seed ?? 1);
}

/** Merges `records` into bench/results.json, replacing older records with the same key. */
export async function mergeResults(records: readonly BenchRecord[]): Promise<number> {
  const fresh = new Set(records.map(key));
  const merged = [...(await previousRecords()).filter((r) => !fresh.has(key(r))), ...records];
  merged.sort(compare);
  await writeFile(RESULTS, JSON.stringify(merged, null, 2) + '\n');
  return merged.length;
}

/** What a record is compared on: samples per second, or GFLOP/s for the matmul suite. */
function speed(r: BenchRecord): number | null {
  return r.suite === 'matmul' ? (r.gflops ?? null) : r.samplesPerSec;
}

/**
 * Fills the ratio fields of every record against the tfjs records of the same suite, model and
 * environment in `records` (one run): tfjs-cpu, tfjs-webgl, and the fastest tfjs backend.
 */
export function addRatios(records: BenchRecord[]): void {
  for (const r of records) {
    const peers = records.filter(
      (b) =>
        b.engine === 'tfjs' &&
        b.suite === r.suite &&
        b.model === r.model &&
        environmentOf(b) === environmentOf(r),
    );
    const own = speed(r);
    const against = (backend: string): number | null => {
      const base = peers.find((b) => b.backend === backend);
      const s = base ? speed(base) : null;
      return own !== null && s ? own / s : null;
    };
    r.ratioVsTfjsCpu = against('cpu');
    if (environmentOf(r) === 'browser') r.ratioVsTfjsWebgl = against('webgl');
    let best: BenchRecord | null = null;
    for (const b of peers) {
      const s = speed(b);
      if (s !== null && (best === null || s > (speed(best) ?? 0))) best = b;
    }
    const bestSpeed = best ? speed(best) : null;
    r.ratioVsTfjsBest = own !== null && bestSpeed ? own / bestSpeed : null;
    r.bestTfjs = best?.backend ?? null;
  }
}
