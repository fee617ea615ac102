// From the spec's model (and its shape report) to what xyflow draws: nodes that carry their
// op, shape, size and problems, and edges labelled with the tensor shape they carry. The spec
// stays the one source of truth; these arrays are rebuilt from it on every change.
import type { Edge, Node } from '@xyflow/react';
import type { NodeInfo, ShapeReport } from '../../engine/spec/inferShapes';
import { opArity } from '../../engine/spec/ops';
import type { ModelSpec, NodeSpec } from '../../engine/spec/schema';
import { displayPositions } from './autoLayout';
import { formatShape } from './format';
import { edgeKey, inputEdges, isMergeOp, type Position } from './graphEdits';

export type LayerNodeData = {
  node: NodeSpec;
  info: NodeInfo | null;
  errors: string[];
  warnings: string[];
  /** Target handles to draw: one for a plain node; one per input plus a free one for a merge. */
  inputSlots: number;
};
export type LayerFlowNode = Node<LayerNodeData, 'layer'>;

export type ShapeEdgeData = {
  /** The tensor shape the edge carries, per sample ("128", "6×24×24"), or "?" if unknown. */
  shape: string;
  /** Input slot of a merge target, counted from 1 for people; null for a plain target. */
  slot: number | null;
};
export type ShapeFlowEdge = Edge<ShapeEdgeData, 'shape'>;

export const SOURCE_HANDLE = 'out';

export function targetHandle(slot: number | null): string {
  return slot === null ? 'in' : `in-${slot}`;
}

/** The input slot a target handle id stands for (null for a plain node's one handle). */
export function slotOfHandle(handle: string | null | undefined): number | undefined {
  const match = /^in-(\d+)$/.exec(handle ?? '');
  return match ? Number(match[1]) : undefined;
}

export function toFlowNodes(
  model: ModelSpec,
  report: ShapeReport,
  selected: ReadonlySet<string>,
  dragging: ReadonlyMap<string, Position> = new Map(),
): LayerFlowNode[] {
  const positions = displayPositions(model);
  const problems = new Map<string, { errors: string[]; warnings: string[] }>();
  for (const p of report.problems) {
    if (!p.nodeId) continue;
    const entry = problems.get(p.nodeId) ?? { errors: [], warnings: [] };
    (p.severity === 'error' ? entry.errors : entry.warnings).push(p.message);
    problems.set(p.nodeId, entry);
  }
  return model.nodes.map((node) => {
    const inputs = inputEdges(model, node.id).length;
    const max = opArity(node.op).max;
    return {
      id: node.id,
      type: 'layer',
      position: dragging.get(node.id) ?? positions.get(node.id)!,
      selected: selected.has(node.id),
      data: {
        node,
        info: report.nodes.get(node.id) ?? null,
        errors: problems.get(node.id)?.errors ?? [],
        warnings: problems.get(node.id)?.warnings ?? [],
        inputSlots: max === 0 ? 0 : isMergeOp(node.op) ? Math.min(inputs + 1, max) : 1,
      },
    };
  });
}

export function toFlowEdges(
  model: ModelSpec,
  report: ShapeReport,
  selected: ReadonlySet<string>,
): ShapeFlowEdge[] {
  const merges = new Set(model.nodes.filter((n) => isMergeOp(n.op)).map((n) => n.id));
  const slotOf = new Map<string, number>();
  for (const id of merges) inputEdges(model, id).forEach((e, i) => slotOf.set(edgeKey(e), i));
  return model.edges.map((edge) => {
    const key = edgeKey(edge);
    const slot = merges.has(edge.to) ? (slotOf.get(key) ?? null) : null;
    const info = report.nodes.get(edge.from);
    return {
      id: key,
      type: 'shape',
      source: edge.from,
      target: edge.to,
      sourceHandle: SOURCE_HANDLE,
      targetHandle: targetHandle(slot),
      selected: selected.has(key),
      data: { shape: info ? formatShape(info.shape) : '?', slot: slot === null ? null : slot + 1 },
    };
  });
}
