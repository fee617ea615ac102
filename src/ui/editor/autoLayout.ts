// Auto-layout: a layered drawing of the DAG, top to bottom, by dagre (the Sugiyama method:
// layers by longest path, crossings reduced by reordering, edges kept short and straight).
import dagre from '@dagrejs/dagre';
import type { ModelSpec } from '../../engine/spec/schema';
import type { Position } from './graphEdits';

/** The size the canvas draws a node at; layout leaves room for it and for an edge label. */
export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 56;

/** Top-left positions for every node of the model. */
export function layoutPositions(model: ModelSpec): Map<string, Position> {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 44, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of model.nodes)
    graph.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const ids = new Set(model.nodes.map((n) => n.id));
  model.edges.forEach((edge, i) => {
    if (ids.has(edge.from) && ids.has(edge.to) && edge.from !== edge.to)
      graph.setEdge(edge.from, edge.to, {}, String(i));
  });
  dagre.layout(graph);
  const positions = new Map<string, Position>();
  for (const node of model.nodes) {
    const { x, y } = graph.node(node.id);
    positions.set(node.id, {
      x: Math.round(x - NODE_WIDTH / 2),
      y: Math.round(y - NODE_HEIGHT / 2),
    });
  }
  return positions;
}

/** Where each node is drawn: its own position, or a laid-out one when the spec has none. */
export function displayPositions(model: ModelSpec): Map<string, Position> {
  const missing = model.nodes.some((n) => !n.position);
  const laidOut = missing ? layoutPositions(model) : null;
  const positions = new Map<string, Position>();
  for (const node of model.nodes) positions.set(node.id, node.position ?? laidOut!.get(node.id)!);
  return positions;
}
