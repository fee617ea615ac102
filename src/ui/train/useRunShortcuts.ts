// Keyboard shortcuts for the run: Space trains or pauses, S steps once, R resets.
import { useEffect } from 'react';
import { reset, step, toggleTraining } from './runActions';

/**
 * Keys typed into a field belong to it; a focused button or radio keeps Space and Enter,
 * which press it, so the shortcut does not fire twice.
 */
function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
    return true;
  const pressable =
    target.tagName === 'BUTTON' ||
    target.tagName === 'A' ||
    target.getAttribute('role') === 'radio';
  return pressable && (key === ' ' || key === 'Enter');
}

export function useRunShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || ownsKey(e.target, e.key)) return;
      if (e.key === ' ') void toggleTraining();
      else if (e.key === 's' || e.key === 'S') void step(1);
      else if (e.key === 'r' || e.key === 'R') void reset();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
