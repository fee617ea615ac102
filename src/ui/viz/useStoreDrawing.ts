// Paints from the store's latest probe frame (or test report) on animation frames: once when
// `draw` changes, and whenever a new frame arrives, without re-rendering React.
import { useEffect } from 'react';
import { useAppStore, type AppState } from '../store/store';

export function useStoreDrawing<T>(select: (s: AppState) => T, draw: (value: T) => void): void {
  useEffect(() => {
    let request = 0;
    const schedule = () => {
      cancelAnimationFrame(request);
      request = requestAnimationFrame(() => draw(select(useAppStore.getState())));
    };
    schedule();
    const unsubscribe = useAppStore.subscribe((s, previous) => {
      if (select(s) !== select(previous)) schedule();
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(request);
    };
  }, [select, draw]);
}
