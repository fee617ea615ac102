// The run's numbers for a component that shows them, refreshed at most a few times a second:
// the worker sends up to twenty batches a second, more than a person can read and, re-rendered
// and repainted each time, a real share of the page's main thread while it trains. The latest
// numbers always arrive (trailing update), at most `intervalMs` late, and at once when the run
// changes state.
import { useEffect, useState } from 'react';
import type { RunNumbers } from '../store/runSlice';
import { useAppStore } from '../store/store';

export function useThrottledRun(intervalMs: number): RunNumbers {
  const [run, setRun] = useState(() => useAppStore.getState().run);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const flush = () => {
      timer = null;
      last = performance.now();
      setRun(useAppStore.getState().run);
    };
    const schedule = () => {
      if (timer === null)
        timer = setTimeout(flush, Math.max(0, last + intervalMs - performance.now()));
    };
    const unsubscribe = useAppStore.subscribe((s, prev) => {
      if (s.run === prev.run) return;
      // A new state (paused, finished) is shown at once, with the numbers it stopped at.
      if (s.run.state !== prev.run.state) {
        if (timer !== null) clearTimeout(timer);
        flush();
      } else {
        schedule();
      }
    });
    // A change between the first render and this subscription is not missed.
    schedule();
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [intervalMs]);
  return run;
}
