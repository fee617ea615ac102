// Keyboard shortcuts for the run: Space trains or pauses, S steps once, R resets.
import { useEffect } from 'react';
import { reset, step, toggleTraining } from './runActions';

/** Keys typed into a field, or pressed on a focused control, belong to that element. */
function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON'].includes(target.tagName);
}

export function useRunShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || ownsKeys(e.target)) return;
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
