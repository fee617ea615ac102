// The palette: every op the engine has, in its group. Drag one onto the canvas, or press it
// (mouse or keyboard) to add it after the selected node (wired to it when that node ends a
// chain), or in the middle of the view.
import { useReactFlow } from '@xyflow/react';
import type { DragEvent } from 'react';
import type { OpName } from '../../engine/spec/ops';
import { useAppStore } from '../store/store';
import { NODE_HEIGHT, NODE_WIDTH } from './autoLayout';
import { addOp } from './editorActions';
import { OP_DRAG_TYPE } from './GraphCanvas';
import type { Position } from './graphEdits';
import { opGroupTitles, opHelp, opsByGroup } from './opHelp';
import { OpTooltip } from './OpTooltip';

const groups = opsByGroup();

/** Room a node takes on the canvas when new nodes look for a free spot. */
const SLOT = { width: NODE_WIDTH + 20, height: NODE_HEIGHT + 14 };

/**
 * Below the selected node when it ends a chain (the new node will follow it, and the layout
 * runs top to bottom); beside it otherwise (to its right, half a row down, where it reads as
 * "after" it without covering the node that follows); or at the centre of the view. Then
 * down, row by row, until no node is in the way.
 */
function placeForNewNode(centre: Position): Position {
  const { spec, selectedNodeIds } = useAppStore.getState();
  const anchor = spec.model.nodes.find((n) => n.id === selectedNodeIds.at(-1))?.position;
  const endsChain = !spec.model.edges.some((e) => e.from === selectedNodeIds.at(-1));
  let at = !anchor
    ? { x: centre.x - NODE_WIDTH / 2, y: centre.y - NODE_HEIGHT / 2 }
    : endsChain
      ? { x: anchor.x, y: anchor.y + SLOT.height + 30 }
      : { x: anchor.x + NODE_WIDTH + 60, y: anchor.y + NODE_HEIGHT / 2 };
  const blocked = (p: Position) =>
    spec.model.nodes.some(
      (n) =>
        n.position &&
        Math.abs(n.position.x - p.x) < SLOT.width &&
        Math.abs(n.position.y - p.y) < SLOT.height,
    );
  for (let i = 0; i < 100 && blocked(at); i++) at = { x: at.x, y: at.y + SLOT.height };
  return at;
}

export function Palette() {
  const flow = useReactFlow();
  const add = (op: OpName) => {
    const canvas = document.querySelector('[data-testid="editor-canvas"]')?.getBoundingClientRect();
    const centre = canvas
      ? flow.screenToFlowPosition({
          x: canvas.x + canvas.width / 2,
          y: canvas.y + canvas.height / 2,
        })
      : { x: 0, y: 0 };
    const selected = useAppStore.getState().selectedNodeIds;
    addOp(op, placeForNewNode(centre), selected.length === 1 ? selected[0] : null);
  };
  const onDragStart = (e: DragEvent, op: OpName) => {
    e.dataTransfer.setData(OP_DRAG_TYPE, op);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <div
      className="palette"
      data-testid="palette"
      aria-label="Modules: drag onto the canvas, or press to add after the selected node"
    >
      {groups.map(({ group, ops }) => (
        <div key={group} className="palette-group" role="group" aria-label={opGroupTitles[group]}>
          <span className="palette-group-title">{opGroupTitles[group]}</span>
          <div className="palette-items">
            {ops.map((op) => (
              <OpTooltip key={op} op={op}>
                {(describedBy) => (
                  <button
                    type="button"
                    className={`palette-item group-${group}`}
                    data-testid={`palette-${op}`}
                    draggable
                    onDragStart={(e) => onDragStart(e, op)}
                    onClick={() => add(op)}
                    aria-describedby={describedBy}
                  >
                    {opHelp[op].title}
                  </button>
                )}
              </OpTooltip>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
