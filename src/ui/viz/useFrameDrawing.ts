// Paints from the store's latest decision-boundary frame on animation frames: once when `draw`
// changes (its options did), and whenever a new frame arrives, without re-rendering React.
import { useEffect } from 'react';
import type { BoundaryFrame } from '../../engine/analysis/decisionBoundary';
import { useAppStore } from '../store/store';

export function useFrameDrawing(draw: (frame: BoundaryFrame | null) => void): void {
  useEffect(() => {
    let request = 0;
    const schedule = () => {
      cancelAnimationFrame(request);
      request = requestAnimationFrame(() => draw(useAppStore.getState().boundary));
    };
    schedule();
    const unsubscribe = useAppStore.subscribe((s, previous) => {
      if (s.boundary !== previous.boundary) schedule();
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(request);
    };
  }, [draw]);
}
