// The editor's keyboard shortcuts, on the window: undo and redo anywhere but in a text field;
// the selection commands only when the focus is on the page or in the editor.
import { useEffect } from 'react';
import { useAppStore } from '../store/store';
import {
  copySelection,
  deleteSelection,
  duplicateSelection,
  pasteClipboard,
  selectAll,
} from './editorActions';
import { editorCommand, isTypingTarget, SELECTION_COMMANDS, type EditorCommand } from './shortcuts';

function focusIsInEditor(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[data-testid="editor-panel"]') !== null;
}

function focusIsOnEditor(target: EventTarget | null): boolean {
  return !(target instanceof Element) || target === document.body || focusIsInEditor(target);
}

function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString().length > 0;
}

function run(command: EditorCommand): boolean {
  const store = useAppStore.getState();
  switch (command) {
    case 'undo':
      store.undo();
      return true;
    case 'redo':
      store.redo();
      return true;
    case 'delete':
      if (store.selectedNodeIds.length + store.selectedEdgeIds.length === 0) return false;
      deleteSelection();
      return true;
    case 'copy':
      if (hasTextSelection()) return false;
      return copySelection();
    case 'paste':
      if (!store.clipboard) return false;
      pasteClipboard();
      return true;
    case 'duplicate':
      if (store.selectedNodeIds.length === 0) return false;
      duplicateSelection();
      return true;
    case 'selectAll':
      selectAll();
      return true;
    case 'deselect':
      store.setSelection({});
      store.showEditorNotice(null);
      return true;
  }
}

export function useEditorShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTypingTarget(e.target)) return;
      const command = editorCommand(e);
      if (command === null) return;
      if (SELECTION_COMMANDS.has(command) && !focusIsOnEditor(e.target)) return;
      // Ctrl+A on the page itself keeps selecting the page's text.
      if (command === 'selectAll' && !focusIsInEditor(e.target)) return;
      if (run(command)) e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
