// The experiment being worked on, saved to IndexedDB a moment after every change (and when the
// page is hidden), with the experiments set aside; read back on start-up through the same
// checks as a link, since storage may hold a spec from an older LayerCake.
import { decodeExperimentJson } from '../../engine/spec/urlCodec';
import { templates, type TemplateName } from '../../engine/spec/templates';
import { storage, trySave } from './persistence';
import { parseRunRecord, type RunRecord } from './runRecord';
import { useAppStore } from './store';
import type { SetAsideWork } from './workSlice';

const EXPERIMENT_KEY = 'current';
const SET_ASIDE_KEY = 'set-aside';
/** Wait this long after a change before saving: typing and dragging come in bursts. */
const SAVE_DELAY_MS = 400;

function templateNameOf(value: unknown): TemplateName | null {
  return typeof value === 'string' && Object.hasOwn(templates, value)
    ? (value as TemplateName)
    : null;
}

export interface SavedWork {
  current: { spec: SetAsideWork['spec']; templateName: TemplateName | null } | null;
  setAside: SetAsideWork[];
  runs: RunRecord[];
  /** Saved things that could not be read back, in words. */
  problems: string[];
}

/** Everything saved, each piece checked; what fails a check is reported and left out. */
export async function readSavedWork(): Promise<SavedWork> {
  const out: SavedWork = { current: null, setAside: [], runs: [], problems: [] };
  try {
    const saved = (await storage.work.get(EXPERIMENT_KEY)) as
      { spec?: unknown; templateName?: unknown } | undefined;
    if (saved !== undefined) {
      const r = decodeExperimentJson(saved?.spec);
      if (r.ok) out.current = { spec: r.spec, templateName: templateNameOf(saved?.templateName) };
      else out.problems.push(`The saved experiment could not be read back: ${r.error.message}`);
    }
    const aside = await storage.work.get(SET_ASIDE_KEY);
    if (Array.isArray(aside)) {
      for (const w of aside as {
        id?: unknown;
        spec?: unknown;
        templateName?: unknown;
        savedAt?: unknown;
      }[]) {
        const r = decodeExperimentJson(w?.spec);
        if (r.ok && typeof w.id === 'string' && typeof w.savedAt === 'number')
          out.setAside.push({
            id: w.id,
            spec: r.spec,
            templateName: templateNameOf(w.templateName),
            savedAt: w.savedAt,
          });
      }
    }
    for (const [, value] of await storage.runs.entries()) {
      const r = parseRunRecord(value);
      if (r.ok) out.runs.push(r.run);
    }
  } catch (error) {
    out.problems.push(
      `Saved work could not be read: ${error instanceof Error ? error.message : String(error)}. New work is kept in this tab only.`,
    );
  }
  return out;
}

let timer: ReturnType<typeof setTimeout> | null = null;

async function saveNow(): Promise<void> {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  const { spec, templateName, setAside } = useAppStore.getState();
  const current = await trySave(
    storage.work,
    EXPERIMENT_KEY,
    { spec, templateName, savedAt: Date.now() },
    'your experiment',
  );
  const aside = current.ok
    ? await trySave(storage.work, SET_ASIDE_KEY, setAside, 'your set-aside experiments')
    : current;
  useAppStore.getState().reportStorage(aside);
}

/** Saves whenever the experiment or the set-aside list changes, from now on. */
export function startAutosave(): () => void {
  const unsubscribe = useAppStore.subscribe((state, previous) => {
    if (
      state.spec === previous.spec &&
      state.setAside === previous.setAside &&
      state.templateName === previous.templateName
    )
      return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => void saveNow(), SAVE_DELAY_MS);
  });
  const onHide = () => {
    if (timer !== null) void saveNow();
  };
  window.addEventListener('pagehide', onHide);
  document.addEventListener('visibilitychange', onHide);
  return () => {
    unsubscribe();
    window.removeEventListener('pagehide', onHide);
    document.removeEventListener('visibilitychange', onHide);
  };
}
