// Runs a query on the words worker now, and again every second while training goes on, so an
// answer on screen follows the vectors as they learn. The newest answer wins.
import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../store/store';

const LIVE_MS = 1000;

export function useLiveQuery<T>(run: (() => Promise<T>) | null, key: string): T | null {
  const [result, setResult] = useState<T | null>(null);
  const training = useAppStore((s) => s.words.state === 'training');
  const steps = useAppStore((s) => s.words.progress?.steps ?? 0);
  const vocabulary = useAppStore((s) => s.words.vocabulary);
  const runRef = useRef(run);
  const latest = useRef(0);
  const pausedSteps = training ? 0 : steps;

  useEffect(() => {
    runRef.current = run;
  });

  useEffect(() => {
    const ask = () => {
      const q = runRef.current;
      if (q === null) return;
      const id = ++latest.current;
      void q().then((r) => {
        if (id === latest.current) setResult(r);
      });
    };
    if (runRef.current === null) {
      setResult(null);
      return;
    }
    ask();
    if (!training) return;
    const timer = setInterval(ask, LIVE_MS);
    return () => clearInterval(timer);
    // Re-asked when the question, the run or its state changes; steps only matter when paused.
  }, [key, training, vocabulary, pausedSteps]);

  return result;
}
