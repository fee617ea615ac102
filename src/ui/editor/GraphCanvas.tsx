// The canvas: the model drawn by xyflow from the spec. Every change a person makes here
// (drop, connect, drag, select) goes to the store through editorActions; xyflow's own copy of
// the nodes is only what it needs to draw: measured sizes and the positions during a drag.
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type IsValidConnection,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { opNames, type OpName } from '../../engine/spec/ops';
import { useAppStore } from '../store/store';
import { NODE_HEIGHT, NODE_WIDTH } from './autoLayout';
import { addOp, connectNodes, moveTo } from './editorActions';
import {
  slotOfHandle,
  toFlowEdges,
  toFlowNodes,
  type LayerFlowNode,
  type ShapeFlowEdge,
} from './flowElements';
import { connectionProblem, type Position } from './graphEdits';
import { LayerNode } from './LayerNode';
import { shapeReport } from './modelProblems';
import { opHelp, type OpGroup } from './opHelp';
import { ShapeEdge } from './ShapeEdge';
import { FIT_OPTIONS, fitReadably } from './viewport';

/** The drag-and-drop payload type of a palette item. */
export const OP_DRAG_TYPE = 'application/x-layercake-op';

const nodeTypes = { layer: LayerNode };
/** The minimap draws into SVG attributes, where CSS variables do not resolve: editor.css's hues. */
const GROUP_COLORS: Record<OpGroup, string> = {
  inputs: '#0f9d76',
  layers: '#2563eb',
  activations: '#d97706',
  regularisation: '#7c3aed',
  merge: '#0891b2',
  losses: '#db2777',
};
const edgeTypes = { shape: ShapeEdge };
const MINIMAP_SIZE = { width: 132, height: 88 };
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];

type Size = { width: number; height: number };

function applySelection(current: readonly string[], changes: { id: string; selected: boolean }[]) {
  const next = new Set(current);
  for (const c of changes) {
    if (c.selected) next.add(c.id);
    else next.delete(c.id);
  }
  return [...next];
}

let dragSession = 0;

export function GraphCanvas() {
  const model = useAppStore((s) => s.spec.model);
  const templateName = useAppStore((s) => s.templateName);
  const selectedNodeIds = useAppStore((s) => s.selectedNodeIds);
  const selectedEdgeIds = useAppStore((s) => s.selectedEdgeIds);
  const flow = useReactFlow<LayerFlowNode, ShapeFlowEdge>();
  const report = shapeReport(model);
  // What xyflow measured, and where nodes are while a drag is under way (committed on release).
  const [measured, setMeasured] = useState<ReadonlyMap<string, Size>>(new Map());
  const [dragging, setDragging] = useState<ReadonlyMap<string, Position>>(new Map());

  const nodes = useMemo(
    () =>
      toFlowNodes(model, report, new Set(selectedNodeIds), dragging).map((n) => {
        const size = measured.get(n.id);
        return size ? { ...n, measured: size } : n;
      }),
    [model, report, selectedNodeIds, dragging, measured],
  );
  const edges = useMemo(
    () => toFlowEdges(model, report, new Set(selectedEdgeIds)),
    [model, report, selectedEdgeIds],
  );

  // A new template is a new picture: show it, readably (a tall one from its top).
  const canvasRef = useRef<HTMLDivElement>(null);
  const showGraph = useCallback(() => {
    const box = canvasRef.current;
    if (box) fitReadably(flow, box.clientWidth, box.clientHeight);
  }, [flow]);
  const initialized = useNodesInitialized();
  const framed = useRef(false);
  useEffect(() => {
    if (!initialized || framed.current) return;
    framed.current = true;
    showGraph();
  }, [initialized, showGraph]);
  useEffect(() => {
    if (templateName === null) return;
    const frame = requestAnimationFrame(showGraph);
    return () => cancelAnimationFrame(frame);
  }, [templateName, showGraph]);

  const onNodesChange = useCallback(
    (changes: NodeChange<LayerFlowNode>[]) => {
      const sizes: [string, Size][] = [];
      const moving: [string, Position][] = [];
      const settled = new Map<string, Position>();
      const selections: { id: string; selected: boolean }[] = [];
      for (const c of changes) {
        if (c.type === 'dimensions' && c.dimensions) sizes.push([c.id, c.dimensions]);
        else if (c.type === 'position' && c.position) {
          if (c.dragging) moving.push([c.id, c.position]);
          else settled.set(c.id, c.position);
        } else if (c.type === 'select') selections.push(c);
      }
      if (sizes.length > 0) setMeasured((m) => new Map([...m, ...sizes]));
      if (moving.length > 0) setDragging((d) => new Map([...d, ...moving]));
      if (settled.size > 0) {
        // A drag's end is one step; arrow-key nudges of the same nodes in a row merge.
        const wasDrag = [...settled.keys()].some((id) => dragging.has(id));
        moveTo(
          settled,
          wasDrag ? `drag:${++dragSession}` : `nudge:${[...settled.keys()].join(',')}`,
        );
        setDragging((d) => new Map([...d].filter(([id]) => !settled.has(id))));
      }
      if (selections.length > 0) {
        const store = useAppStore.getState();
        store.setSelection({
          nodes: applySelection(store.selectedNodeIds, selections),
          edges: store.selectedEdgeIds,
        });
      }
    },
    [dragging],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<ShapeFlowEdge>[]) => {
    const selections = changes.filter((c) => c.type === 'select');
    if (selections.length === 0) return;
    const store = useAppStore.getState();
    store.setSelection({
      nodes: store.selectedNodeIds,
      edges: applySelection(store.selectedEdgeIds, selections),
    });
  }, []);

  const isValidConnection: IsValidConnection<ShapeFlowEdge> = useCallback(
    (c) => connectionProblem(useAppStore.getState().spec.model, c.source, c.target) === null,
    [],
  );

  const onConnect = useCallback((c: Connection) => {
    connectNodes(c.source, c.target, slotOfHandle(c.targetHandle));
  }, []);

  // A connection dropped on a handle that refused it: say why.
  const onConnectEnd = useCallback((_e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.isValid !== false || !state.fromNode || !state.toNode) return;
    const fromIsSource = state.fromHandle?.type === 'source';
    const from = fromIsSource ? state.fromNode.id : state.toNode.id;
    const to = fromIsSource ? state.toNode.id : state.fromNode.id;
    const problem = connectionProblem(useAppStore.getState().spec.model, from, to);
    if (problem) useAppStore.getState().showEditorNotice(problem);
  }, []);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(OP_DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const op = e.dataTransfer.getData(OP_DRAG_TYPE);
      if (!(opNames as string[]).includes(op)) return;
      e.preventDefault();
      const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      addOp(op as OpName, { x: at.x - NODE_WIDTH / 2, y: at.y - NODE_HEIGHT / 2 });
    },
    [flow],
  );

  // The pane is not focusable, so a click on it would leave the focus on the page, where
  // Ctrl+A selects the page's text; focus the canvas so the editor's shortcuts apply.
  const onPaneClick = useCallback(() => {
    useAppStore.getState().setSelection({});
    canvasRef.current?.focus({ preventScroll: true });
  }, []);

  return (
    <div
      ref={canvasRef}
      className="editor-canvas"
      data-testid="editor-canvas"
      tabIndex={-1}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <ReactFlow<LayerFlowNode, ShapeFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onPaneClick={onPaneClick}
        deleteKeyCode={null}
        // Space is the dashboard's train/pause key; dragging the pane pans already.
        panActivationKeyCode={null}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        selectionKeyCode="Shift"
        minZoom={0.2}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
        aria-label="Model graph"
      >
        <Background gap={20} size={1} color="#dde2ea" />
        <Controls showInteractive={false} fitViewOptions={FIT_OPTIONS} position="bottom-left" />
        <MiniMap
          pannable
          style={MINIMAP_SIZE}
          maskColor="rgba(240, 243, 247, 0.7)"
          zoomable
          position="bottom-right"
          nodeStrokeWidth={2}
          nodeColor={(n: LayerFlowNode) => GROUP_COLORS[opHelp[n.data.node.op].group]}
          ariaLabel="Overview of the graph"
        />
      </ReactFlow>
      {model.nodes.length === 0 && (
        <div className="editor-empty" data-testid="editor-empty">
          <strong>The canvas is empty.</strong>
          <span>
            Drag an <em>Input</em> from the palette above, then layers and a loss, and connect them
            from each node’s bottom handle to the next one’s top. Or pick a template on the left.
          </span>
        </div>
      )}
    </div>
  );
}
