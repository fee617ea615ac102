// The editor's keyboard shortcuts as a pure mapping from a key press to a command, and the
// rule that none of them fires while a person is typing in a field.

export type EditorCommand =
  'undo' | 'redo' | 'delete' | 'copy' | 'paste' | 'duplicate' | 'selectAll' | 'deselect';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Ctrl on Windows and Linux, Cmd on a Mac: either is accepted everywhere. */
export function editorCommand(e: KeyPress): EditorCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  if (e.altKey) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod) {
    if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && !e.shiftKey) return 'redo';
    if (e.shiftKey) return null;
    if (key === 'c') return 'copy';
    if (key === 'v') return 'paste';
    if (key === 'd') return 'duplicate';
    if (key === 'a') return 'selectAll';
    return null;
  }
  if (e.shiftKey) return null;
  if (key === 'Delete' || key === 'Backspace') return 'delete';
  if (key === 'Escape') return 'deselect';
  return null;
}

const NON_TEXT_INPUTS = new Set([
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'range',
  'color',
  'file',
]);

/** Whether key presses on this element are someone typing (so shortcuts must leave them be). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !NON_TEXT_INPUTS.has((target as HTMLInputElement).type);
  return false;
}

/**
 * Commands that act on the selection (delete, copy, paste, duplicate, select all) only apply
 * when the focus is on the page itself or inside the editor: elsewhere the browser's own
 * meaning (copy some text, select the page) is what the person wants.
 */
export const SELECTION_COMMANDS: ReadonlySet<EditorCommand> = new Set([
  'delete',
  'copy',
  'paste',
  'duplicate',
  'selectAll',
  'deselect',
]);
