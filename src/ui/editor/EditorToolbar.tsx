// Above the canvas: undo and redo (saying what they would undo), auto-layout and fit view.
import { useReactFlow } from '@xyflow/react';
import { useAppStore } from '../store/store';
import { layoutGraph } from './editorActions';
import { FIT_OPTIONS } from './viewport';

export function EditorToolbar() {
  const flow = useReactFlow();
  const undoLabel = useAppStore((s) => s.past.at(-1)?.label ?? null);
  const redoLabel = useAppStore((s) => s.future[0]?.label ?? null);
  const empty = useAppStore((s) => s.spec.model.nodes.length === 0);
  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Graph">
      <button
        type="button"
        className="button small"
        data-testid="editor-undo"
        disabled={undoLabel === null}
        onClick={() => useAppStore.getState().undo()}
        title={undoLabel ? `Undo ${undoLabel} (Ctrl+Z)` : 'Nothing to undo'}
      >
        ↶ Undo
      </button>
      <button
        type="button"
        className="button small"
        data-testid="editor-redo"
        disabled={redoLabel === null}
        onClick={() => useAppStore.getState().redo()}
        title={redoLabel ? `Redo ${redoLabel} (Shift+Ctrl+Z)` : 'Nothing to redo'}
      >
        ↷ Redo
      </button>
      <span className="toolbar-sep" aria-hidden="true" />
      <button
        type="button"
        className="button small"
        data-testid="editor-layout"
        disabled={empty}
        onClick={() => {
          layoutGraph();
          requestAnimationFrame(
            () => void flow.fitView({ padding: 0.15, maxZoom: 1, duration: 300 }),
          );
        }}
        title="Lay the graph out top to bottom"
      >
        Auto-layout
      </button>
      <button
        type="button"
        className="button small"
        data-testid="editor-fit"
        disabled={empty}
        onClick={() => void flow.fitView({ ...FIT_OPTIONS, duration: 300 })}
        title="Show the whole graph"
      >
        Fit view
      </button>
    </div>
  );
}
