// The live state a lesson's checks read, from the store and the lab's race, re-read whenever
// any of it changes (the run's numbers change tens of times a second at most).
import { useMemo, useSyncExternalStore } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { getTraceLive, subscribeTraceLive } from '../backprop/backpropLive';
import { getLabLive, subscribeLabLive } from '../lab/labLive';
import { getMapsLive, subscribeMapsLive } from '../tsne/mapLive';
import { getNeighboursLive, subscribeNeighboursLive } from '../words/wordsLive';
import { useAppStore } from '../store/store';
import type { LiveState } from './checks';

export function useLiveState(): LiveState {
  const run = useAppStore(
    useShallow((s) => ({
      state: s.run.state,
      message: s.run.message,
      step: s.run.step,
      loss: s.run.loss,
      testLoss: s.run.testLoss,
      testAccuracy: s.run.testAccuracy,
    })),
  );
  const spec = useAppStore((s) => s.spec);
  const selectedRunIds = useAppStore((s) => s.selectedRunIds);
  const lab = useAppStore((s) => s.lab);
  const testReportStep = useAppStore((s) => s.testReport?.report.step ?? null);
  const track = useAppStore((s) => s.curvatureTrack);
  const labLive = useSyncExternalStore(subscribeLabLive, getLabLive);
  const trace = useSyncExternalStore(subscribeTraceLive, getTraceLive);
  const neighbours = useSyncExternalStore(subscribeNeighboursLive, getNeighboursLive);
  const maps = useSyncExternalStore(subscribeMapsLive, getMapsLive);
  const words = useAppStore(
    useShallow((s) => ({
      state: s.words.state as string,
      words: s.words.progress?.words ?? 0,
      wordsPlanned: s.words.progress?.wordsPlanned ?? 0,
    })),
  );
  const latest = track.length > 0 ? track[track.length - 1] : null;
  const curvature = useMemo(
    () =>
      latest === null
        ? null
        : { count: track.length, max: latest.max, min: latest.min, step: latest.step },
    [track.length, latest],
  );
  return {
    run,
    spec,
    selectedRunIds,
    lab,
    labLive,
    testReportStep,
    curvature,
    trace,
    words,
    neighbours,
    maps,
  };
}
