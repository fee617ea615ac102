// The graph editor: palette, canvas, inspector and problems list (issue 4, being built).
export function EditorPanel() {
  return (
    <section className="panel editor-panel" data-testid="editor-panel">
      <h2 className="panel-title">Model graph</h2>
      <p className="empty-state">The graph editor is not built yet: pick a template on the left.</p>
    </section>
  );
}
