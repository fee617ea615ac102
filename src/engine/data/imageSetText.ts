// An image set of the user's own, in words: for the data panel, the share dialog, and the
// message a browser that does not hold the set gives when a link asks for it. Plain text; the
// page shows it as text, never as markup.
import type { ImageSetSpec } from '../spec/schema';

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** "“shapes”, 90 images, 3 classes (circle, square, triangle)" — at most six class names. */
export function describeImageSet(set: ImageSetSpec): string {
  const images = set.classes.reduce((n, c) => n + c.count, 0);
  const names = set.classes.map((c) => c.name);
  const shown = names.length <= 6 ? names.join(', ') : `${names.slice(0, 5).join(', ')}, …`;
  return `“${set.name}”, ${plural(images, 'image')}, ${plural(names.length, 'class', 'classes')} (${shown})`;
}

/** Why an experiment cannot load: it names a folder this browser does not hold. */
export function missingImageSetMessage(set: ImageSetSpec | null): string {
  if (set === null)
    return 'This experiment trains on an image folder of your own: drop a folder of images (one subfolder per class) on the Data panel.';
  return (
    `This experiment trains on an image folder of your own: ${describeImageSet(set)}. ` +
    'This browser does not hold it; drop that folder on the Data panel to run it (the images never travel in a link).'
  );
}
