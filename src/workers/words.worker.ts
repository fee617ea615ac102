// The words worker: reads a text corpus, trains word2vec on it in short chunks (WebGPU when the
// browser gives a device, else the CPU backend), streams throttled progress events, and answers
// queries on the current vectors between chunks, so they stay live while training runs.
import * as Comlink from 'comlink';
import type { Backend } from '../engine/backend/backend';
import { CpuBackend } from '../engine/backend/cpu/cpuBackend';
import {
  corpusFromFiles,
  corpusFromUpload,
  parseManifest,
  SOTU_DIR,
  type Corpus,
} from '../engine/text/corpus';
import { tokenizeText, WordTrainingSession, type TokenizedText } from '../engine/text/session';
import { requestGpuDevice } from '../gpu/device';
import { WebGpuBackend } from '../gpu/webgpuBackend';
import type {
  BackendChoice,
  CorpusSource,
  QueryResult,
  WordSettings,
  WordsApi,
  WordsEvent,
} from './wordsApi';

/** Wall time of one chunk of training between two looks at the message queue. */
const CHUNK_MS = 40;
/** At most this often a progress event. */
const PROGRESS_MS = 250;

let listener: ((events: WordsEvent[]) => void) | null = null;
let pending: WordsEvent[] = [];
let flushTimer: ReturnType<typeof setTimeout> | null = null;

function emit(event: WordsEvent): void {
  pending.push(event);
  if (flushTimer === null) {
    flushTimer = setTimeout(() => {
      flushTimer = null;
      const batch = pending;
      pending = [];
      listener?.(batch);
    }, 50);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

let corpus: { info: Corpus; text: TokenizedText } | null = null;
let session: WordTrainingSession | null = null;
let running = false;
/** Bumped by every load, reset and pause: a loop of an older generation stops. */
let generation = 0;
let gpuBackend: Promise<WebGpuBackend | string> | null = null;
const cpu = new CpuBackend();

async function backendFor(choice: BackendChoice): Promise<Backend> {
  if (choice === 'cpu') {
    emit({
      type: 'backend',
      kind: 'cpu',
      description: cpu.description,
      note: 'CPU backend chosen.',
    });
    return cpu;
  }
  gpuBackend ??= requestGpuDevice(self.navigator.gpu).then(
    (d) => new WebGpuBackend(d),
    (e: unknown) => messageOf(e),
  );
  const gpu = await gpuBackend;
  let why: string;
  if (typeof gpu === 'string') why = gpu;
  else if (gpu.deviceLost) why = 'the GPU device was lost';
  else if (gpu.source.isFallback && choice === 'auto') {
    why = `the only WebGPU adapter is a software fallback (${gpu.source.description}), which trains word2vec no faster than the CPU backend; choose WebGPU to use it anyway`;
  } else {
    emit({ type: 'backend', kind: 'webgpu', description: gpu.description, note: null });
    return gpu;
  }
  emit({
    type: 'backend',
    kind: 'cpu',
    description: cpu.description,
    note: `Training on the CPU: ${why}.`,
  });
  return cpu;
}

async function fetchFile(path: string): Promise<Uint8Array> {
  const url = new URL(path, new URL(import.meta.env.BASE_URL, self.location.origin));
  const response = await fetch(url);
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok || type.includes('text/html')) {
    throw new Error(
      `the server has no ${url.pathname} (HTTP ${response.status}): the State of the Union corpus is prepared by npm install (scripts/prepare-corpus.mjs); or drop a plain-text file here`,
    );
  }
  return new Uint8Array(await response.arrayBuffer());
}

async function readCorpus(source: CorpusSource): Promise<Corpus> {
  if (source.kind === 'file') return corpusFromUpload(source.name, source.bytes);
  const manifest = parseManifest(
    JSON.parse(new TextDecoder().decode(await fetchFile(`${SOTU_DIR}manifest.json`))),
  );
  return corpusFromFiles(manifest, await fetchFile(`${SOTU_DIR}${manifest.file}`));
}

async function newSession(settings: WordSettings, choice: BackendChoice): Promise<void> {
  if (corpus === null) throw new Error('no corpus is loaded');
  session?.free();
  session = null;
  emit({ type: 'status', state: 'loading', message: 'Building the vocabulary and the model…' });
  const backend = await backendFor(choice);
  const s = new WordTrainingSession(backend, corpus.text, settings);
  await s.model.prepare();
  session = s;
  emit({
    type: 'corpus',
    corpus: {
      name: corpus.info.name,
      bytes: corpus.info.bytes,
      tokens: corpus.text.tokens.length,
      distinct: corpus.text.counts.size,
    },
    vocabulary: {
      size: s.vocab.words.length,
      keptTokens: s.vocab.keptTokens,
      wordsPlanned: s.wordsPlanned,
      top: s.vocab.words.slice(0, 30),
    },
  });
  emitProgress(s, null, 0);
  emit({ type: 'status', state: 'ready', message: 'Ready to train.' });
}

function emitProgress(
  s: WordTrainingSession,
  loss: { loss: number; accuracy: number } | null,
  wordsPerSec: number,
): void {
  emit({
    type: 'progress',
    steps: s.steps,
    words: s.wordsDone,
    wordsPlanned: s.wordsPlanned,
    epoch: s.epoch,
    lr: s.lr,
    wordsPerSec,
    loss: loss?.loss ?? null,
    accuracy: loss?.accuracy ?? null,
  });
}

const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function trainLoop(s: WordTrainingSession, gen: number): Promise<void> {
  let steps = 4;
  let last = { t: performance.now(), words: s.wordsDone };
  try {
    while (running && gen === generation && !s.done) {
      const t0 = performance.now();
      s.trainSteps(steps);
      // On WebGPU the steps were only queued: wait for them, so the queue stays short.
      await s.backend.sync();
      const ms = performance.now() - t0;
      steps = Math.max(1, Math.min(256, Math.round((steps * CHUNK_MS) / Math.max(1, ms))));
      const now = performance.now();
      if (now - last.t >= PROGRESS_MS || s.done) {
        const loss = await s.model.readLoss();
        if (gen !== generation) return;
        emitProgress(s, loss, ((s.wordsDone - last.words) * 1000) / (now - last.t));
        last = { t: now, words: s.wordsDone };
      }
      await yieldToMessages();
    }
    if (gen === generation && s.done) {
      running = false;
      emit({
        type: 'status',
        state: 'done',
        message: `Trained on ${s.wordsDone.toLocaleString('en')} words.`,
      });
    }
  } catch (error) {
    running = false;
    emit({ type: 'error', message: `Training stopped: ${messageOf(error)}` });
    emit({ type: 'status', state: 'failed', message: messageOf(error) });
  }
}

function unknownResult<T>(unknown: string[]): QueryResult<T> {
  const list = unknown.map((w) => `"${w}"`).join(', ');
  return {
    ok: false,
    unknown,
    message: `${list} ${unknown.length === 1 ? 'is' : 'are'} not in the vocabulary (too rare, or not in the text)`,
  };
}

function normalize(word: string): string {
  return word.trim().toLowerCase().replace(/’/g, "'");
}

const api: WordsApi = {
  subscribe(l) {
    listener = l;
  },

  async load(source, settings, choice) {
    generation++;
    running = false;
    emit({
      type: 'status',
      state: 'loading',
      message:
        source.kind === 'sotu'
          ? 'Reading the State of the Union corpus…'
          : `Reading ${source.name}…`,
    });
    try {
      const info = await readCorpus(source);
      corpus = { info, text: tokenizeText(info.text) };
      await newSession(settings, choice);
    } catch (error) {
      emit({ type: 'error', message: messageOf(error) });
      emit({ type: 'status', state: corpus ? 'failed' : 'empty', message: messageOf(error) });
    }
  },

  async reset(settings, choice) {
    generation++;
    running = false;
    try {
      await newSession(settings, choice);
    } catch (error) {
      emit({ type: 'error', message: messageOf(error) });
      emit({ type: 'status', state: 'failed', message: messageOf(error) });
    }
  },

  async train() {
    const s = session;
    if (s === null || running || s.done) return;
    running = true;
    const gen = ++generation;
    emit({ type: 'status', state: 'training', message: 'Training…' });
    void trainLoop(s, gen);
  },

  async pause() {
    if (!running) return;
    running = false;
    generation++;
    emit({ type: 'status', state: 'paused', message: 'Paused.' });
  },

  async neighbours(word, k) {
    if (session === null) return { ok: false, unknown: [], message: 'Load a corpus first.' };
    const r = await session.neighbours(normalize(word), k);
    return r.ok ? r : unknownResult(r.unknown);
  },

  async analogy(a, b, c, k) {
    if (session === null) return { ok: false, unknown: [], message: 'Load a corpus first.' };
    const r = await session.analogy(normalize(a), normalize(b), normalize(c), k);
    return r.ok ? r : unknownResult(r.unknown);
  },

  async similarity(words) {
    if (session === null) return { ok: false, unknown: [], message: 'Load a corpus first.' };
    const r = await session.similarity(words.map(normalize));
    if (!r.ok) return unknownResult(r.unknown);
    return Comlink.transfer(r, [r.value.buffer]);
  },

  async vectors(n) {
    if (session === null) return null;
    const { words, vectors } = await session.topVectors(n);
    return Comlink.transfer({ words, dim: session.settings.dim, vectors }, [vectors.buffer]);
  },
};

Comlink.expose(api);
