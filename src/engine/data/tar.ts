// A streaming reader of tar archives (POSIX ustar, with GNU long names and pax headers
// skipped over): bytes are pushed in as they arrive from a file or a decompressor, and each
// regular file's bytes are handed on in the pieces they came in, so an archive is never held
// whole in memory. Only what a data-set archive needs; links, devices and sparse files are
// passed over like directories.
import { DatasetError } from './dataset';

const BLOCK = 512;
/** A GNU long name longer than this is not a file name but an attack or corruption. */
const MAX_LONG_NAME = 4096;

export interface TarEntry {
  /** The path inside the archive ("cifar-10-batches-bin/data_batch_1.bin"). */
  name: string;
  /** The file's size in bytes. */
  size: number;
}

export interface TarVisitor {
  /**
   * A regular file begins. Return true to receive its bytes through `data`, false to skip
   * them (they are still read, but nothing is copied).
   */
  entry(entry: TarEntry): boolean;
  /** The next piece of the current file, in order; valid only during the call. */
  data(piece: Uint8Array): void;
  /** The current file's last byte has been passed on. */
  end(entry: TarEntry): void;
}

function readString(block: Uint8Array, offset: number, length: number): string {
  let end = offset;
  while (end < offset + length && block[end] !== 0) end++;
  let text = '';
  for (let i = offset; i < end; i++) text += String.fromCharCode(block[i]);
  return text;
}

function readOctal(block: Uint8Array, offset: number, length: number): number {
  // GNU tar writes sizes of 8 GiB and more in base-256, flagged by the top bit.
  if (block[offset] & 0x80) {
    let value = block[offset] & 0x7f;
    for (let i = offset + 1; i < offset + length; i++) value = value * 256 + block[i];
    return value;
  }
  const text = readString(block, offset, length).trim();
  return text === '' ? 0 : /^[0-7]+$/.test(text) ? parseInt(text, 8) : NaN;
}

/** The header checksum: the sum of its bytes with the checksum field read as spaces. */
function checksumOk(block: Uint8Array): boolean {
  const stored = readOctal(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i];
  return stored === sum;
}

function isZeroBlock(block: Uint8Array): boolean {
  for (let i = 0; i < BLOCK; i++) if (block[i] !== 0) return false;
  return true;
}

type State =
  | { kind: 'header' }
  | { kind: 'body'; entry: TarEntry | null; remaining: number; padding: number; wanted: boolean }
  | { kind: 'longName'; remaining: number; padding: number; bytes: number[] }
  | { kind: 'finished' };

/**
 * Push-based tar parser. `push` each piece of the archive as it arrives, then `finish`;
 * either throws a DatasetError naming `file` and the byte where the archive went wrong.
 */
export class TarReader {
  private state: State = { kind: 'header' };
  private readonly header = new Uint8Array(BLOCK);
  private headerFill = 0;
  private position = 0;
  private longName: string | null = null;

  constructor(
    private readonly visitor: TarVisitor,
    private readonly file: string,
  ) {}

  /** Bytes of the archive read so far. */
  get bytesRead(): number {
    return this.position;
  }

  push(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      const state = this.state;
      if (state.kind === 'finished') return; // the padding after the end-of-archive blocks
      if (state.kind === 'header') {
        const take = Math.min(BLOCK - this.headerFill, chunk.length - at);
        this.header.set(chunk.subarray(at, at + take), this.headerFill);
        this.headerFill += take;
        at += take;
        this.position += take;
        if (this.headerFill === BLOCK) {
          this.headerFill = 0;
          this.readHeader();
        }
        continue;
      }
      // A file's body, or its padding up to the next block.
      const inBody = state.remaining > 0;
      const left = inBody ? state.remaining : state.padding;
      const take = Math.min(left, chunk.length - at);
      if (inBody) {
        const piece = chunk.subarray(at, at + take);
        if (state.kind === 'longName') for (const b of piece) state.bytes.push(b);
        else if (state.wanted) this.visitor.data(piece);
        state.remaining -= take;
        if (state.remaining === 0) this.bodyDone();
      } else {
        state.padding -= take;
      }
      at += take;
      this.position += take;
      if (this.state === state && state.remaining === 0 && state.padding === 0)
        this.state = { kind: 'header' };
    }
  }

  /** The archive has ended: throws if it ended inside a header or a file. */
  finish(): void {
    const state = this.state;
    if (state.kind === 'finished') return;
    if (state.kind === 'header' && this.headerFill === 0) return; // no end blocks: tolerated
    const inside =
      state.kind === 'body' && state.entry
        ? `inside ${state.entry.name} (${state.remaining.toLocaleString('en-US')} of its ${state.entry.size.toLocaleString('en-US')} bytes missing)`
        : 'inside a header';
    throw new DatasetError(
      `${this.file}: the archive is cut short ${inside}; download it again`,
      this.file,
      this.position,
    );
  }

  private fail(reason: string): never {
    throw new DatasetError(
      `${this.file}: ${reason} at byte ${(this.position - BLOCK).toLocaleString('en-US')}`,
      this.file,
      this.position - BLOCK,
    );
  }

  private readHeader(): void {
    const block = this.header;
    if (isZeroBlock(block)) {
      this.state = { kind: 'finished' };
      return;
    }
    if (!checksumOk(block)) {
      this.fail(
        this.position === BLOCK
          ? 'this is not a tar archive (its first header has no valid checksum)'
          : 'corrupt tar header (bad checksum)',
      );
    }
    const size = readOctal(block, 124, 12);
    if (!Number.isFinite(size)) this.fail('corrupt tar header (unreadable size)');
    const type = String.fromCharCode(block[156] || 0x30);
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (type === 'L') {
      if (size > MAX_LONG_NAME) this.fail(`corrupt tar header (a ${size}-byte file name)`);
      this.state = { kind: 'longName', remaining: size, padding, bytes: [] };
      if (size === 0) this.bodyDone();
      return;
    }
    const prefix = readString(block, 345, 155);
    const base = readString(block, 0, 100);
    const name = this.longName ?? (prefix ? `${prefix}/${base}` : base);
    this.longName = null;
    const regular = type === '0' || type === '7';
    const entry = regular ? { name, size } : null;
    const wanted = entry !== null && this.visitor.entry(entry);
    this.state = { kind: 'body', entry, remaining: size, padding, wanted };
    if (size === 0) this.bodyDone();
    const after = this.state;
    if (after.kind === 'body' && after.remaining === 0 && after.padding === 0)
      this.state = { kind: 'header' };
  }

  private bodyDone(): void {
    const state = this.state;
    if (state.kind === 'longName') {
      this.longName = String.fromCharCode(...state.bytes.filter((b) => b !== 0));
    } else if (state.kind === 'body' && state.entry && state.wanted) {
      this.visitor.end(state.entry);
    }
  }
}
