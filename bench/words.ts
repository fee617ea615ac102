// `npm run bench -- --words`: skip-gram training throughput on the State of the Union corpus
// (public/datasets/sotu, prepared at install), on our CPU backend and on WebGPU (Dawn in Node, on
// SwiftShader here: the CPU's SIMD lanes), with the page's default recipe (skip-gram, 32
// dimensions, window 5, 5 negatives, subsampling 1e-4, 1,024 pairs a batch, seed 1). What is timed:
// `warmup` batches (the first gives firstStepMs, kernel compilation included), then `steps`
// batches on the wall clock, ending with a sync so the GPU's queued work is counted.
// samplesPerSec is centre words per second (word2vec's "words/s" counts the words it read,
// subsampled ones included; that figure is in `words.corpusWordsPerSec`).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Backend } from '../src/engine/backend/backend';
import { CpuBackend } from '../src/engine/backend/cpu/cpuBackend';
import { corpusFromFiles, parseManifest, SOTU_DIR } from '../src/engine/text/corpus';
import {
  DEFAULT_WORD_SETTINGS,
  tokenizeText,
  WordTrainingSession,
  type TokenizedText,
} from '../src/engine/text/session';
import { benchWebGpuBackend } from './nodeGpu';
import type { BenchRecord } from './record';

export const WORDS_DEFAULTS = { warmup: 20, steps: 400 };

type Machine = { node: string; cpu: string };

async function loadCorpus(): Promise<TokenizedText> {
  const dir = path.resolve('public', SOTU_DIR);
  const manifest = parseManifest(
    JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')),
  );
  const corpus = await corpusFromFiles(
    manifest,
    new Uint8Array(await readFile(path.join(dir, manifest.file))),
  );
  return tokenizeText(corpus.text);
}

export async function runWordsBench(
  options: { warmup: number; steps: number },
  machine: Machine,
): Promise<BenchRecord[]> {
  const t0 = performance.now();
  const text = await loadCorpus();
  console.log(
    `corpus: ${text.tokens.length.toLocaleString('en')} tokens, read and tokenized in ${(performance.now() - t0).toFixed(0)} ms`,
  );
  const records = [await wordsOn(new CpuBackend(), 'cpu', null, text, options, machine)];
  const gpu = await benchWebGpuBackend();
  if (gpu.backend === null) {
    console.log(`no WebGPU in Node (${gpu.reason}): CPU record only`);
    return records;
  }
  records.push(await wordsOn(gpu.backend, 'webgpu', gpu.adapter, text, options, machine));
  gpu.backend.destroy();
  return records;
}

async function wordsOn(
  backend: Backend,
  name: 'cpu' | 'webgpu',
  adapter: string | null,
  text: TokenizedText,
  { warmup, steps }: { warmup: number; steps: number },
  machine: Machine,
): Promise<BenchRecord> {
  const settings = { ...DEFAULT_WORD_SETTINGS, epochs: 10 };
  console.log(`skip-gram on ${name}${adapter ? ` (${adapter})` : ''}`);
  const t0 = performance.now();
  const s = new WordTrainingSession(backend, text, settings);
  await s.model.prepare();
  s.trainSteps(1);
  await backend.sync();
  const firstStepMs = performance.now() - t0;
  s.trainSteps(warmup - 1);
  await backend.sync();
  await s.model.readLoss();
  const words0 = s.wordsDone;
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  s.trainSteps(steps);
  await backend.sync();
  const seconds = (performance.now() - t1) / 1000;
  const used = process.cpuUsage(cpu0);
  // On a shared machine the wall clock counts waiting for a core; this process's CPU time does
  // not (on WebGPU it includes Dawn's and SwiftShader's threads in this process).
  const cpuSeconds = (used.user + used.system) / 1e6;
  const loss = await s.model.readLoss();
  const words = s.wordsDone - words0;
  // The corpus words read per centre word trained: subsampling keeps a fraction of them.
  const readPerTrained = s.vocab.keptTokens / (s.wordsPlanned / settings.epochs);
  const record: BenchRecord = {
    suite: 'words',
    model: 'sotu',
    engine: 'layercake',
    backend: name,
    environment: 'node',
    adapter,
    batch: settings.batchRows,
    steps,
    warmupSteps: warmup,
    samplesPerSec: words / seconds,
    msPerStep: (seconds * 1000) / steps,
    firstStepMs,
    backendInitMs: null,
    testAccuracy: null,
    finalLoss: loss?.loss ?? null,
    words: {
      mode: settings.mode,
      dim: settings.dim,
      window: settings.window,
      negatives: settings.negatives,
      vocabulary: s.vocab.words.length,
      pairsPerSec: (steps * settings.batchRows) / seconds,
      corpusWordsPerSec: (words * readPerTrained) / seconds,
      wordsPerCpuSecond: words / cpuSeconds,
    },
    ratioVsTfjsCpu: null,
    timestamp: new Date().toISOString(),
    ...machine,
  };
  s.free();
  console.log(
    `  ${Math.round(words / seconds).toLocaleString('en')} centre words/s (${Math.round(record.words!.corpusWordsPerSec).toLocaleString('en')} corpus words/s; ${Math.round(record.words!.wordsPerCpuSecond).toLocaleString('en')} per CPU-second), ${record.msPerStep!.toFixed(1)} ms a batch, first batch ${firstStepMs.toFixed(0)} ms, loss ${record.finalLoss?.toFixed(3)}`,
  );
  return record;
}
