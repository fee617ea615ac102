// The latest one-batch trace, for readers outside its panel (a lesson's checks): which
// experiment it was traced on, and whether that model has a value read by two or more modules.
import type { ExperimentSpec } from '../../engine/spec/schema';

export interface TraceLive {
  spec: ExperimentSpec;
  fanOut: boolean;
}

let current: TraceLive | null = null;
const listeners = new Set<() => void>();

export function publishTrace(trace: TraceLive): void {
  current = trace;
  for (const l of listeners) l();
}

export function subscribeTraceLive(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const getTraceLive = (): TraceLive | null => current;
