// Graph edits as pure functions of the model: add, remove, connect, disconnect, move, rename,
// set parameters. Each returns a new model (or the same one when nothing changes), or the
// reason it cannot be done in words a person can act on. The store applies them as undoable
// steps (editorActions.ts); the canvas only calls those.
import { opArity, opParamSchemas, isLossOp, type OpName } from '../../engine/spec/ops';
import {
  edgeSpecSchema,
  MAX_NODES,
  type DataSpec,
  type EdgeSpec,
  type ModelSpec,
  type NodeSpec,
} from '../../engine/spec/schema';
import { dataSignature } from '../../engine/data/fit';
import { nodeLabel } from '../../engine/spec/inferShapes';

export type EditResult<T = ModelSpec> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): EditResult<T> => ({ ok: true, value });
const refuse = <T>(reason: string): EditResult<T> => ({ ok: false, reason });

export interface Position {
  x: number;
  y: number;
}

/** Stable key of an edge in the editor (xyflow edge id); the port keeps two edges into one merge apart. */
export function edgeKey(edge: EdgeSpec): string {
  return edge.port === undefined
    ? `${edge.from}->${edge.to}`
    : `${edge.from}->${edge.to}#${edge.port}`;
}

export function isMergeOp(op: OpName): boolean {
  return opArity(op).max > 1;
}

/** The edges into a node in the order shape inference reads them: by port, then as listed. */
export function inputEdges(model: ModelSpec, id: string): EdgeSpec[] {
  return model.edges
    .map((edge, order) => ({ edge, order }))
    .filter(({ edge }) => edge.to === id)
    .sort(
      (a, b) =>
        (a.edge.port ?? Number.MAX_SAFE_INTEGER) - (b.edge.port ?? Number.MAX_SAFE_INTEGER) ||
        a.order - b.order,
    )
    .map(({ edge }) => edge);
}

// ---- ids -------------------------------------------------------------------------------

/** The id rule of the schema (the edge's `from` is a node id). */
const nodeIdSchema = edgeSpecSchema.shape.from;

export function checkNodeId(model: ModelSpec, id: string, exceptId?: string): string | null {
  const parsed = nodeIdSchema.safeParse(id);
  if (!parsed.success) {
    return id.length === 0
      ? 'An id cannot be empty.'
      : id.length > 64
        ? 'An id has at most 64 characters.'
        : 'Ids may contain letters, digits, "_", "." and "-" only.';
  }
  if (id !== exceptId && model.nodes.some((n) => n.id === id))
    return `Another node is already called "${id}".`;
  return null;
}

/** `base` with the smallest number ≥ 1 appended that no node (nor `reserved`) uses: dense1, dense2... */
export function freshId(base: string, taken: ReadonlySet<string>): string {
  const stem = base.replace(/\d+$/, '').slice(0, 56) || 'node';
  for (let n = 1; ; n++) {
    const id = `${stem}${n}`;
    if (!taken.has(id)) return id;
  }
}

// ---- adding ----------------------------------------------------------------------------

/** One sample's shape for the spec's dataset: what a new input node starts with. */
export function sampleShapeOf(data: DataSpec): number[] {
  return [...dataSignature(data).sampleShape];
}

/**
 * Values for the parameters that have no default in the schema, so a node dropped from the
 * palette is valid at once. Everything else comes from the schema's defaults.
 */
function starterParams(op: OpName, data: DataSpec): Record<string, unknown> {
  switch (op) {
    case 'input':
      return { shape: sampleShapeOf(data) };
    case 'dense':
      return { units: 64 };
    case 'conv2d':
      return { filters: 8, kernel: 3 };
    case 'maxpool2d':
    case 'avgpool2d':
      return { size: 2 };
    case 'reshape':
      return { shape: sampleShapeOf(data) };
    default:
      return {};
  }
}

export function newNode(op: OpName, id: string, position: Position, data: DataSpec): NodeSpec {
  const params = opParamSchemas[op].parse(starterParams(op, data));
  // The schema for `op` produced `params`, so the op ↔ params pairing holds.
  return { id, op, params, position: roundPosition(position) } as NodeSpec;
}

export function addNode(
  model: ModelSpec,
  op: OpName,
  position: Position,
  data: DataSpec,
): EditResult<{ model: ModelSpec; id: string }> {
  if (model.nodes.length >= MAX_NODES) return refuse(`A model has at most ${MAX_NODES} nodes.`);
  const id = freshId(op, new Set(model.nodes.map((n) => n.id)));
  return ok({ model: { ...model, nodes: [...model.nodes, newNode(op, id, position, data)] }, id });
}

/**
 * Adds a node of `op` and, when `after` ends a chain (it feeds nothing yet) and may feed the
 * new node, the edge `after → new` too: pressing palette items one after another with the
 * last one selected builds a chain without dragging a single wire.
 */
export function appendNode(
  model: ModelSpec,
  op: OpName,
  position: Position,
  data: DataSpec,
  after: string | null,
): EditResult<{ model: ModelSpec; id: string; connected: boolean }> {
  const added = addNode(model, op, position, data);
  if (!added.ok) return added;
  const { id } = added.value;
  const endsChain = after !== null && !model.edges.some((e) => e.from === after);
  const wired = endsChain ? connect(added.value.model, after, id) : null;
  return wired?.ok
    ? ok({ model: wired.value, id, connected: true })
    : ok({ ...added.value, connected: false });
}

// ---- removing --------------------------------------------------------------------------

/** Removes nodes (with every edge that touches them) and edges, in one step. */
export function removeElements(
  model: ModelSpec,
  nodeIds: Iterable<string>,
  edgeKeys: Iterable<string> = [],
): ModelSpec {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeKeys);
  const keptNodes = model.nodes.filter((n) => !nodes.has(n.id));
  const keptEdges = model.edges.filter(
    (e) => !nodes.has(e.from) && !nodes.has(e.to) && !edges.has(edgeKey(e)),
  );
  if (keptNodes.length === model.nodes.length && keptEdges.length === model.edges.length)
    return model;
  return renumberMergePorts({ nodes: keptNodes, edges: keptEdges });
}

/**
 * Gives the inputs of every merge node the ports 0, 1, 2... in their current order, so the
 * order stays explicit (and the canvas has one handle per input) after any edit.
 */
export function renumberMergePorts(model: ModelSpec): ModelSpec {
  const portOf = new Map<EdgeSpec, number>();
  for (const node of model.nodes) {
    if (!isMergeOp(node.op)) continue;
    inputEdges(model, node.id).forEach((edge, i) => portOf.set(edge, i));
  }
  let changed = false;
  const edges = model.edges.map((edge) => {
    const port = portOf.get(edge);
    if (port === edge.port) return edge;
    changed = true;
    return port === undefined ? { from: edge.from, to: edge.to } : { ...edge, port };
  });
  return changed ? { ...model, edges } : model;
}

// ---- connecting ------------------------------------------------------------------------

/** Whether `to` can be reached from `from` along edges. */
function reaches(model: ModelSpec, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of model.edges) if (e.from === id) stack.push(e.to);
  }
  return false;
}

/** Why `from → to` cannot be added, or null when it can. */
export function connectionProblem(model: ModelSpec, from: string, to: string): string | null {
  const source = model.nodes.find((n) => n.id === from);
  const target = model.nodes.find((n) => n.id === to);
  if (!source || !target) return `There is no node "${!source ? from : to}".`;
  if (from === to) return 'A node cannot feed itself.';
  if (isLossOp(source.op))
    return `${nodeLabel(source)} is a loss: it ends the graph, so nothing can follow it.`;
  const arity = opArity(target.op);
  if (arity.max === 0) return `${nodeLabel(target)} is an input: it takes no inputs.`;
  if (reaches(model, to, from))
    return `That would make a cycle: ${from} already depends on ${to}. A model must be a DAG.`;
  const inputs = inputEdges(model, to);
  if (!isMergeOp(target.op) && inputs.some((e) => e.from === from))
    return `${nodeLabel(source)} already feeds ${nodeLabel(target)}.`;
  if (inputs.length >= arity.max) {
    return arity.max === 1
      ? `${nodeLabel(target)} takes one input and already has one (from ${inputs[0].from}); remove that edge first.`
      : `${nodeLabel(target)} takes at most ${arity.max} inputs.`;
  }
  return null;
}

/**
 * Adds the edge `from → to`. Into a merge node the edge takes input slot `port` (the others
 * move up one) or, without a port, the next free slot.
 */
export function connect(model: ModelSpec, from: string, to: string, port?: number): EditResult {
  const problem = connectionProblem(model, from, to);
  if (problem) return refuse(problem);
  const target = model.nodes.find((n) => n.id === to)!;
  if (!isMergeOp(target.op)) return ok({ ...model, edges: [...model.edges, { from, to }] });
  const ordered = renumberMergePorts(model);
  const count = inputEdges(ordered, to).length;
  const slot = port === undefined ? count : Math.max(0, Math.min(port, count));
  const edges = ordered.edges.map((e) =>
    e.to === to && e.port !== undefined && e.port >= slot ? { ...e, port: e.port + 1 } : e,
  );
  return ok({ ...model, edges: [...edges, { from, to, port: slot }] });
}

/** Moves input `index` of a merge node one slot earlier (−1) or later (+1). */
export function moveInput(model: ModelSpec, to: string, index: number, delta: -1 | 1): ModelSpec {
  const ordered = renumberMergePorts(model);
  const inputs = inputEdges(ordered, to);
  const other = index + delta;
  if (index < 0 || other < 0 || index >= inputs.length || other >= inputs.length) return model;
  const a = inputs[index];
  const b = inputs[other];
  const edges = ordered.edges.map((e) =>
    e === a ? { ...e, port: other } : e === b ? { ...e, port: index } : e,
  );
  return { ...ordered, edges };
}

// ---- moving, renaming, parameters --------------------------------------------------------

function roundPosition(p: Position): Position {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

export function moveNodes(model: ModelSpec, positions: ReadonlyMap<string, Position>): ModelSpec {
  let changed = false;
  const nodes = model.nodes.map((node) => {
    const p = positions.get(node.id);
    if (!p) return node;
    const position = roundPosition(p);
    if (node.position && node.position.x === position.x && node.position.y === position.y)
      return node;
    changed = true;
    return { ...node, position };
  });
  return changed ? { ...model, nodes } : model;
}

export function renameNode(model: ModelSpec, id: string, newId: string): EditResult {
  if (newId === id) return ok(model);
  const problem = checkNodeId(model, newId, id);
  if (problem) return refuse(problem);
  return ok({
    nodes: model.nodes.map((n) => (n.id === id ? { ...n, id: newId } : n)),
    edges: model.edges.map((e) =>
      e.from === id || e.to === id
        ? { ...e, from: e.from === id ? newId : e.from, to: e.to === id ? newId : e.to }
        : e,
    ),
  });
}

/** Replaces a node's parameters after checking them against its op's schema. */
export function setNodeParams(model: ModelSpec, id: string, params: unknown): EditResult {
  const node = model.nodes.find((n) => n.id === id);
  if (!node) return refuse(`There is no node "${id}".`);
  const parsed = opParamSchemas[node.op].safeParse(params);
  if (!parsed.success) return refuse(parsed.error.issues.map((i) => i.message).join('; '));
  if (JSON.stringify(parsed.data) === JSON.stringify(node.params)) return ok(model);
  return ok({
    ...model,
    nodes: model.nodes.map((n) => (n.id === id ? ({ ...n, params: parsed.data } as NodeSpec) : n)),
  });
}
