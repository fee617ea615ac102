import { describe, expect, it } from 'vitest';
import { imageFingerprint, sha256Hex, type FingerprintEntry } from './imageFingerprint';

const entries: FingerprintEntry[] = [
  { path: 'circle/0.png', className: 'circle', test: false, sha256: '1'.repeat(64) },
  { path: 'square/0.png', className: 'square', test: false, sha256: '2'.repeat(64) },
];

describe('imageFingerprint', () => {
  it('is SHA-256 (hex), known for known bytes', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('is stable: the same content in any order gives the same 64 hex digits', async () => {
    const a = await imageFingerprint(entries);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await imageFingerprint([...entries].reverse())).toBe(a);
    // Pinned, so a change to the scheme (which would orphan every shared link) is seen here.
    expect(a).toBe('9c5e51351d5cb5e35d70e39c76e8a78ba17e20b9838d6fbb4f80e0ea13b1044d');
  });

  it('changes with any image’s bytes, path, class or split', async () => {
    const a = await imageFingerprint(entries);
    const changed = (patch: Partial<FingerprintEntry>) =>
      imageFingerprint([{ ...entries[0], ...patch }, entries[1]]);
    expect(await changed({ sha256: '3'.repeat(64) })).not.toBe(a);
    expect(await changed({ path: 'circle/1.png' })).not.toBe(a);
    expect(await changed({ className: 'square' })).not.toBe(a);
    expect(await changed({ test: true })).not.toBe(a);
    expect(await imageFingerprint(entries.slice(0, 1))).not.toBe(a);
  });
});
