import { describe, expect, it } from 'vitest';
import { editorCommand, type KeyPress } from './shortcuts';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('editor shortcuts', () => {
  it('undo and redo with Ctrl or Cmd', () => {
    expect(editorCommand(press('z', { ctrlKey: true }))).toBe('undo');
    expect(editorCommand(press('z', { metaKey: true }))).toBe('undo');
    expect(editorCommand(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(editorCommand(press('z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(editorCommand(press('y', { ctrlKey: true }))).toBe('redo');
  });

  it('selection commands', () => {
    expect(editorCommand(press('Delete'))).toBe('delete');
    expect(editorCommand(press('Backspace'))).toBe('delete');
    expect(editorCommand(press('c', { ctrlKey: true }))).toBe('copy');
    expect(editorCommand(press('v', { metaKey: true }))).toBe('paste');
    expect(editorCommand(press('d', { ctrlKey: true }))).toBe('duplicate');
    expect(editorCommand(press('a', { ctrlKey: true }))).toBe('selectAll');
    expect(editorCommand(press('Escape'))).toBe('deselect');
  });

  it('leaves other keys (and the run shortcuts) alone', () => {
    expect(editorCommand(press('z'))).toBeNull();
    expect(editorCommand(press(' '))).toBeNull();
    expect(editorCommand(press('s'))).toBeNull();
    expect(editorCommand(press('c', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(editorCommand(press('Delete', { shiftKey: true }))).toBeNull();
  });
});
