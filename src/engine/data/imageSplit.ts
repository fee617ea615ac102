// From a user's image folder, decoded to bytes, to a Dataset: the folder's own train/test split
// when it has one, else a seeded split stratified per class (each class gives the same share to
// testing, so a small class is not left out of the test set by chance).
import type { ImageFolderData, ImageSetSpec } from '../spec/schema';
import { RandomStream, SeededRandom } from '../rng';
import { channelStats } from './cifar';
import type { DataSplit, Dataset } from './dataset';

/** Every readable image of a folder, resized: the layout CIFAR-10 arrives in (CHW bytes). */
export interface DecodedImages {
  size: number;
  channels: 1 | 3;
  count: number;
  /** count × channels × size × size bytes, each image's planes one after another. */
  pixels: Uint8Array;
  labels: Int32Array;
  /** 1 where the image is in the folder's own test split. */
  givenTest: Uint8Array;
}

/** Of a class of `count` images, how many go to testing: at least one, and one stays to train. */
export function testCountOf(count: number, fraction: number): number {
  if (count < 2) return 0;
  return Math.min(count - 1, Math.max(1, Math.round(count * fraction)));
}

/** Whether the set brings its own train/test split. */
export function hasGivenSplit(set: ImageSetSpec): boolean {
  return set.classes.some((c) => c.test > 0);
}

/** Training and test images of a set under the spec's split, known without its images. */
export function imageSetSplitSizes(
  set: ImageSetSpec,
  testFraction: number,
): { train: number; test: number } {
  const given = hasGivenSplit(set);
  let test = 0;
  let total = 0;
  for (const c of set.classes) {
    total += c.count;
    test += given ? c.test : testCountOf(c.count, testFraction);
  }
  return { train: total - test, test };
}

/**
 * Which images are test images: the given split, or per class a seeded draw of
 * testCountOf(class size) of them. Returns the train and test indices, each in a seeded
 * shuffled order so a preview of the first test images shows every class.
 */
export function splitIndices(
  labels: Int32Array,
  givenTest: Uint8Array | null,
  classes: number,
  testFraction: number,
  seed: number,
): { train: Int32Array; test: Int32Array } {
  const random = new SeededRandom(seed, RandomStream.imageSplit);
  const train: number[] = [];
  const test: number[] = [];
  for (let k = 0; k < classes; k++) {
    const members: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === k) members.push(i);
    if (givenTest) {
      for (const i of members) (givenTest[i] ? test : train).push(i);
      continue;
    }
    random.shuffle(members);
    const n = testCountOf(members.length, testFraction);
    test.push(...members.slice(0, n));
    train.push(...members.slice(n));
  }
  const trainOrder = Int32Array.from(train);
  const testOrder = Int32Array.from(test);
  random.shuffle(trainOrder);
  random.shuffle(testOrder);
  return { train: trainOrder, test: testOrder };
}

function gather(images: DecodedImages, order: Int32Array): DataSplit {
  const row = images.channels * images.size * images.size;
  const inputs = new Uint8Array(order.length * row);
  const labels = new Int32Array(order.length);
  order.forEach((i, at) => {
    inputs.set(images.pixels.subarray(i * row, (i + 1) * row), at * row);
    labels[at] = images.labels[i];
  });
  return { inputs, labels, count: order.length };
}

/** The Dataset the spec trains on, from the folder's decoded images. */
export function imageFolderDataset(
  data: ImageFolderData & { set: ImageSetSpec },
  images: DecodedImages,
  seed: number,
): Dataset {
  const classNames = data.set.classes.map((c) => c.name);
  const given = hasGivenSplit(data.set) ? images.givenTest : null;
  const order = splitIndices(images.labels, given, classNames.length, data.testFraction, seed);
  const train = gather(images, order.train);
  const plane = images.size * images.size;
  return {
    name: `images:${data.set.name}`,
    sampleShape: [images.channels, images.size, images.size],
    classes: classNames.length,
    classNames,
    train,
    test: gather(images, order.test),
    channelStats: channelStats(train.inputs as Uint8Array, train.count, images.channels, plane),
  };
}
