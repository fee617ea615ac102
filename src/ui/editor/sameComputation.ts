// Whether two models compute the same thing: the same nodes, parameters and edges, wherever the
// nodes are drawn. Moving a node (or auto-layout) changes the spec but not the run, so a run
// need not start over for it.
import type { ModelSpec } from '../../engine/spec/schema';

const signatures = new WeakMap<ModelSpec, string>();

function signature(model: ModelSpec): string {
  let text = signatures.get(model);
  if (text === undefined) {
    text = JSON.stringify([
      model.nodes.map((n) => [n.id, n.op, n.params]),
      model.edges.map((e) => [e.from, e.to, e.port ?? null]),
    ]);
    signatures.set(model, text);
  }
  return text;
}

export function sameComputation(a: ModelSpec, b: ModelSpec): boolean {
  return a === b || signature(a) === signature(b);
}
