// Where the page keeps a person's work between visits: IndexedDB, through idb-keyval, in a
// database of its own ("layercake-work"). Nothing here leaves the browser. Every write says
// whether it worked, so a full disk or a storage-blocking browser is reported, not swallowed.
import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';

export type SaveResult = { ok: true } | { ok: false; message: string };

/** The few operations the page needs; a memory-backed one stands in for tests. */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  entries(): Promise<[string, unknown][]>;
}

export function idbStore(dbName: string, storeName: string): KeyValueStore {
  let store: UseStore | null = null;
  const opened = () => (store ??= createStore(dbName, storeName));
  return {
    get: (key) => get(key, opened()),
    set: (key, value) => set(key, value, opened()),
    delete: (key) => del(key, opened()),
    entries: async () =>
      (await entries<IDBValidKey, unknown>(opened())).map(([k, v]) => [String(k), v]),
  };
}

export function memoryStore(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => void data.set(key, structuredClone(value)),
    delete: async (key) => void data.delete(key),
    entries: async () => [...data.entries()].map(([k, v]) => [k, structuredClone(v)]),
  };
}

/** A person's words for why a write failed. */
export function describeStorageError(error: unknown, what: string): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError')
    return `Could not save ${what}: this browser's storage for LayerCake is full. Delete some runs (or export them first) to make room.`;
  if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError')
    return `Could not save ${what}: this browser does not let the page keep data (a private window, or storage turned off). Your work lasts until the tab closes.`;
  const detail = error instanceof Error ? error.message : String(error);
  return `Could not save ${what}: ${detail || 'the browser refused'}.`;
}

export async function trySave(
  store: KeyValueStore,
  key: string,
  value: unknown,
  what: string,
): Promise<SaveResult> {
  try {
    await store.set(key, value);
    return { ok: true };
  } catch (error) {
    return { ok: false, message: describeStorageError(error, what) };
  }
}

/**
 * The page's two stores: the experiment being worked on (and set-aside ones), and the runs.
 * Tests put memory stores here.
 */
export const storage: { work: KeyValueStore; runs: KeyValueStore } = {
  work: idbStore('layercake-work', 'experiments'),
  runs: idbStore('layercake-runs', 'runs'),
};
