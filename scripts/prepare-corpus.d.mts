// Types of prepare-corpus.mjs for its tests (the script itself is plain JavaScript for Node).
export const SOTU_PACKAGE: string;
export const SOTU_INTEGRITY: string;
export class BadCorpus extends Error {}
export function untar(tar: Uint8Array): Map<string, Uint8Array>;
export function parseAddressName(file: string): { year: number; president: string; party: string };
export interface CorpusManifest {
  format: number;
  source: string;
  integrity: string;
  file: string;
  bytes: number;
  sha256: string;
  addresses: {
    year: number;
    president: string;
    party: string;
    file: string;
    offset: number;
    bytes: number;
  }[];
}
export function corpusFromTarball(
  tgz: Uint8Array,
  options?: { integrity?: string; expected?: number },
): Promise<{ text: Uint8Array; manifest: CorpusManifest }>;
export function prepareCorpus(options: { out: string; force: boolean }): Promise<string>;
