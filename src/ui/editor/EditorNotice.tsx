// Why the last edit was refused ("dense#logits takes one input..."), until the next one.
import { useEffect } from 'react';
import { useAppStore } from '../store/store';

const NOTICE_MS = 6000;

export function EditorNotice() {
  const notice = useAppStore((s) => s.editorNotice);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => {
      if (useAppStore.getState().editorNotice?.id === notice.id)
        useAppStore.getState().showEditorNotice(null);
    }, NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  if (!notice) return null;
  return (
    <div className="editor-notice" role="status" data-testid="editor-notice">
      {notice.message}
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss"
        onClick={() => useAppStore.getState().showEditorNotice(null)}
      >
        ×
      </button>
    </div>
  );
}
