// The typed API of the words worker (words.worker.ts): word embeddings trained on a text corpus,
// and live queries on them. Events stream back through one subscription, throttled.
import type { WordSettings } from '../engine/text/session';

export type { WordSettings };

/**
 * 'auto': WebGPU when the browser gives a hardware adapter, else the CPU backend, with a note
 * why. A software fallback adapter (SwiftShader) runs on the CPU too and trains word2vec no
 * faster than the CPU backend (npm run bench -- --words), so auto does not take it; 'webgpu' does.
 */
export type BackendChoice = 'auto' | 'webgpu' | 'cpu';

export type CorpusSource = { kind: 'sotu' } | { kind: 'file'; name: string; bytes: Uint8Array };

export interface CorpusInfo {
  name: string;
  bytes: number;
  /** Tokens in the text. */
  tokens: number;
  /** Distinct tokens. */
  distinct: number;
}

export interface VocabularyInfo {
  size: number;
  /** Tokens of the text whose word is in the vocabulary. */
  keptTokens: number;
  /** Centre words the run will train on (all epochs, after subsampling, expected). */
  wordsPlanned: number;
  /** The most frequent words, for the page's hints. */
  top: string[];
}

export type WordsState = 'empty' | 'loading' | 'ready' | 'training' | 'paused' | 'done' | 'failed';

export type WordsEvent =
  | { type: 'status'; state: WordsState; message: string }
  | { type: 'backend'; kind: 'webgpu' | 'cpu'; description: string; note: string | null }
  | { type: 'corpus'; corpus: CorpusInfo; vocabulary: VocabularyInfo }
  | {
      type: 'progress';
      steps: number;
      words: number;
      wordsPlanned: number;
      epoch: number;
      lr: number;
      wordsPerSec: number;
      /** Mean loss per row since the previous progress event (null before any). */
      loss: number | null;
      /** Fraction of scores on the right side of 0 over the same steps. */
      accuracy: number | null;
    }
  | { type: 'error'; message: string };

export interface ScoredWord {
  word: string;
  similarity: number;
}

/** A query's answer, or the words it used that are not in the vocabulary. */
export type QueryResult<T> =
  { ok: true; value: T } | { ok: false; unknown: string[]; message: string };

export interface WordsApi {
  subscribe(listener: (events: WordsEvent[]) => void): void;
  /** Reads a corpus and builds a run on it with these settings (paused, not training). */
  load(source: CorpusSource, settings: WordSettings, backend: BackendChoice): Promise<void>;
  /** A fresh run on the loaded corpus with new settings (vocabulary rebuilt). */
  reset(settings: WordSettings, backend: BackendChoice): Promise<void>;
  train(): Promise<void>;
  pause(): Promise<void>;
  neighbours(word: string, k: number): Promise<QueryResult<ScoredWord[]>>;
  analogy(a: string, b: string, c: string, k: number): Promise<QueryResult<ScoredWord[]>>;
  similarity(words: string[]): Promise<QueryResult<Float32Array>>;
  /** The n most frequent words and their vectors (n × dim, transferred), for the t-SNE map. */
  vectors(n: number): Promise<{ words: string[]; dim: number; vectors: Float32Array } | null>;
}
