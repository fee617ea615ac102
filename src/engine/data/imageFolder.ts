// An image folder's layout, from its files' relative paths alone: root/<class>/<images>, the
// class being the immediate subfolder's name (as torchvision's ImageFolder reads it), or
// root/train/<class> and root/test/<class> for a folder that brings its own split. Pure, so it
// is tested in Node; the worker decodes the files this says to read.
import { hasControlCharacter, MAX_IMAGE_CLASSES } from '../spec/schema';
import { DatasetError } from './dataset';

/** What createImageBitmap decodes in every browser LayerCake runs in, by file name. */
export const IMAGE_FILE = /\.(png|jpe?g|webp|gif|bmp)$/i;
/** Names a file manager leaves beside the images (".DS_Store", "__MACOSX/…", "Thumbs.db"). */
export const CLUTTER = /^(\.|__MACOSX$|Thumbs\.db$|desktop\.ini$)/i;
const SPLIT_FOLDERS = { train: 'train', test: 'test' } as const;

/** At most this many images: 20,000 colour images of 64×64 are 246 MB as bytes. */
export const MAX_FOLDER_IMAGES = 20_000;

export interface FolderImage {
  /** Index into the list of files the layout was made from. */
  file: number;
  /** The path below the folder's root, '/'-separated ("cat/1.png", "train/cat/1.png"). */
  path: string;
  label: number;
  /** In the folder's own test split. */
  test: boolean;
}

export interface FolderLayout {
  /** The folder's own name (the root of the paths), or "images" when the paths have none. */
  name: string;
  classNames: string[];
  /** Sorted by path, so the order (and the fingerprint) does not depend on how files arrived. */
  images: FolderImage[];
  /** Whether the folder brought train/ and test/ splits. */
  givenSplit: boolean;
  /** Files that are not images by their name, or lie outside any class folder. */
  skipped: string[];
}

const segmentsOf = (path: string) => path.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');

/**
 * The layout of the files at `paths` (webkitRelativePath of a picked folder, or the fullPath of
 * dropped entries). Throws a DatasetError a person can act on when it is not an image folder.
 */
export function folderLayout(paths: readonly string[]): FolderLayout {
  const all = paths.map(segmentsOf);
  // The root folder(s) the person picked: leading directories every file shares.
  let root: string[] = [];
  for (;;) {
    const first = all[0]?.[root.length];
    const depth = root.length;
    // A directory above every file, that still leaves class folders below it.
    const shared =
      first !== undefined &&
      all.every((s) => s.length > depth + 1 && s[depth] === first) &&
      all.some((s) => s.length > depth + 2);
    if (!shared) break;
    root = [...root, first];
  }
  const name = root.at(-1) ?? 'images';
  const below = all.map((s) => s.slice(root.length));
  const kept = below
    .map((s, file) => ({ s, file }))
    .filter(({ s }) => !s.some((p) => CLUTTER.test(p)));
  const isSplit = (s: string[], split: string) => s.length >= 3 && s[0].toLowerCase() === split;
  const givenSplit =
    kept.some(({ s }) => isSplit(s, SPLIT_FOLDERS.train)) &&
    kept.some(({ s }) => isSplit(s, SPLIT_FOLDERS.test));

  const skipped: string[] = [];
  const found: { file: number; path: string; className: string; test: boolean }[] = [];
  for (const { s, file } of kept) {
    const path = s.join('/');
    const inSplit = givenSplit
      ? isSplit(s, 'train')
        ? 'train'
        : isSplit(s, 'test')
          ? 'test'
          : null
      : null;
    const classAt = givenSplit ? 1 : 0;
    if ((givenSplit && inSplit === null) || s.length < classAt + 2 || !IMAGE_FILE.test(s.at(-1)!)) {
      skipped.push(path);
      continue;
    }
    found.push({ file, path, className: s[classAt], test: inSplit === 'test' });
  }

  const classNames = [...new Set(found.map((f) => f.className))].sort(compareNames);
  if (classNames.length < 2) {
    const what =
      classNames.length === 0
        ? 'no images in class folders'
        : `images of one class only ("${classNames[0]}")`;
    throw new DatasetError(
      `${name}: the folder holds ${what}. Put each class's images in a folder of its own, ` +
        `e.g. ${name}/cat/1.png and ${name}/dog/1.png (at least two classes).`,
    );
  }
  if (classNames.length > MAX_IMAGE_CLASSES)
    throw new DatasetError(
      `${name}: ${classNames.length} class folders; LayerCake trains on at most ${MAX_IMAGE_CLASSES} classes.`,
    );
  const bad = classNames.find((c) => c.length > 64 || hasControlCharacter(c));
  if (bad !== undefined)
    throw new DatasetError(
      `${name}: the class folder name "${bad.slice(0, 64)}" is too long or has control characters.`,
    );
  if (found.length > MAX_FOLDER_IMAGES)
    throw new DatasetError(
      `${name}: ${found.length.toLocaleString('en')} images; LayerCake reads at most ${MAX_FOLDER_IMAGES.toLocaleString('en')} (they are held in memory as bytes). Pick a smaller folder.`,
    );
  const label = new Map(classNames.map((c, k) => [c, k]));
  const images = found
    .map((f) => ({ file: f.file, path: f.path, label: label.get(f.className)!, test: f.test }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (givenSplit) {
    const untrained = classNames.filter((_, k) => !images.some((i) => i.label === k && !i.test));
    if (untrained.length > 0)
      throw new DatasetError(
        `${name}: the class${untrained.length > 1 ? 'es' : ''} ${untrained.map((c) => `"${c}"`).join(', ')} ha${untrained.length > 1 ? 've' : 's'} test images but no training images under train/.`,
      );
  }
  return { name, classNames, images, givenSplit, skipped };
}

/** Code-point order, so every browser and Python's sorted() agree on the class labels. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
