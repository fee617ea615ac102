// Inflating gzip data where the engine runs (Node 20+, browsers, workers) with the web-standard
// DecompressionStream, so the engine needs no zlib of its own. Data sets are served as gzip
// files with a neutral extension: a dev server would otherwise add Content-Encoding: gzip and
// the browser would inflate them before we see them, or not, depending on the server.
import { DatasetError } from './dataset';

/** True when the bytes start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** A 10-byte header and an 8-byte trailer (CRC-32, size); any real stream is longer. */
const MIN_GZIP_BYTES = 18;

/**
 * The inflated contents of gzip data, or the bytes themselves when they are not gzip (so a
 * caller can hand over raw and compressed files alike). `file` names the data in errors.
 */
export async function gunzip(bytes: Uint8Array, file: string): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  if (bytes.length < MIN_GZIP_BYTES) {
    throw new DatasetError(
      `${file}: truncated gzip data: ${bytes.length} bytes, shorter than any gzip stream (${MIN_GZIP_BYTES})`,
      file,
      bytes.length,
    );
  }
  // The trailer's ISIZE (size mod 2^32; data sets here are far smaller) lets us fill one
  // buffer instead of joining chunks, which matters for a 47 MB file in a worker.
  const size = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4).getUint32(
    0,
    true,
  );
  const out = new Uint8Array(size);
  let filled = 0;
  try {
    const input = bytes as Uint8Array<ArrayBuffer>;
    const reader = new ReadableStream<Uint8Array<ArrayBuffer>>({
      start(controller) {
        controller.enqueue(input);
        controller.close();
      },
    })
      .pipeThrough(new DecompressionStream('gzip'))
      .getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (filled + value.length > size) {
        await reader.cancel();
        throw new Error(`inflates to more than the ${size} bytes its trailer states`);
      }
      out.set(value, filled);
      filled += value.length;
    }
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new DatasetError(
      `${file}: corrupt gzip data (${reason}); the file is damaged or cut short — ` +
        `prepare or download it again`,
      file,
    );
  }
  return filled === size ? out : out.subarray(0, filled);
}
