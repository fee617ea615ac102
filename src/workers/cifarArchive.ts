// Where the training worker finds CIFAR-10: the archive a person dropped on the page (kept in
// IndexedDB as the File itself, which the browser stores on disk, so the next visit needs
// nothing and the worker never holds the archive in memory), or else the one the install
// prepared under public/datasets/cifar10/.
import { createStore, get, set, type UseStore } from 'idb-keyval';
import { CIFAR_PREPARED_PATH, type CifarArchiveSource } from '../engine/data/registry';
const KEY = 'cifar10-archive';

let store: UseStore | null = null;
const archives = () => (store ??= createStore('layercake-datasets', 'archives'));

/** Bumped when a new archive is given, so a data set read from the old one is not reused. */
export let cifarArchiveVersion = 0;
/** An archive given in this session that IndexedDB could not keep (a full disk, private mode). */
let unsaved: { archive: Blob; name: string } | null = null;

/**
 * Keeps `file` as the CIFAR-10 archive; resolves to null, or to why it could not be kept for
 * the next visit (it is still used in this one).
 */
export async function keepCifarArchive(file: File): Promise<string | null> {
  cifarArchiveVersion++;
  unsaved = { archive: file, name: file.name };
  try {
    await set(KEY, { archive: file, name: file.name }, archives());
    unsaved = null;
    return null;
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return `The browser could not keep ${file.name} for your next visit (${reason}); it is used until you close the page.`;
  }
}

async function prepared(assetBase: URL): Promise<{ archive: Blob; name: string } | null> {
  const url = new URL(`datasets/${CIFAR_PREPARED_PATH}`, assetBase);
  const response = await fetch(url).catch(() => null);
  const type = response?.headers.get('content-type') ?? '';
  if (!response?.ok || type.includes('text/html')) return null;
  return { archive: await response.blob(), name: 'the prepared CIFAR-10 archive' };
}

/** The archive to read: the one given, else the prepared one; null when there is neither. */
export function cifarArchiveSource(assetBase: URL): CifarArchiveSource {
  return async () => {
    if (unsaved) return unsaved;
    const kept = (await get(KEY, archives()).catch(() => undefined)) as
      { archive: Blob; name: string } | undefined;
    return kept ?? prepared(assetBase);
  };
}
