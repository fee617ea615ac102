// The one zustand store: plain slices whose actions are the only way to change state.
import { create } from 'zustand';
import { createEditorSlice, type EditorSlice } from './editorSlice';
import { createRunSlice, type RunSlice } from './runSlice';
import { createSpecSlice, type SpecSlice } from './specSlice';

export type AppState = SpecSlice & RunSlice & EditorSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createSpecSlice(...a),
  ...createRunSlice(...a),
  ...createEditorSlice(...a),
}));
