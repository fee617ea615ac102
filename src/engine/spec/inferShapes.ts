// Shape inference over the model graph: each node's output shape, parameter count and FLOPs,
// or precise problems tied to node ids. The editor shows these live; compile() refuses a
// model that has any error.
import type { ModelSpec, NodeSpec } from './schema';
import { isLossOp, opArity, type OpName, type OpParams } from './ops';
import type { Shape, ShapeInfo, ModuleDef } from '../modules/module';
import { shapeSize } from '../modules/module';
import { moduleDefs } from '../modules/registry';

export interface Problem {
  severity: 'error' | 'warning';
  /** The node it is about; undefined for whole-model problems (no loss, a cycle...). */
  nodeId?: string;
  message: string;
  /**
   * 'graph': the edges do not make a DAG of known, distinct nodes (no editor action makes
   * one); 'size': a limit below is exceeded. A shared link with either is refused outright,
   * while an unfinished model (a shape mismatch, no loss yet) still opens.
   */
  cause?: 'graph' | 'size';
}

export interface NodeInfo extends ShapeInfo {
  id: string;
  op: OpName;
  /** Ids of the nodes feeding this one, in input order. */
  inputs: string[];
}

export interface ShapeReport {
  ok: boolean;
  problems: Problem[];
  /** Nodes whose shapes are known, by id. */
  nodes: Map<string, NodeInfo>;
  /** Topological order of every node (empty when there is a cycle). */
  order: string[];
  lossId: string | null;
  inputId: string | null;
  totalParams: number;
  /** Forward FLOPs per sample, summed over nodes. */
  totalFlops: number;
}

/** Limits that keep a hostile or mistaken model from asking for absurd memory. */
export const SIZE_LIMITS = {
  maxValuesPerSample: 16_777_216,
  maxParamsPerNode: 100_000_000,
  maxTotalParams: 200_000_000,
} as const;

export function nodeLabel(node: { op: string; id: string }): string {
  return `${node.op}#${node.id}`;
}

function inferNode<K extends OpName>(
  def: ModuleDef<K>,
  params: OpParams<K>,
  inputs: Shape[],
): ShapeInfo | string {
  return def.infer(params, inputs);
}

export function inferShapes(model: ModelSpec): ShapeReport {
  const problems: Problem[] = [];
  const error = (message: string, nodeId?: string, cause?: Problem['cause']): void => {
    problems.push(
      cause
        ? { severity: 'error', nodeId, message, cause }
        : { severity: 'error', nodeId, message },
    );
  };
  const byId = new Map<string, NodeSpec>();
  for (const node of model.nodes) {
    if (byId.has(node.id))
      error(`${nodeLabel(node)}: another node already has the id "${node.id}"`, node.id, 'graph');
    else byId.set(node.id, node);
  }

  // Inputs of each node, ordered by port (then by edge order), and consumers of each node.
  const incoming = new Map<string, { from: string; port: number; order: number }[]>();
  const outgoing = new Map<string, string[]>();
  for (const id of byId.keys()) {
    incoming.set(id, []);
    outgoing.set(id, []);
  }
  model.edges.forEach((edge, order) => {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (!from || !to) {
      const missing = !from ? edge.from : edge.to;
      error(
        `an edge ${edge.from} → ${edge.to} refers to "${missing}", which is not a node`,
        to?.id ?? from?.id,
        'graph',
      );
      return;
    }
    if (edge.from === edge.to) {
      error(`${nodeLabel(to)}: is connected to itself`, to.id, 'graph');
      return;
    }
    incoming.get(to.id)!.push({ from: from.id, port: edge.port ?? Number.MAX_SAFE_INTEGER, order });
    outgoing.get(from.id)!.push(to.id);
  });
  for (const list of incoming.values()) list.sort((a, b) => a.port - b.port || a.order - b.order);

  // Topological order (Kahn); whatever remains is on a cycle.
  const indegree = new Map<string, number>();
  for (const [id, list] of incoming) indegree.set(id, list.length);
  const queue = [...byId.keys()].filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  while (queue.length > 0) {
    const id = queue.shift()!;
    order.push(id);
    for (const next of outgoing.get(id)!) {
      indegree.set(next, indegree.get(next)! - 1);
      if (indegree.get(next) === 0) queue.push(next);
    }
  }
  if (order.length < byId.size) {
    const onCycle = [...byId.keys()].filter((id) => !order.includes(id));
    for (const id of onCycle)
      error(`${nodeLabel(byId.get(id)!)}: is part of a cycle; a model must be a DAG`, id, 'graph');
  }

  // Exactly one input and one loss, and the loss ends the graph.
  const inputNodes = model.nodes.filter((n) => n.op === 'input');
  const lossNodes = model.nodes.filter((n) => isLossOp(n.op));
  if (inputNodes.length === 0) error('The model has no input node.');
  if (inputNodes.length > 1)
    for (const n of inputNodes.slice(1)) error(`${nodeLabel(n)}: a model has one input node`, n.id);
  if (lossNodes.length === 0) error('The model has no loss node, so it cannot be trained.');
  if (lossNodes.length > 1)
    for (const n of lossNodes.slice(1)) error(`${nodeLabel(n)}: a model has one loss node`, n.id);
  for (const n of lossNodes) {
    if (outgoing.get(n.id)!.length > 0)
      error(`${nodeLabel(n)}: a loss must be the last node; nothing can follow it`, n.id);
  }

  // Shapes, in topological order.
  const nodes = new Map<string, NodeInfo>();
  let totalParams = 0;
  let totalFlops = 0;
  for (const id of order) {
    const node = byId.get(id)!;
    const inputs = incoming.get(id)!.map((e) => e.from);
    const arity = opArity(node.op);
    if (inputs.length < arity.min) {
      error(
        arity.min === 1
          ? `${nodeLabel(node)}: has no input; connect something to it`
          : `${nodeLabel(node)}: needs at least ${arity.min} inputs, has ${inputs.length}`,
        id,
      );
      continue;
    }
    if (inputs.length > arity.max) {
      error(
        arity.max === 0
          ? `${nodeLabel(node)}: an input node takes no inputs`
          : `${nodeLabel(node)}: takes ${arity.max === 1 ? 'one input' : `at most ${arity.max} inputs`}, has ${inputs.length}`,
        id,
      );
      continue;
    }
    const inputShapes: Shape[] = [];
    for (const from of inputs) {
      const info = nodes.get(from);
      if (info) inputShapes.push(info.shape);
    }
    if (inputShapes.length < inputs.length) continue; // an upstream node already has an error
    const def = moduleDefs[node.op] as ModuleDef<OpName>;
    const result = inferNode(def, node.params, inputShapes);
    if (typeof result === 'string') {
      error(`${nodeLabel(node)}: ${result}`, id);
      continue;
    }
    const size = shapeSize(result.shape);
    if (!Number.isFinite(size) || size > SIZE_LIMITS.maxValuesPerSample) {
      error(
        `${nodeLabel(node)}: its output [${result.shape.join('×')}] has ${size.toExponential(2)} values per sample; the limit is ${SIZE_LIMITS.maxValuesPerSample.toExponential(2)}`,
        id,
        'size',
      );
      continue;
    }
    if (result.paramCount > SIZE_LIMITS.maxParamsPerNode) {
      error(
        `${nodeLabel(node)}: has ${result.paramCount.toExponential(2)} parameters; the limit is ${SIZE_LIMITS.maxParamsPerNode.toExponential(2)} per node`,
        id,
        'size',
      );
      continue;
    }
    totalParams += result.paramCount;
    totalFlops += result.flops;
    nodes.set(id, { ...result, id, op: node.op, inputs });
  }
  // A reconstruction loss compares the prediction with the input itself, value for value.
  const lossNode = lossNodes[0];
  if (lossNode?.op === 'meanSquaredError' && lossNode.params.target === 'input') {
    const prediction = nodes.get(lossNode.id) && nodes.get(nodes.get(lossNode.id)!.inputs[0]);
    const input = inputNodes[0] && nodes.get(inputNodes[0].id);
    if (prediction && input && shapeSize(prediction.shape) !== shapeSize(input.shape)) {
      error(
        `${nodeLabel(lossNode)}: reconstructs the input (${shapeSize(input.shape)} values) but receives ${shapeSize(prediction.shape)} values`,
        lossNode.id,
      );
    }
  }
  if (totalParams > SIZE_LIMITS.maxTotalParams) {
    error(
      `The model has ${totalParams.toExponential(2)} parameters; the limit is ${SIZE_LIMITS.maxTotalParams.toExponential(2)}.`,
      undefined,
      'size',
    );
  }

  // Nodes that do not lead to the loss are not trained: say so, but do not refuse the model.
  const lossId = lossNodes[0]?.id ?? null;
  if (lossId && order.length === byId.size) {
    const reaches = new Set<string>([lossId]);
    for (let i = order.length - 1; i >= 0; i--) {
      const id = order[i];
      if (outgoing.get(id)!.some((next) => reaches.has(next))) reaches.add(id);
    }
    const inputId = inputNodes[0]?.id;
    if (inputId && !reaches.has(inputId)) error('The input is not connected to the loss.');
    // A side branch off a connected model is worth a warning on each of its nodes; a model cut
    // in two already has the error above, and a warning on every node would bury it.
    else {
      for (const node of model.nodes) {
        if (!reaches.has(node.id)) {
          problems.push({
            severity: 'warning',
            nodeId: node.id,
            message: `${nodeLabel(node)}: does not lead to the loss, so it is not trained`,
          });
        }
      }
    }
  }

  return {
    ok: !problems.some((p) => p.severity === 'error'),
    problems,
    nodes,
    order: order.length === byId.size ? order : [],
    lossId,
    inputId: inputNodes[0]?.id ?? null,
    totalParams,
    totalFlops,
  };
}
