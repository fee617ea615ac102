// From a spec's data section to a loaded data set, and to the affine map x·scale + shift the
// gather kernel applies to raw inputs as it assembles each minibatch on the device.
import type { DataSpec, ImageFolderData, ImageSetSpec } from '../spec/schema';
import { cifarFromArchive } from './cifar';
import { DatasetError, type Dataset } from './dataset';
import type { FetchBytes, LoadProgress } from './fetchBytes';
import { imageFolderDataset, type DecodedImages } from './imageSplit';
import { missingImageSetMessage } from './imageSetText';
import { loadMnist } from './mnist';
import { makeToyDataset } from './toy2d';

/** The experiment trains on an image folder this browser does not hold (or names none yet). */
export class MissingImageSetError extends DatasetError {
  constructor(set: ImageSetSpec | null) {
    super(missingImageSetMessage(set));
  }
}

/** MNIST's pixel mean and standard deviation on [0, 1], the values of the classic recipe. */
const MNIST_MEAN = 0.1307;
const MNIST_STD = 0.3081;

/** Where the install puts CIFAR-10 when it finds an archive (see scripts/prepare-datasets.mjs). */
/** Served as .gzbin: a dev server would mark .gz as Content-Encoding: gzip and inflate it. */
export const CIFAR_PREPARED_PATH = 'cifar10/cifar-10-binary.tar.gzbin';

/**
 * The CIFAR-10 archive to read: one the user gave (the worker keeps it in IndexedDB), else
 * the prepared one; null when there is neither.
 */
export type CifarArchiveSource = () => Promise<{ archive: Blob; name: string } | null>;

/**
 * A user's image folder, decoded at the spec's size, channels and resize mode; null when this
 * browser does not hold the set (Node never does: it has no image decoder).
 */
export type ImageSetSource = (
  data: ImageFolderData & { set: ImageSetSpec },
  onProgress?: LoadProgress,
) => Promise<DecodedImages | null>;

async function preparedCifar(
  fetchBytes: FetchBytes,
): Promise<{ archive: Blob; name: string } | null> {
  try {
    const bytes = await fetchBytes(CIFAR_PREPARED_PATH);
    return { archive: new Blob([bytes as Uint8Array<ArrayBuffer>]), name: CIFAR_PREPARED_PATH };
  } catch {
    return null;
  }
}

/**
 * The data set a spec names; `seed` draws the toy sets, `fetchBytes` reads prepared files,
 * `cifarArchive` finds CIFAR-10 (by default the prepared archive, through fetchBytes).
 */
export async function datasetForSpec(
  data: DataSpec,
  seed: number,
  fetchBytes: FetchBytes,
  onProgress?: LoadProgress,
  cifarArchive: CifarArchiveSource = () => preparedCifar(fetchBytes),
  imageSets: ImageSetSource = async () => null,
): Promise<Dataset> {
  if (data.dataset === 'mnist') return loadMnist(fetchBytes, onProgress);
  if (data.dataset === 'images') {
    const set = data.set;
    const images = set === null ? null : await imageSets({ ...data, set }, onProgress);
    if (set === null || images === null) throw new MissingImageSetError(set);
    return imageFolderDataset({ ...data, set }, images, seed);
  }
  if (data.dataset === 'cifar10') {
    const found = await cifarArchive();
    if (!found) {
      throw new DatasetError(
        'CIFAR-10 is not loaded yet: drop the binary archive (cifar-10-binary.tar.gz, from https://www.cs.toronto.edu/~kriz/cifar.html) on the data panel, or give its path to `node scripts/prepare-datasets.mjs --cifar PATH`',
      );
    }
    return cifarFromArchive(found.archive, found.name, onProgress);
  }
  const toy = makeToyDataset(data, seed);
  onProgress?.(1, `Generated ${toy.name}`);
  return toy;
}

/**
 * What the gather kernel does to each raw input value: x·scale + shift. For CIFAR-10 this is
 * the plain x/255; its per-channel map needs the loaded data (imageGather).
 */
export function inputNormalization(data: DataSpec): { scale: number; shift: number } {
  if (data.dataset === 'toy') return { scale: 1, shift: 0 }; // already about ±1
  if (data.dataset === 'cifar10' || data.dataset === 'images' || data.normalization === 'unit')
    return { scale: 1 / 255, shift: 0 };
  // (x/255 − mean)/std, folded into one multiply-add.
  return { scale: 1 / (255 * MNIST_STD), shift: -MNIST_MEAN / MNIST_STD };
}

/** The normalisation a model's inputs get on `dataset`: per channel for colour images. */
export function datasetNormalization(
  data: DataSpec,
  dataset: Dataset,
): { scale: number; shift: number; channels?: { scale: number[]; shift: number[] } } {
  const images = imageGather(data, dataset);
  const plain = inputNormalization(data);
  return images ? { ...plain, channels: { scale: images.scale, shift: images.shift } } : plain;
}

/** How colour images are gathered: per-channel x·scale[c] + shift[c], and training augmentation. */
export interface ImageGather {
  channels: number;
  height: number;
  width: number;
  scale: number[];
  shift: number[];
  pad: number;
  flip: boolean;
}

/**
 * The image gather a spec asks for on `dataset` (CIFAR-10, or an image folder: the same CHW
 * bytes); null for data gathered the plain way.
 */
export function imageGather(data: DataSpec, dataset: Dataset): ImageGather | null {
  if (data.dataset !== 'cifar10' && data.dataset !== 'images') return null;
  const [channels, height, width] = dataset.sampleShape;
  const stats = dataset.channelStats;
  const perChannel = data.normalization === 'perChannel' && stats !== undefined;
  return {
    channels,
    height,
    width,
    // (x − mean)/std, folded into one multiply-add per channel.
    scale: Array.from({ length: channels }, (_, c) => (perChannel ? 1 / stats.std[c] : 1 / 255)),
    shift: Array.from({ length: channels }, (_, c) =>
      perChannel ? -stats.mean[c] / stats.std[c] : 0,
    ),
    pad: data.augment.crop,
    flip: data.augment.flip,
  };
}
