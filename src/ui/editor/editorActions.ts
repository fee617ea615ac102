// What the editor does, as plain functions over the store, shared by the canvas, the palette,
// the inspector and the keyboard shortcuts. Every change to the model is one undoable
// editSpec step; a refused edit leaves the spec alone and says why in the editor's notice.
import type { OpName } from '../../engine/spec/ops';
import type { ExperimentSpec, ModelSpec } from '../../engine/spec/schema';
import { useAppStore } from '../store/store';
import { layoutPositions } from './autoLayout';
import { copyNodes, pasteNodes, PASTE_OFFSET } from './clipboard';
import {
  appendNode,
  connect,
  edgeKey,
  moveInput,
  moveNodes,
  removeElements,
  renameNode,
  setNodeParams,
  type Position,
} from './graphEdits';
import { opHelp } from './opHelp';

function withModel(spec: ExperimentSpec, model: ModelSpec): ExperimentSpec {
  return model === spec.model ? spec : { ...spec, model };
}

function model(): ModelSpec {
  return useAppStore.getState().spec.model;
}

function refused(reason: string): string {
  useAppStore.getState().showEditorNotice(reason);
  return reason;
}

/**
 * Adds a node of `op` with its top-left corner at `position` and selects it; with `after`
 * (the selected node, when the palette is pressed) it is wired after that node if it ends a
 * chain (see appendNode).
 */
export function addOp(op: OpName, position: Position, after: string | null = null): string | null {
  const store = useAppStore.getState();
  const result = appendNode(store.spec.model, op, position, store.spec.data, after);
  if (!result.ok) return refused(result.reason);
  store.editSpec(`add ${opHelp[op].title.toLowerCase()}`, (s) => withModel(s, result.value.model));
  store.setSelection({ nodes: [result.value.id] });
  return null;
}

/** Connects `from` to `to` (into input slot `port` of a merge); returns why not, or null. */
export function connectNodes(from: string, to: string, port?: number): string | null {
  const result = connect(model(), from, to, port);
  if (!result.ok) return refused(result.reason);
  useAppStore.getState().editSpec(`connect ${from} → ${to}`, (s) => withModel(s, result.value));
  return null;
}

export function disconnect(key: string): void {
  const next = removeElements(model(), [], [key]);
  useAppStore.getState().editSpec('remove edge', (s) => withModel(s, next));
}

/** Reorders a merge node's inputs: input `index` moves one slot earlier or later. */
export function moveMergeInput(to: string, index: number, delta: -1 | 1): void {
  const next = moveInput(model(), to, index, delta);
  useAppStore.getState().editSpec(`reorder inputs of ${to}`, (s) => withModel(s, next));
}

export function deleteSelection(): void {
  const store = useAppStore.getState();
  const { selectedNodeIds, selectedEdgeIds } = store;
  const next = removeElements(store.spec.model, selectedNodeIds, selectedEdgeIds);
  if (next === store.spec.model) return;
  const count = selectedNodeIds.length;
  const label =
    count === 0
      ? 'remove edge'
      : count === 1
        ? `remove ${selectedNodeIds[0]}`
        : `remove ${count} nodes`;
  store.editSpec(label, (s) => withModel(s, next));
  store.setSelection({});
}

export function selectAll(): void {
  const m = model();
  useAppStore
    .getState()
    .setSelection({ nodes: m.nodes.map((n) => n.id), edges: m.edges.map(edgeKey) });
}

export function copySelection(): boolean {
  const store = useAppStore.getState();
  const clipboard = copyNodes(store.spec.model, store.selectedNodeIds);
  if (!clipboard) return false;
  store.setClipboard(clipboard);
  return true;
}

/** Pastes the clipboard, each paste one offset further than the last, and selects the copies. */
export function pasteClipboard(): void {
  const store = useAppStore.getState();
  if (!store.clipboard) return;
  const step = (store.pasteCount + 1) * PASTE_OFFSET;
  const result = pasteNodes(store.spec.model, store.clipboard, { x: step, y: step });
  if (!result.ok) {
    refused(result.reason);
    return;
  }
  const { ids } = result.value;
  store.editSpec(ids.length === 1 ? `paste ${ids[0]}` : `paste ${ids.length} nodes`, (s) =>
    withModel(s, result.value.model),
  );
  store.notePaste();
  store.setSelection({ nodes: ids });
}

/** Copies the selection beside itself, without touching the clipboard. */
export function duplicateSelection(): void {
  const store = useAppStore.getState();
  const copy = copyNodes(store.spec.model, store.selectedNodeIds);
  if (!copy) return;
  const result = pasteNodes(store.spec.model, copy, { x: PASTE_OFFSET, y: PASTE_OFFSET });
  if (!result.ok) {
    refused(result.reason);
    return;
  }
  store.editSpec('duplicate', (s) => withModel(s, result.value.model));
  store.setSelection({ nodes: result.value.ids });
}

/**
 * Moves nodes. A drag is one step; nudges with the same `coalesce` key in a row (arrow keys on
 * the same selection) merge into one.
 */
export function moveTo(positions: ReadonlyMap<string, Position>, coalesce?: string): void {
  const next = moveNodes(model(), positions);
  const label =
    positions.size === 1 ? `move ${[...positions.keys()][0]}` : `move ${positions.size} nodes`;
  useAppStore.getState().editSpec(label, (s) => withModel(s, next), coalesce);
}

export function layoutGraph(): void {
  const next = moveNodes(model(), layoutPositions(model()));
  useAppStore.getState().editSpec('auto-layout', (s) => withModel(s, next));
}

/** Renames a node (and its edges); keeps it selected. Returns why not, or null. */
export function renameTo(id: string, newId: string): string | null {
  const result = renameNode(model(), id, newId);
  if (!result.ok) return result.reason;
  const store = useAppStore.getState();
  store.editSpec(`rename ${id} to ${newId}`, (s) => withModel(s, result.value));
  store.setSelection({
    nodes: store.selectedNodeIds.map((n) => (n === id ? newId : n)),
    edges: [],
  });
  return null;
}

/**
 * Sets one parameter of a node. Typing in one field merges into one undo step (coalesced by
 * node and parameter). Returns why the value was refused, or null.
 */
export function setParam(id: string, key: string, value: unknown): string | null {
  const node = model().nodes.find((n) => n.id === id);
  if (!node) return `There is no node "${id}".`;
  const params: Record<string, unknown> = { ...node.params, [key]: value };
  if (value === undefined) delete params[key];
  const result = setNodeParams(model(), id, params);
  if (!result.ok) return result.reason;
  useAppStore
    .getState()
    .editSpec(`${id} ${key}`, (s) => withModel(s, result.value), `param:${id}:${key}`);
  return null;
}
