// The IDX file format of MNIST (and Fashion-MNIST): bytes 0–1 are zero, byte 2 is the element
// type, byte 3 the number of dimensions, then each dimension as a big-endian u32, then the
// elements in row-major order. Labels are 0x00000801 (u8, one dimension), images 0x00000803.
import { DatasetError } from './dataset';

export interface IdxArray {
  dims: number[];
  /** The elements: a view into the file's bytes, not a copy (MNIST's 47 MB stay one buffer). */
  data: Uint8Array;
  /** Byte offset of data[0] in the file, for errors that point at an element. */
  dataOffset: number;
}

const UNSIGNED_BYTE = 0x08;
const TYPE_NAMES: Record<number, string> = {
  0x08: 'unsigned byte',
  0x09: 'signed byte',
  0x0b: 'int16',
  0x0c: 'int32',
  0x0d: 'float32',
  0x0e: 'float64',
};
/** More dimensions than this in a data set file means the header is garbage. */
const MAX_RANK = 4;

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

/**
 * Parse an IDX file of unsigned bytes. `file` names it in errors, which say what is wrong and
 * at which byte: "train-images.idx3: truncated: expected 47040016 bytes, got 1200".
 */
export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  const n = bytes.length;
  if (n < 4) {
    throw new DatasetError(
      `${file}: truncated: ${n} bytes, shorter than the 4-byte IDX header`,
      file,
      n,
    );
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const start = Array.from(bytes.subarray(0, 4), hex).join(' ');
    // A dev server answers a missing file with its HTML page, which starts with '<'.
    const hint =
      bytes[0] === 0x3c ? ' — it looks like an HTML page, so the file is probably missing' : '';
    throw new DatasetError(
      `${file}: not an IDX file: it starts with bytes ${start}, IDX files start with 00 00${hint}`,
      file,
      0,
    );
  }
  const type = bytes[2];
  if (type !== UNSIGNED_BYTE) {
    const name = TYPE_NAMES[type] ?? 'unknown';
    throw new DatasetError(
      `${file}: unsupported IDX element type 0x${hex(type)} (${name}) at byte 2; ` +
        `only unsigned bytes (0x08) are read`,
      file,
      2,
    );
  }
  const rank = bytes[3];
  if (rank < 1 || rank > MAX_RANK) {
    throw new DatasetError(
      `${file}: IDX header says ${rank} dimensions (byte 3); expected 1 to ${MAX_RANK}`,
      file,
      3,
    );
  }
  const headerBytes = 4 + 4 * rank;
  if (n < headerBytes) {
    throw new DatasetError(
      `${file}: truncated: expected a ${headerBytes}-byte header for ${rank} dimensions, got ${n} bytes`,
      file,
      n,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, headerBytes);
  const dims: number[] = [];
  let elements = 1;
  for (let d = 0; d < rank; d++) {
    const size = view.getUint32(4 + 4 * d, false);
    dims.push(size);
    elements *= size;
  }
  const expected = headerBytes + elements;
  const shape = dims.join('×');
  if (n < expected) {
    throw new DatasetError(
      `${file}: truncated: expected ${expected} bytes (${shape} bytes after a ${headerBytes}-byte header), got ${n}`,
      file,
      n,
    );
  }
  if (n > expected) {
    throw new DatasetError(
      `${file}: ${n - expected} extra bytes after the data at byte ${expected}: ` +
        `expected ${expected} bytes for ${shape}, got ${n}`,
      file,
      expected,
    );
  }
  return { dims, data: bytes.subarray(headerBytes), dataOffset: headerBytes };
}
