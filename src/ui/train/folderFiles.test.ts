// Dropped folders are walked through their directory entries; readEntries hands them out in
// batches (100 at a time in Chromium) until it returns none, so a mock does the same.
import { describe, expect, it } from 'vitest';
import { filesFromDrop, filesFromInput } from './folderFiles';

type Tree = { [name: string]: Tree | string };

function entry(name: string, node: Tree | string, parent: string): FileSystemEntry {
  const fullPath = `${parent}/${name}`;
  if (typeof node === 'string') {
    const file = new File([node], name);
    return {
      isFile: true,
      isDirectory: false,
      name,
      fullPath,
      file: (ok: (f: File) => void) => setTimeout(() => ok(file)),
    } as unknown as FileSystemEntry;
  }
  const children = Object.entries(node).map(([n, child]) => entry(n, child, fullPath));
  return {
    isFile: false,
    isDirectory: true,
    name,
    fullPath,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (ok: (batch: FileSystemEntry[]) => void) =>
          setTimeout(() => {
            ok(children.slice(at, at + 2));
            at += 2;
          }),
      };
    },
  } as unknown as FileSystemEntry;
}

function drop(tree: Tree): DataTransfer {
  const items = Object.entries(tree).map(([name, node]) => ({
    webkitGetAsEntry: () => entry(name, node, ''),
  }));
  return { items } as unknown as DataTransfer;
}

describe('folder files', () => {
  it('walks a dropped folder, every batch of every directory, with paths below the drop', async () => {
    const files = await filesFromDrop(
      drop({
        shapes: {
          circle: { '0.png': 'a', '1.png': 'b', '2.png': 'c' },
          square: { '0.png': 'd', deeper: { '9.png': 'e' } },
          'README.txt': 'f',
        },
      }),
    );
    expect(files.map((f) => f.path).sort()).toEqual([
      'shapes/README.txt',
      'shapes/circle/0.png',
      'shapes/circle/1.png',
      'shapes/circle/2.png',
      'shapes/square/0.png',
      'shapes/square/deeper/9.png',
    ]);
    const readme = files.find((f) => f.path.endsWith('README.txt'))!;
    expect(await readme.file.text()).toBe('f');
  });

  it('takes the path a folder input gives each file', () => {
    const file = new File(['x'], '1.png');
    Object.defineProperty(file, 'webkitRelativePath', { value: 'shapes/circle/1.png' });
    const list = { length: 1, 0: file, [Symbol.iterator]: [file][Symbol.iterator].bind([file]) };
    expect(filesFromInput(list as unknown as FileList)).toEqual([
      { path: 'shapes/circle/1.png', file },
    ]);
  });
});
