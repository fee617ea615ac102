// Small tar and tar.gz archives built in memory, for the parsers' tests: ustar headers with
// real checksums, so the reader under test sees what GNU tar writes.
const BLOCK = 512;

function writeString(block: Uint8Array, offset: number, text: string): void {
  for (let i = 0; i < text.length; i++) block[offset + i] = text.charCodeAt(i);
}

function writeOctal(block: Uint8Array, offset: number, length: number, value: number): void {
  writeString(block, offset, value.toString(8).padStart(length - 1, '0'));
}

export interface TarMember {
  name: string;
  bytes: Uint8Array;
  /** '0' a file (default), '5' a directory, 'L' a GNU long name. */
  type?: string;
}

function header(name: string, size: number, type: string): Uint8Array {
  const block = new Uint8Array(BLOCK);
  writeString(block, 0, name.slice(0, 100));
  writeOctal(block, 100, 8, 0o644);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, 0);
  block[156] = type.charCodeAt(0);
  writeString(block, 257, 'ustar');
  writeString(block, 263, '00');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i];
  writeString(block, 148, sum.toString(8).padStart(6, '0') + '\0 ');
  return block;
}

const padded = (n: number) => Math.ceil(n / BLOCK) * BLOCK;

/** A tar archive of `members`, names over 100 characters written as GNU long names. */
export function makeTar(members: TarMember[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const m of members) {
    if (m.name.length > 100) {
      const long = new TextEncoder().encode(m.name + '\0');
      parts.push(header('././@LongLink', long.length, 'L'));
      const body = new Uint8Array(padded(long.length));
      body.set(long);
      parts.push(body);
    }
    parts.push(header(m.name, m.bytes.length, m.type ?? '0'));
    const body = new Uint8Array(padded(m.bytes.length));
    body.set(m.bytes);
    parts.push(body);
  }
  parts.push(new Uint8Array(2 * BLOCK));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** `bytes` gzipped, with the web-standard CompressionStream. */
export async function gzipBytes(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
