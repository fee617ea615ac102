// CIFAR-10 from its official binary archive (cifar-10-binary.tar.gz: cifar-10-batches-bin/
// data_batch_1..5.bin, test_batch.bin, batches.meta.txt), or any subset of its batches. Each
// record is 1 label byte then 3,072 pixel bytes: the red, green and blue 32×32 planes, row by
// row — already the [3, 32, 32] channel-first layout the engine uses, so records are copied
// straight into the split's image bytes as the archive streams past, and the archive itself
// is never held in memory.
import { DatasetError, type DataSplit, type Dataset } from './dataset';
import type { LoadProgress } from './fetchBytes';
import { isGzip } from './gzip';
import { TarReader, type TarEntry, type TarVisitor } from './tar';

export const CIFAR_SIDE = 32;
export const CIFAR_PIXELS = 3 * CIFAR_SIDE * CIFAR_SIDE;
export const CIFAR_RECORD = 1 + CIFAR_PIXELS;
export const CIFAR_CLASS_NAMES = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
];

const TRAIN_FILE = /(?:^|\/)data_batch_([1-5])\.bin$/;
const TEST_FILE = /(?:^|\/)test_batch\.bin$/;
const META_FILE = /(?:^|\/)batches\.meta\.txt$/;
const PYTHON_FILE = /(?:^|\/)(?:data_batch_[1-5]|test_batch)$|cifar-10-batches-py\//;
const CIFAR100_FILE = /(?:^|\/)(?:train|test)\.bin$/;

const HOW_TO_GET =
  'use the binary version of CIFAR-10 (cifar-10-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html)';

const count = (n: number) => n.toLocaleString('en-US');

/** One split's records, written in place as they stream in. */
class SplitBuffer {
  images: Uint8Array;
  labels: Int32Array;
  records = 0;

  constructor(capacity: number) {
    this.images = new Uint8Array(capacity * CIFAR_PIXELS);
    this.labels = new Int32Array(capacity);
  }

  get capacity(): number {
    return this.labels.length;
  }

  /** Room for `more` records; grows (one copy) only when no size hint sized it up front. */
  reserve(more: number): void {
    const needed = this.records + more;
    if (needed <= this.capacity) return;
    const capacity = Math.max(needed, this.capacity * 2);
    const images = new Uint8Array(capacity * CIFAR_PIXELS);
    images.set(this.images.subarray(0, this.records * CIFAR_PIXELS));
    const labels = new Int32Array(capacity);
    labels.set(this.labels.subarray(0, this.records));
    this.images = images;
    this.labels = labels;
  }

  /** The records as a split, giving back the unused capacity where the platform can. */
  toSplit(): DataSplit {
    return {
      inputs: shrink(this.images, this.records * CIFAR_PIXELS),
      labels: shrink(this.labels, this.records),
      count: this.records,
    };
  }
}

type Shrinkable = Uint8Array | Int32Array;

function shrink<T extends Shrinkable>(array: T, length: number): T {
  if (array.length === length) return array;
  const bytes = length * array.BYTES_PER_ELEMENT;
  // ArrayBuffer.prototype.transfer (ES2024) shortens in place; elsewhere keep a view.
  const transfer = (array.buffer as { transfer?: (n: number) => ArrayBuffer }).transfer;
  if (transfer) {
    const buffer = transfer.call(array.buffer, bytes);
    return (array instanceof Uint8Array ? new Uint8Array(buffer) : new Int32Array(buffer)) as T;
  }
  return array.subarray(0, length) as T;
}

/**
 * Collects CIFAR-10 batches from a tar stream. `sizeHint` (the archive's unpacked size,
 * when known) sizes the training split once, so it is never copied to grow.
 */
export class CifarCollector implements TarVisitor {
  private train: SplitBuffer | null = null;
  private test: SplitBuffer | null = null;
  private current: { split: SplitBuffer; name: string; offset: number; record: number } | null =
    null;
  private metaBytes: number[] | null = null;
  private readonly trainBatches = new Set<number>();
  private pythonVersion = false;
  private cifar100 = false;
  reader: TarReader | null = null;

  constructor(
    private readonly file: string,
    private readonly sizeHint: number | null,
  ) {}

  entry(entry: TarEntry): boolean {
    const { name, size } = entry;
    if (META_FILE.test(name)) {
      this.metaBytes = size <= 4096 ? [] : null;
      return this.metaBytes !== null;
    }
    if (PYTHON_FILE.test(name)) this.pythonVersion = true;
    if (CIFAR100_FILE.test(name)) this.cifar100 = true;
    const trainMatch = TRAIN_FILE.exec(name);
    const isTest = TEST_FILE.test(name);
    if (!trainMatch && !isTest) return false;
    const base = name.slice(name.lastIndexOf('/') + 1);
    if (size % CIFAR_RECORD !== 0) {
      throw new DatasetError(
        `${this.file}: ${base} is ${count(size)} bytes, not a whole number of ${count(CIFAR_RECORD)}-byte CIFAR-10 records ` +
          `(1 label byte + 3,072 pixel bytes); the file is damaged, or it is not CIFAR-10's binary version — ${HOW_TO_GET}`,
        this.file,
      );
    }
    const records = size / CIFAR_RECORD;
    let split: SplitBuffer;
    if (isTest) {
      if (this.test) throw new DatasetError(`${this.file}: it holds two test batches`, this.file);
      split = this.test = new SplitBuffer(records);
    } else {
      const batch = Number(trainMatch![1]);
      if (this.trainBatches.has(batch))
        throw new DatasetError(`${this.file}: it holds ${base} twice`, this.file);
      this.trainBatches.add(batch);
      if (!this.train) {
        // Everything still to come in the archive is at most this many records.
        const rest = this.sizeHint !== null ? this.sizeHint - (this.reader?.bytesRead ?? 0) : 0;
        this.train = new SplitBuffer(Math.max(records, Math.floor(rest / CIFAR_RECORD)));
      }
      split = this.train;
      split.reserve(records);
    }
    this.current = { split, name: base, offset: 0, record: 0 };
    return true;
  }

  data(piece: Uint8Array): void {
    if (this.metaBytes && !this.current) {
      for (const b of piece) this.metaBytes.push(b);
      return;
    }
    const c = this.current!;
    const { split } = c;
    let at = 0;
    while (at < piece.length) {
      if (c.offset === 0) {
        const label = piece[at];
        if (label >= CIFAR_CLASS_NAMES.length) {
          throw new DatasetError(
            `${this.file}: record ${count(c.record + 1)} of ${c.name} has label ${label}; CIFAR-10 labels are 0 to 9 — the file is damaged or not CIFAR-10`,
            this.file,
          );
        }
        split.labels[split.records] = label;
        c.offset = 1;
        at++;
        continue;
      }
      const take = Math.min(CIFAR_RECORD - c.offset, piece.length - at);
      split.images.set(
        piece.subarray(at, at + take),
        split.records * CIFAR_PIXELS + (c.offset - 1),
      );
      c.offset += take;
      at += take;
      if (c.offset === CIFAR_RECORD) {
        c.offset = 0;
        c.record++;
        split.records++;
      }
    }
  }

  end(): void {
    this.current = null;
  }

  /** The data set, once the whole archive has been read; throws when a part is missing. */
  dataset(): Dataset {
    if (!this.train || !this.test) {
      const hint = this.pythonVersion
        ? `it looks like the Python (pickle) version; ${HOW_TO_GET}`
        : this.cifar100
          ? `it looks like CIFAR-100; ${HOW_TO_GET}`
          : `expected cifar-10-batches-bin/data_batch_1.bin … data_batch_5.bin (any of them) and test_batch.bin`;
      const missing =
        !this.train && !this.test
          ? 'no CIFAR-10 batches'
          : !this.train
            ? 'no training batch (data_batch_N.bin)'
            : 'no test batch (test_batch.bin)';
      throw new DatasetError(`${this.file}: the archive has ${missing}: ${hint}`, this.file);
    }
    const train = this.train.toSplit();
    return {
      name: 'cifar10',
      sampleShape: [3, CIFAR_SIDE, CIFAR_SIDE],
      classes: CIFAR_CLASS_NAMES.length,
      classNames: this.classNames(),
      train,
      test: this.test.toSplit(),
      channelStats: channelStats(train.inputs as Uint8Array, train.count),
    };
  }

  private classNames(): string[] {
    const text = this.metaBytes ? new TextDecoder().decode(new Uint8Array(this.metaBytes)) : '';
    const names = text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '');
    const plain = names.every((n) => /^[\w -]{1,32}$/.test(n));
    return names.length === CIFAR_CLASS_NAMES.length && plain ? names : [...CIFAR_CLASS_NAMES];
  }
}

/**
 * Mean and standard deviation of each colour plane over `count` images (per-channel
 * normalisation), of `channels` planes of `plane` pixels each (CIFAR-10's by default).
 */
export function channelStats(
  images: Uint8Array,
  count: number,
  channels = 3,
  plane = CIFAR_SIDE * CIFAR_SIDE,
): { mean: number[]; std: number[] } {
  const mean: number[] = [];
  const std: number[] = [];
  for (let c = 0; c < channels; c++) {
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < count; i++) {
      const from = (i * channels + c) * plane;
      for (let p = from; p < from + plane; p++) {
        const v = images[p];
        sum += v;
        sumSquares += v * v;
      }
    }
    const n = Math.max(1, count * plane);
    const m = sum / n;
    mean.push(m);
    std.push(Math.sqrt(Math.max(sumSquares / n - m * m, 1e-6)));
  }
  return { mean, std };
}

/** The unpacked size of an archive: a gzip stream's trailer says it (mod 2³², ample here). */
async function unpackedSize(blob: Blob, gzip: boolean): Promise<number> {
  if (!gzip) return blob.size;
  if (blob.size < 18) return 0;
  const trailer = new Uint8Array(await blob.slice(blob.size - 4).arrayBuffer());
  return new DataView(trailer.buffer).getUint32(0, true);
}

/**
 * Reads CIFAR-10 from a tar or tar.gz archive as a Blob (a dropped File, or a file read in
 * Node), streaming it through gunzip and the tar reader; `progress` follows the bytes read.
 */
export async function cifarFromArchive(
  blob: Blob,
  file: string,
  progress?: LoadProgress,
): Promise<Dataset> {
  const head = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
  const gzip = isGzip(head);
  const collector = new CifarCollector(file, await unpackedSize(blob, gzip));
  const reader = new TarReader(collector, file);
  collector.reader = reader;

  let compressedRead = 0;
  let lastReport = -1;
  const counted = blob.stream().pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        compressedRead += chunk.length;
        const percent = Math.floor((100 * compressedRead) / Math.max(1, blob.size));
        if (progress && percent !== lastReport) {
          lastReport = percent;
          progress(compressedRead / Math.max(1, blob.size), `Reading ${file}: ${percent} %`);
        }
        controller.enqueue(chunk);
      },
    }),
  );
  const stream = gzip
    ? counted.pipeThrough(
        new DecompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>,
      )
    : counted;
  const source = stream.getReader();
  try {
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await source.read();
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        throw new DatasetError(
          `${file}: corrupt gzip data after ${count(reader.bytesRead)} unpacked bytes (${reason}); the file is damaged or cut short — download it again`,
          file,
        );
      }
      if (result.done) break;
      reader.push(result.value);
    }
  } catch (e) {
    await source.cancel().catch(() => undefined);
    throw e;
  }
  reader.finish();
  return collector.dataset();
}
