import { describe, expect, it } from 'vitest';
import { folderLayout, MAX_FOLDER_IMAGES } from './imageFolder';

const paths = (root: string, classes: Record<string, number>) =>
  Object.entries(classes).flatMap(([c, n]) =>
    Array.from({ length: n }, (_, i) => `${root}/${c}/${i}.png`),
  );

describe('folderLayout', () => {
  it('reads root/<class>/<image>: the picked folder is the name, subfolders the sorted classes', () => {
    const layout = folderLayout(paths('shapes', { triangle: 2, circle: 3, square: 1 }));
    expect(layout.name).toBe('shapes');
    expect(layout.classNames).toEqual(['circle', 'square', 'triangle']);
    expect(layout.givenSplit).toBe(false);
    expect(layout.images.map((i) => i.path)).toEqual([
      'circle/0.png',
      'circle/1.png',
      'circle/2.png',
      'square/0.png',
      'triangle/0.png',
      'triangle/1.png',
    ]);
    expect(layout.images.map((i) => i.label)).toEqual([0, 0, 0, 1, 2, 2]);
  });

  it('points back at the files it was given, whatever order they came in', () => {
    const given = ['f/b/2.jpg', 'f/a/1.PNG', 'f/b/1.webp', 'f/a/0.gif'];
    const layout = folderLayout(given);
    expect(layout.images.map((i) => given[i.file])).toEqual([
      'f/a/0.gif',
      'f/a/1.PNG',
      'f/b/1.webp',
      'f/b/2.jpg',
    ]);
  });

  it('skips non-images and loose files, counts them; ignores file-manager clutter', () => {
    const layout = folderLayout([
      ...paths('shapes', { a: 2, b: 2 }),
      'shapes/README.txt',
      'shapes/a/notes.md',
      'shapes/cover.png',
      'shapes/.DS_Store',
      'shapes/a/.DS_Store',
      'shapes/__MACOSX/a/._0.png',
    ]);
    expect(layout.classNames).toEqual(['a', 'b']);
    expect(layout.images).toHaveLength(4);
    expect(layout.skipped.sort()).toEqual(['README.txt', 'a/notes.md', 'cover.png']);
  });

  it('accepts the class folders dropped directly (no common root), and Windows separators', () => {
    const layout = folderLayout(['cat\\1.png', 'dog\\1.png', 'dog\\2.png']);
    expect(layout.name).toBe('images');
    expect(layout.classNames).toEqual(['cat', 'dog']);
  });

  it('takes an image nested deeper as its class folder’s (as ImageFolder does)', () => {
    const layout = folderLayout(['p/cat/x/1.png', 'p/dog/1.png']);
    expect(layout.images.map((i) => [i.path, i.label])).toEqual([
      ['cat/x/1.png', 0],
      ['dog/1.png', 1],
    ]);
  });

  it('reads root/train/<class> and root/test/<class> as the folder’s own split', () => {
    const layout = folderLayout([
      ...paths('set/train', { cat: 3, dog: 2 }),
      ...paths('set/test', { cat: 1, dog: 1 }),
    ]);
    expect(layout.name).toBe('set');
    expect(layout.givenSplit).toBe(true);
    expect(layout.classNames).toEqual(['cat', 'dog']);
    expect(layout.images.filter((i) => i.test).map((i) => i.path)).toEqual([
      'test/cat/0.png',
      'test/dog/0.png',
    ]);
  });

  it('a folder named train without a test beside it is an ordinary class', () => {
    const layout = folderLayout(paths('x', { train: 2, other: 2 }));
    expect(layout.givenSplit).toBe(false);
    expect(layout.classNames).toEqual(['other', 'train']);
  });

  it('says what is wrong: one class, no class folders, a class with no training images', () => {
    expect(() => folderLayout(paths('shapes', { circle: 4 }))).toThrow(
      /images of one class only \("circle"\)/,
    );
    expect(() => folderLayout(['a.png', 'b.png'])).toThrow(/no images in class folders/);
    expect(() => folderLayout(['x/a/readme.txt', 'x/b/notes.txt'])).toThrow(
      /no images in class folders/,
    );
    expect(() =>
      folderLayout([...paths('s/train', { cat: 2 }), ...paths('s/test', { cat: 1, dog: 1 })]),
    ).toThrow(/"dog" has test images but no training images/);
  });

  it('refuses more images than it can hold, with the count', () => {
    const many = Array.from(
      { length: MAX_FOLDER_IMAGES + 1 },
      (_, i) => `r/${i % 2 ? 'a' : 'b'}/${i}.png`,
    );
    expect(() => folderLayout(many)).toThrow(/20,001 images; LayerCake reads at most 20,000/);
  });
});
