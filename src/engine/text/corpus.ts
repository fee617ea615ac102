// The training text: the State of the Union corpus prepared at install
// (public/datasets/sotu/, see scripts/prepare-corpus.mjs) or a plain-text file a person drops.
// Checked as it is read: the manifest's size and SHA-256 must match the inflated text.
import { gunzip } from '../data/gzip';

export interface CorpusAddress {
  year: number;
  president: string;
  party: string;
  offset: number;
  bytes: number;
}

export interface CorpusManifest {
  format: number;
  source: string;
  file: string;
  bytes: number;
  sha256: string;
  addresses: CorpusAddress[];
}

export interface Corpus {
  /** What it is, for the page ("State of the Union addresses 1790–2021 (233)"). */
  name: string;
  text: string;
  bytes: number;
}

export const SOTU_DIR = 'datasets/sotu/';

export function parseManifest(json: unknown): CorpusManifest {
  const m = json as Partial<CorpusManifest> | null;
  if (
    !m ||
    m.format !== 1 ||
    typeof m.file !== 'string' ||
    !/^[\w.-]+$/.test(m.file) ||
    typeof m.bytes !== 'number' ||
    typeof m.sha256 !== 'string' ||
    !Array.isArray(m.addresses)
  ) {
    throw new Error(
      `${SOTU_DIR}manifest.json is not a corpus manifest of format 1; run npm install again`,
    );
  }
  return m as CorpusManifest;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The prepared corpus from its manifest and gzipped text. */
export async function corpusFromFiles(manifest: CorpusManifest, gz: Uint8Array): Promise<Corpus> {
  const bytes = await gunzip(gz, `${SOTU_DIR}${manifest.file}`);
  if (bytes.length !== manifest.bytes) {
    throw new Error(
      `${SOTU_DIR}${manifest.file}: ${bytes.length} bytes of text, the manifest says ${manifest.bytes}`,
    );
  }
  if ((await sha256Hex(bytes)) !== manifest.sha256) {
    throw new Error(
      `${SOTU_DIR}${manifest.file}: its SHA-256 differs from the manifest's; run npm install again`,
    );
  }
  const years = manifest.addresses.map((a) => a.year);
  return {
    name: `State of the Union addresses ${Math.min(...years)}–${Math.max(...years)} (${manifest.addresses.length})`,
    text: withoutStageDirections(new TextDecoder().decode(bytes)),
    bytes: bytes.length,
  };
}

/** A dropped file's bytes as text: UTF-8 (gzip accepted), refused when it is not text. */
export async function corpusFromUpload(name: string, raw: Uint8Array): Promise<Corpus> {
  const bytes = raw[0] === 0x1f && raw[1] === 0x8b ? await gunzip(raw, name) : raw;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${name} is not UTF-8 text`);
  }
  if (text.includes('\u0000')) throw new Error(`${name} looks like a binary file, not plain text`);
  return { name, text: withoutStageDirections(text), bytes: bytes.length };
}

/** Transcripts' "(Applause.)" and "(Laughter.)" are the audience, not the speaker. */
export function withoutStageDirections(text: string): string {
  return text.replace(/\((?:applause|laughter)[^)]{0,40}\)/gi, ' ');
}
