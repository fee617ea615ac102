// Repaints a view on animation frames whenever the race has moved on (or `draw` changed, i.e.
// what it shows did, or the view marked itself `dirty`), without re-rendering React.
import { useEffect, type RefObject } from 'react';
import type { Race } from './labRace';

export function useRaceFrames(
  race: RefObject<Race | null>,
  draw: (race: Race | null) => void,
  dirty?: RefObject<boolean>,
) {
  useEffect(() => {
    let request = 0;
    let painted: { race: Race | null; version: number } | null = null;
    const frame = () => {
      const r = race.current;
      const moved = r !== null && painted?.version !== r.version;
      if (painted === null || painted.race !== r || moved || dirty?.current) {
        if (dirty) dirty.current = false;
        draw(r);
        painted = { race: r, version: r?.version ?? 0 };
      }
      request = requestAnimationFrame(frame);
    };
    request = requestAnimationFrame(frame);
    return () => cancelAnimationFrame(request);
  }, [race, draw, dirty]);
}
