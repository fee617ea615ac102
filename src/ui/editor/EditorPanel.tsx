// The graph editor: palette above; canvas, notice and problems list in the middle; inspector on
// the right. Everything it changes goes through the store as undoable steps.
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { EditorNotice } from './EditorNotice';
import { EditorToolbar } from './EditorToolbar';
import { GraphCanvas } from './GraphCanvas';
import { Inspector } from './Inspector';
import { Palette } from './Palette';
import { ProblemsList } from './ProblemsList';
import { useEditorShortcuts } from './useEditorShortcuts';
import './editor.css';

export function EditorPanel() {
  useEditorShortcuts();
  return (
    <section className="panel editor-panel" data-testid="editor-panel">
      <ReactFlowProvider>
        <header className="editor-head">
          <h2 className="panel-title">Model graph</h2>
          <EditorToolbar />
        </header>
        <Palette />
        <div className="editor-body">
          <div className="editor-main">
            <GraphCanvas />
            <EditorNotice />
            <ProblemsList />
          </div>
          <Inspector />
        </div>
      </ReactFlowProvider>
    </section>
  );
}
