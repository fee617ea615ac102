// What differs between runs' settings: each spec flattened into named settings (a node's
// parameters under its id, the data, the training recipe), and the rows where the runs do not
// all agree. Layout and chart view are left out: they do not change what a run computes.
import type { ExperimentSpec } from '../../engine/spec/schema';

function flatten(value: unknown, path: string, out: Map<string, string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
    return;
  }
  out.set(path, Array.isArray(value) ? `[${value.join(', ')}]` : String(value));
}

/** Setting name → value in words, for one spec. */
export function settingsOf(spec: ExperimentSpec): Map<string, string> {
  const out = new Map<string, string>();
  for (const node of spec.model.nodes) {
    out.set(`model ${node.id}`, node.op);
    flatten(node.params, `model ${node.id}`, out);
  }
  const inputs = new Map<string, string[]>();
  for (const e of spec.model.edges) inputs.set(e.to, [...(inputs.get(e.to) ?? []), e.from]);
  for (const [to, from] of inputs) out.set(`model ${to} inputs`, from.join(', '));
  flatten(spec.data, 'data', out);
  flatten(spec.train, 'train', out);
  return out;
}

export interface DiffRow {
  setting: string;
  /** One value per run, '—' where a run has no such setting. */
  values: string[];
}

export function settingsDiff(specs: ExperimentSpec[]): DiffRow[] {
  const all = specs.map(settingsOf);
  const names = new Set(all.flatMap((m) => [...m.keys()]));
  const rows: DiffRow[] = [];
  for (const setting of names) {
    const values = all.map((m) => m.get(setting) ?? '—');
    if (values.some((v) => v !== values[0])) rows.push({ setting, values });
  }
  return rows;
}
