// Tells the worker what the open panels want probed (a test sample or the drawing; filters when
// their panel is open, the saliency when the feature maps' is), whenever that changes, and
// nothing when every panel is closed. One request in flight at a time; while one is, only the
// latest change waits, so drawing fast sends the latest stroke, not every one.
import { useEffect } from 'react';
import type { ProbeRequest } from '../../engine/analysis/insightFrames';
import { getEngine } from '../app/engineClient';
import { useAppStore, type AppState } from '../store/store';

export function probeRequestOf(
  s: Pick<AppState, 'openPanels' | 'probeInput'>,
): ProbeRequest | null {
  const open = s.openPanels;
  if (!open.featureMaps && !open.filters && !open.draw) return null;
  return { input: s.probeInput, filters: open.filters, saliency: open.featureMaps };
}

export function useProbeRequests(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let inFlight = false;
    let pending = false;
    let stopped = false;
    const send = () => {
      if (inFlight) {
        pending = true;
        return;
      }
      inFlight = true;
      const request = stopped ? null : probeRequestOf(useAppStore.getState());
      void getEngine()
        .setProbe(request)
        .catch(() => undefined)
        .finally(() => {
          inFlight = false;
          if (pending) {
            pending = false;
            send();
          }
        });
    };
    send();
    const unsubscribe = useAppStore.subscribe((s, previous) => {
      if (s.openPanels !== previous.openPanels || s.probeInput !== previous.probeInput) send();
    });
    return () => {
      unsubscribe();
      stopped = true;
      send();
    };
  }, [enabled]);
}
