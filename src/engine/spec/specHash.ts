// A short fingerprint of what a run computes: the model without its layout, the data and the
// training recipe. Two runs with the same hash trained the same experiment, however the graph
// was arranged on the canvas or the charts were set. FNV-1a, 64 bits, over canonical JSON
// (keys sorted), so it is the same in every browser and in Node.
import type { ExperimentSpec } from './schema';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = (1n << 64n) - 1n;

function fnv1a64(text: string): string {
  let h = FNV_OFFSET;
  const bytes = new TextEncoder().encode(text);
  for (const b of bytes) h = ((h ^ BigInt(b)) * FNV_PRIME) & MASK;
  return h.toString(16).padStart(16, '0');
}

/** The run-relevant part of a spec, in canonical form. */
export function runDefinition(spec: ExperimentSpec): string {
  return canonical({
    model: {
      nodes: spec.model.nodes.map(({ id, op, params }) => ({ id, op, params })),
      edges: spec.model.edges,
    },
    data: spec.data,
    train: spec.train,
  });
}

export function specHash(spec: ExperimentSpec): string {
  return fnv1a64(runDefinition(spec));
}
