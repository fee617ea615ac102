// A content fingerprint of an image folder: what a link names so that any browser holding the
// same images (however the folder was renamed, moved or given) trains on the same set, and one
// holding different images does not. SHA-256 over each image's path below the root, its label
// and its bytes' own SHA-256, in path order; the root's name is left out on purpose.

export interface FingerprintEntry {
  path: string;
  className: string;
  test: boolean;
  /** The image file's SHA-256, hex. */
  sha256: string;
}

const hex = (bytes: ArrayBuffer) =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

/** SHA-256 of `bytes`, hex (crypto.subtle: in browsers, workers and Node alike). */
export async function sha256Hex(bytes: BufferSource): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', bytes));
}

/** The folder's fingerprint; independent of the order of `entries`. */
export async function imageFingerprint(entries: readonly FingerprintEntry[]): Promise<string> {
  const lines = entries
    .map(
      (e) =>
        `${JSON.stringify(e.path)} ${JSON.stringify(e.className)} ${e.test ? 'test' : 'train'} ${e.sha256}`,
    )
    .sort();
  return sha256Hex(new TextEncoder().encode(`layercake-image-folder-1\n${lines.join('\n')}\n`));
}
