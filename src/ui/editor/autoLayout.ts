// Auto-layout: a layered drawing of the DAG, top to bottom, by dagre (the Sugiyama method:
// layers by longest path, crossings reduced by reordering, edges kept short and straight),
// with a deep graph's layers wrapped into side-by-side columns, as a newspaper wraps text, so
// that fitting LeNet-5's fourteen layers into the canvas leaves them big enough to read.
import dagre from '@dagrejs/dagre';
import type { ModelSpec } from '../../engine/spec/schema';
import type { Position } from './graphEdits';

/** The size the canvas draws a node at; layout leaves room for it and for an edge label. */
export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 56;

const RANK_SEP = 44;
const COLUMN_GAP = 100;
/** Width over height of the editor's canvas, which the wrapped drawing aims to match. */
const CANVAS_ASPECT = 1.4;
/** Layers one column shows at a readable zoom in the canvas; deeper graphs wrap. */
const LAYERS_WITHOUT_WRAPPING = 6;

/**
 * How many layers each column holds: all of them for a shallow graph, else the count whose
 * drawing's shape is closest to the canvas's.
 */
export function layersPerColumn(layers: number, graphWidth: number): number {
  if (layers <= LAYERS_WITHOUT_WRAPPING) return Math.max(1, layers);
  const shapeError = (columns: number) => {
    const rows = Math.ceil(layers / columns);
    const width = columns * graphWidth + (columns - 1) * COLUMN_GAP;
    const height = rows * (NODE_HEIGHT + RANK_SEP) - RANK_SEP;
    return Math.abs(Math.log(width / height / CANVAS_ASPECT));
  };
  let best = 1;
  for (let columns = 2; columns <= layers; columns++)
    if (shapeError(columns) < shapeError(best) - 1e-9) best = columns;
  return Math.ceil(layers / best);
}

/** Top-left positions for every node of the model. */
export function layoutPositions(model: ModelSpec): Map<string, Position> {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: RANK_SEP, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of model.nodes)
    graph.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const ids = new Set(model.nodes.map((n) => n.id));
  model.edges.forEach((edge, i) => {
    if (ids.has(edge.from) && ids.has(edge.to) && edge.from !== edge.to)
      graph.setEdge(edge.from, edge.to, {}, String(i));
  });
  dagre.layout(graph);
  // Every node of a layer has the same centre y; number the layers from the top.
  const layerYs = [...new Set(model.nodes.map((n) => graph.node(n.id).y))].sort((a, b) => a - b);
  const layerOf = new Map(layerYs.map((y, i) => [y, i]));
  const graphWidth = graph.graph().width ?? NODE_WIDTH;
  const perColumn = layersPerColumn(layerYs.length, graphWidth);
  const positions = new Map<string, Position>();
  for (const node of model.nodes) {
    const { x, y } = graph.node(node.id);
    const layer = layerOf.get(y)!;
    const column = Math.floor(layer / perColumn);
    positions.set(node.id, {
      x: Math.round(x - NODE_WIDTH / 2 + column * (graphWidth + COLUMN_GAP)),
      y: Math.round((layer % perColumn) * (NODE_HEIGHT + RANK_SEP)),
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
