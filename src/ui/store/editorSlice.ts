// The graph editor's own state: what is selected, what was copied, and a short notice when an
// edit was refused. None of it is part of the experiment, so none of it is undoable or saved.
import type { StateCreator } from 'zustand';
import type { Clipboard } from '../editor/clipboard';
import type { AppState } from './store';

export interface EditorNotice {
  message: string;
  /** Bumped per notice, so the same message twice still shows again. */
  id: number;
}

export interface EditorSlice {
  selectedNodeIds: string[];
  /** Edge keys, see edgeKey(). */
  selectedEdgeIds: string[];
  clipboard: Clipboard | null;
  /** Pastes since the last copy: each lands one offset further. */
  pasteCount: number;
  editorNotice: EditorNotice | null;
  setSelection: (selection: { nodes?: string[]; edges?: string[] }) => void;
  setClipboard: (clipboard: Clipboard | null) => void;
  notePaste: () => void;
  showEditorNotice: (message: string | null) => void;
}

export const createEditorSlice: StateCreator<AppState, [], [], EditorSlice> = (set, get) => ({
  selectedNodeIds: [],
  selectedEdgeIds: [],
  clipboard: null,
  pasteCount: 0,
  editorNotice: null,
  setSelection: ({ nodes, edges }) =>
    set({ selectedNodeIds: nodes ?? [], selectedEdgeIds: edges ?? [] }),
  setClipboard: (clipboard) => set({ clipboard, pasteCount: 0 }),
  notePaste: () => set({ pasteCount: get().pasteCount + 1 }),
  showEditorNotice: (message) =>
    set({
      editorNotice: message === null ? null : { message, id: (get().editorNotice?.id ?? 0) + 1 },
    }),
});
