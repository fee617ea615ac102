// Tests' small models: a chain of nodes (each feeding the next) on a toy set, parsed as any
// spec is, and a CPU trainer of it. One place for the boilerplate every analysis test needs.
import { CpuBackend } from '../backend/cpu/cpuBackend';
import { makeToyDataset } from '../data/toy2d';
import { parseExperimentSpec } from '../spec/parse';
import type { ExperimentSpec } from '../spec/schema';
import type { EngineEvent } from '../train/events';
import { Trainer } from '../train/trainer';

export interface ChainNode {
  id: string;
  op: string;
  params: Record<string, unknown>;
}

/** The spec of `nodes` wired in order, with the given data and training sections. */
export function chainSpec(nodes: readonly ChainNode[], rest: { data: unknown; train: unknown }) {
  const r = parseExperimentSpec({
    version: 1,
    model: { nodes, edges: nodes.slice(1).map((n, i) => ({ from: nodes[i].id, to: n.id })) },
    ...rest,
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.spec;
}

/** A CPU trainer of a toy-set spec, its data drawn from the spec's own seed. */
export function toyTrainer(
  spec: ExperimentSpec,
  onEvent: (e: EngineEvent) => void = () => {},
): Promise<Trainer> {
  if (spec.data.dataset !== 'toy') throw new Error('toyTrainer needs a toy data set');
  return Trainer.create(
    spec,
    new CpuBackend(),
    makeToyDataset(spec.data, spec.train.seed),
    onEvent,
  );
}
