// Copy, paste and duplicate: a clipboard holds nodes and the edges among them; pasting gives
// every node a fresh id and an offset position, so a copy never collides with its original.
import { MAX_NODES, type EdgeSpec, type ModelSpec, type NodeSpec } from '../../engine/spec/schema';
import { freshId, renumberMergePorts, type EditResult } from './graphEdits';

export interface Clipboard {
  nodes: NodeSpec[];
  /** Only edges whose two ends were both copied. */
  edges: EdgeSpec[];
}

/** How far each paste lands from the one before, in canvas pixels. */
export const PASTE_OFFSET = 40;

export function copyNodes(model: ModelSpec, ids: Iterable<string>): Clipboard | null {
  const chosen = new Set(ids);
  const nodes = model.nodes.filter((n) => chosen.has(n.id));
  if (nodes.length === 0) return null;
  const edges = model.edges.filter((e) => chosen.has(e.from) && chosen.has(e.to));
  return structuredClone({ nodes, edges });
}

/** Adds the clipboard's nodes, shifted by `offset`; returns the new model and the new ids. */
export function pasteNodes(
  model: ModelSpec,
  clipboard: Clipboard,
  offset: { x: number; y: number },
): EditResult<{ model: ModelSpec; ids: string[] }> {
  if (model.nodes.length + clipboard.nodes.length > MAX_NODES)
    return { ok: false, reason: `A model has at most ${MAX_NODES} nodes.` };
  const taken = new Set(model.nodes.map((n) => n.id));
  const renamed = new Map<string, string>();
  for (const node of clipboard.nodes) {
    const id = freshId(node.id, taken);
    taken.add(id);
    renamed.set(node.id, id);
  }
  const nodes = clipboard.nodes.map((node, i): NodeSpec => ({
    ...structuredClone(node),
    id: renamed.get(node.id)!,
    position: {
      x: Math.round((node.position?.x ?? 0) + offset.x),
      y: Math.round((node.position?.y ?? i * 90) + offset.y),
    },
  }));
  const edges = clipboard.edges.map((e) => ({
    ...e,
    from: renamed.get(e.from)!,
    to: renamed.get(e.to)!,
  }));
  return {
    ok: true,
    value: {
      model: renumberMergePorts({
        nodes: [...model.nodes, ...nodes],
        edges: [...model.edges, ...edges],
      }),
      ids: nodes.map((n) => n.id),
    },
  };
}
