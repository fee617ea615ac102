// Image folders of the user's own, kept in this browser: each set's image files (the Files
// themselves, which IndexedDB keeps on disk, so a set can be decoded again at another size)
// and its images decoded at the last size asked for (so a reload trains at once). A link names
// a set by its content fingerprint; these are the sets this browser can give it.
import { createStore, del, get, keys, set, type UseStore } from 'idb-keyval';
import { folderLayout } from '../engine/data/imageFolder';
import { imageFingerprint, sha256Hex } from '../engine/data/imageFingerprint';
import type { DecodedImages } from '../engine/data/imageSplit';
import type { ImageSetSource } from '../engine/data/registry';
import type { ImageFolderData, ImageSetSpec } from '../engine/spec/schema';
import { DatasetError } from '../engine/data/dataset';
import { decodeImages, type DecodeSettings } from './imageDecode';
import type { FolderFile, ImageFolderResult, KeptImageSet } from './engineApi';

let store: UseStore | null = null;
const sets = () => (store ??= createStore('layercake-image-sets', 'sets'));

/** What is kept of a set: its readable image files, their labels and given split. */
interface KeptFiles {
  info: KeptImageSet;
  files: Blob[];
  labels: Int32Array;
  givenTest: Uint8Array;
}

const setKey = (fingerprint: string) => `set:${fingerprint}`;
/** What the panel lists, apart from the files, so listing reads no file handles. */
const infoKey = (fingerprint: string) => `info:${fingerprint}`;
const decodedKey = (fingerprint: string) => `decoded:${fingerprint}`;
const settingsKey = (s: DecodeSettings) => `${s.size}×${s.channels}×${s.resize}`;

/** Bumped whenever a set is added or removed, so a data set read before is not reused. */
export let imageSetsVersion = 0;
/** Sets given in this session that IndexedDB could not keep (a full disk, private mode). */
const unsaved = new Map<string, KeptFiles>();
/** The images decoded last, for the load that follows a preview or a drop. */
let lastDecoded: { fingerprint: string; settings: string; images: DecodedImages } | null = null;

const examples = (paths: string[]) =>
  paths.slice(0, 3).join(', ') + (paths.length > 3 ? `, … (${paths.length - 3} more)` : '');

/**
 * Reads a folder given as files with their relative paths: its layout, every image decoded at
 * `settings`, its fingerprint; keeps it. Resolves to what the data spec should name.
 */
export async function readImageFolder(
  given: readonly FolderFile[],
  settings: DecodeSettings,
  onProgress?: (done: number, total: number, message: string) => void,
): Promise<ImageFolderResult> {
  const layout = folderLayout(given.map((f) => f.path));
  const files = layout.images.map((i) => given[i.file].file);
  const labels = Int32Array.from(layout.images, (i) => i.label);
  const givenTest = Uint8Array.from(layout.images, (i) => (i.test ? 1 : 0));
  const outcome = await decodeImages(
    files,
    labels,
    givenTest,
    settings,
    (fraction, message) =>
      onProgress?.(Math.round(fraction * files.length), files.length, message ?? ''),
    `${layout.name}`,
  );
  const { images, decoded, failed } = outcome;
  const failedPaths = failed.map((i) => layout.images[i].path);
  const classes = layout.classNames.map((name, k) => {
    let count = 0;
    let test = 0;
    for (let i = 0; i < images.count; i++)
      if (images.labels[i] === k) {
        count++;
        test += images.givenTest[i];
      }
    return { name, count, test };
  });
  const empty = classes.filter((c) => c.count === 0 || (layout.givenSplit && c.count === c.test));
  if (empty.length > 0)
    throw new DatasetError(
      `${layout.name}: no readable ${layout.givenSplit ? 'training ' : ''}image in ${empty.map((c) => `“${c.name}”`).join(', ')}` +
        (failed.length > 0
          ? ` (${failed.length} could not be decoded: ${examples(failedPaths)})`
          : ''),
    );
  onProgress?.(files.length, files.length, `Fingerprinting ${layout.name}…`);
  const entries = [];
  for (const i of decoded) {
    const image = layout.images[i];
    entries.push({
      path: image.path,
      className: layout.classNames[image.label],
      test: image.test,
      sha256: await sha256Hex(await files[i].arrayBuffer()),
    });
  }
  const fingerprint = await imageFingerprint(entries);
  const spec: ImageSetSpec = { fingerprint, name: layout.name.slice(0, 64), classes };
  const keptFiles = decoded.map((i) => files[i]);
  const bytes = keptFiles.reduce((n, f) => n + f.size, 0);
  const kept: KeptFiles = {
    info: { set: spec, images: images.count, bytes, keptAt: Date.now() },
    files: keptFiles,
    labels: images.labels,
    givenTest: images.givenTest,
  };
  imageSetsVersion++;
  lastDecoded = { fingerprint, settings: settingsKey(settings), images };
  let note: string | null = null;
  try {
    await set(setKey(fingerprint), kept, sets());
    await set(infoKey(fingerprint), kept.info, sets());
    await set(decodedKey(fingerprint), { settings: settingsKey(settings), images }, sets());
    unsaved.delete(fingerprint);
  } catch (error) {
    unsaved.set(fingerprint, kept);
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    note = `The browser could not keep “${layout.name}” for your next visit (${reason}); it is used until you close the page.`;
  }
  return {
    ok: true,
    set: spec,
    givenSplit: layout.givenSplit,
    skipped: layout.skipped.length,
    skippedExamples: layout.skipped.slice(0, 3),
    undecodable: failed.length,
    undecodableExamples: failedPaths.slice(0, 3),
    note,
  };
}

/** Every set this browser holds, newest first. */
export async function keptImageSets(): Promise<KeptImageSet[]> {
  const found = new Map<string, KeptImageSet>();
  for (const [fingerprint, kept] of unsaved) found.set(fingerprint, kept.info);
  const all = (await keys(sets()).catch(() => [])) as string[];
  for (const key of all.filter((k) => typeof k === 'string' && k.startsWith('info:'))) {
    const info = (await get(key, sets()).catch(() => undefined)) as KeptImageSet | undefined;
    if (info) found.set(info.set.fingerprint, info);
  }
  return [...found.values()].sort((a, b) => b.keptAt - a.keptAt);
}

/** Forgets a set: its files and decoded images leave IndexedDB. */
export async function removeImageSet(fingerprint: string): Promise<void> {
  imageSetsVersion++;
  unsaved.delete(fingerprint);
  if (lastDecoded?.fingerprint === fingerprint) lastDecoded = null;
  await del(infoKey(fingerprint), sets());
  await del(setKey(fingerprint), sets());
  await del(decodedKey(fingerprint), sets());
}

/** Where a load finds a set's images at the spec's size: memory, kept bytes, or kept files. */
export function imageSetSource(): ImageSetSource {
  return async (data: ImageFolderData & { set: ImageSetSpec }, onProgress) => {
    const { fingerprint } = data.set;
    const settings = settingsKey(data);
    if (lastDecoded?.fingerprint === fingerprint && lastDecoded.settings === settings)
      return lastDecoded.images;
    const kept =
      unsaved.get(fingerprint) ??
      ((await get(setKey(fingerprint), sets()).catch(() => undefined)) as KeptFiles | undefined);
    if (!kept) return null;
    const stored = (await get(decodedKey(fingerprint), sets()).catch(() => undefined)) as
      { settings: string; images: DecodedImages } | undefined;
    if (stored?.settings === settings) {
      lastDecoded = { fingerprint, settings, images: stored.images };
      return stored.images;
    }
    const { images } = await decodeImages(
      kept.files,
      kept.labels,
      kept.givenTest,
      data,
      onProgress,
      `“${data.set.name}”`,
    );
    lastDecoded = { fingerprint, settings, images };
    // Only the latest size is kept decoded: the files can make any other.
    await set(decodedKey(fingerprint), { settings, images }, sets()).catch(() => undefined);
    return images;
  };
}
