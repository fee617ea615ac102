// The run history: every run recorded (see runRecorder), newest first, which of them are
// picked for comparison, and what went wrong saving them. Each action that changes a run also
// writes it to IndexedDB, one key per run, so a long history is never rewritten whole.
import type { StateCreator } from 'zustand';
import { storage, trySave, describeStorageError, type SaveResult } from './persistence';
import type { RunRecord } from './runRecord';
import type { AppState } from './store';

/** Runs kept; saving one more forgets the oldest. */
export const MAX_RUNS = 200;

export interface RunsSlice {
  runs: RunRecord[];
  selectedRunIds: string[];
  /** The latest failure to save anything (the experiment or a run); null once a save works again. */
  storageProblem: string | null;
  hydrateRuns: (runs: RunRecord[]) => void;
  /** Adds or replaces a run (by id) and saves it. */
  saveRun: (run: RunRecord) => Promise<SaveResult>;
  renameRun: (id: string, name: string) => void;
  deleteRuns: (ids: string[]) => void;
  /** Adds runs from a file; ids already present are skipped. Returns how many were added. */
  importRuns: (runs: RunRecord[]) => number;
  toggleRunSelected: (id: string) => void;
  setRunSelection: (ids: string[]) => void;
  reportStorage: (result: SaveResult) => void;
}

const byNewest = (a: RunRecord, b: RunRecord) => b.createdAt - a.createdAt;

export const createRunsSlice: StateCreator<AppState, [], [], RunsSlice> = (set, get) => {
  const persist = async (run: RunRecord): Promise<SaveResult> => {
    const result = await trySave(storage.runs, run.id, run, `the run “${run.name}”`);
    get().reportStorage(result);
    return result;
  };
  const forget = (ids: string[]) => {
    for (const id of ids)
      storage.runs
        .delete(id)
        .catch((error: unknown) =>
          get().reportStorage({ ok: false, message: describeStorageError(error, 'the run list') }),
        );
  };
  /** Keeps the newest MAX_RUNS; the ones pushed out are deleted from storage too. */
  const capped = (runs: RunRecord[]): RunRecord[] => {
    const sorted = [...runs].sort(byNewest);
    if (sorted.length > MAX_RUNS) forget(sorted.slice(MAX_RUNS).map((r) => r.id));
    return sorted.slice(0, MAX_RUNS);
  };

  return {
    runs: [],
    selectedRunIds: [],
    storageProblem: null,

    hydrateRuns: (runs) => {
      // Runs recorded in this page before storage answered stay.
      const known = new Set(get().runs.map((r) => r.id));
      set({ runs: capped([...get().runs, ...runs.filter((r) => !known.has(r.id))]) });
    },

    saveRun: (run) => {
      const others = get().runs.filter((r) => r.id !== run.id);
      set({ runs: capped([...others, run]) });
      return persist(run);
    },

    renameRun: (id, name) => {
      const run = get().runs.find((r) => r.id === id);
      const trimmed = name.trim().slice(0, 200);
      if (!run || trimmed === '' || trimmed === run.name) return;
      void get().saveRun({ ...run, name: trimmed });
    },

    deleteRuns: (ids) => {
      const gone = new Set(ids);
      set({
        runs: get().runs.filter((r) => !gone.has(r.id)),
        selectedRunIds: get().selectedRunIds.filter((id) => !gone.has(id)),
      });
      forget(ids);
    },

    importRuns: (runs) => {
      const known = new Set(get().runs.map((r) => r.id));
      const fresh = runs.filter((r) => !known.has(r.id));
      set({ runs: capped([...get().runs, ...fresh]) });
      for (const run of fresh) void persist(run);
      return fresh.length;
    },

    toggleRunSelected: (id) => {
      const selected = get().selectedRunIds;
      set({
        selectedRunIds: selected.includes(id)
          ? selected.filter((s) => s !== id)
          : [...selected, id],
      });
    },

    setRunSelection: (ids) => set({ selectedRunIds: ids }),

    reportStorage: (result) => {
      const next = result.ok ? null : result.message;
      if (next !== get().storageProblem) set({ storageProblem: next });
    },
  };
};
