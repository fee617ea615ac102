// What a data set's samples are called in captions: digits for MNIST, images for CIFAR-10,
// points for the toy sets; and how much room its class names need beside a chart.
import type { DataSpec } from '../../engine/spec/schema';

export function sampleNoun(dataset: DataSpec['dataset']): { one: string; many: string } {
  if (dataset === 'mnist') return { one: 'digit', many: 'digits' };
  if (dataset === 'cifar10' || dataset === 'images') return { one: 'image', many: 'images' };
  return { one: 'point', many: 'points' };
}

/**
 * The width in pixels the longest of `names` takes in a `px` system-ui font, estimated (0.6 em
 * a character: wide enough for lower-case words, no canvas needed to measure before drawing).
 */
export function labelWidth(names: readonly string[], px: number): number {
  const longest = names.reduce((n, s) => Math.max(n, s.length), 0);
  return Math.ceil(longest * px * 0.6);
}
