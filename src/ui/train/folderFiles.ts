// The files of a folder a person gave the page, each with its path below (and including) the
// folder: from a webkitdirectory file input, or from a drop, by walking the dropped directory
// entries. Only handles to the files are gathered here; the worker reads and decodes them.
import type { FolderFile } from '../../workers/engineApi';

/** From `<input type="file" webkitdirectory>`: each File knows its relative path. */
export function filesFromInput(files: FileList | null): FolderFile[] {
  return Array.from(files ?? [], (file) => ({ path: file.webkitRelativePath || file.name, file }));
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** A directory's entries: readEntries gives them in batches (of 100 in Chromium) until empty. */
async function entriesOf(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function walk(entry: FileSystemEntry, out: FolderFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await fileOf(entry as FileSystemFileEntry);
    out.push({ path: entry.fullPath.replace(/^\/+/, ''), file });
  } else if (entry.isDirectory) {
    for (const child of await entriesOf(entry as FileSystemDirectoryEntry)) await walk(child, out);
  }
}

/**
 * The files of whatever was dropped (folders, walked; loose files, as they are). The entries
 * must be taken during the drop event itself: the DataTransfer empties once it returns.
 */
export function filesFromDrop(transfer: DataTransfer): Promise<FolderFile[]> {
  const entries = Array.from(transfer.items, (item) => item.webkitGetAsEntry()).filter(
    (e): e is FileSystemEntry => e !== null,
  );
  return (async () => {
    const out: FolderFile[] = [];
    for (const entry of entries) await walk(entry, out);
    return out;
  })();
}
