// One word-embedding training run on a backend: the text's vocabulary and id sequence, the
// batch builder, the model, the learning-rate schedule, and the queries on its current vectors.
// The worker drives it in short chunks; the benchmark and the tests drive it directly.
import type { Backend } from '../backend/backend';
import { BatchBuilder, TrainingBatch, type Word2VecMode } from './batches';
import { negativeTable } from './negativeTable';
import { analogy, neighbours, normalizeRows, similarityMatrix, type Neighbour } from './similarity';
import { keepProbabilities, subsample } from './subsample';
import { tokenize } from './tokenize';
import { buildVocabulary, countWords, encode, type Vocabulary } from './vocabulary';
import { decayedRate, Word2VecModel } from './word2vec';

export interface WordSettings {
  mode: Word2VecMode;
  dim: number;
  /** Context words each side (the most; each centre's window is shrunk at random). */
  window: number;
  negatives: number;
  /** Initial learning rate; decays linearly over `epochs`. */
  lr: number;
  minCount: number;
  maxVocab: number;
  /** Subsampling threshold t (0: off). */
  subsample: number;
  epochs: number;
  /** Rows per batch (pairs for skip-gram, centre words for CBOW). */
  batchRows: number;
  seed: number;
}

export const DEFAULT_WORD_SETTINGS: WordSettings = {
  mode: 'skipgram',
  // The recipe measured on the State of the Union corpus (README, e2e/train-word-embeddings):
  // one epoch takes 20–40 s on the CPU backend of a 2-core machine.
  dim: 32,
  window: 5,
  negatives: 5,
  lr: 0.1,
  minCount: 5,
  maxVocab: 20000,
  subsample: 1e-4,
  epochs: 1,
  batchRows: 1024,
  seed: 1,
};

/** A text as tokens and their counts: computed once per text, reused by every run on it. */
export interface TokenizedText {
  tokens: string[];
  counts: Map<string, number>;
}

export function tokenizeText(text: string): TokenizedText {
  const tokens = tokenize(text);
  return { tokens, counts: countWords(tokens) };
}

export type WordQuery<T> = { ok: true; value: T } | { ok: false; unknown: string[] };

export class WordTrainingSession {
  readonly vocab: Vocabulary;
  readonly model: Word2VecModel;
  /** Centre words planned over all epochs (after subsampling, in expectation). */
  readonly wordsPlanned: number;
  steps = 0;
  wordsDone = 0;
  lr: number;
  private readonly builder: BatchBuilder;
  private readonly batch: TrainingBatch;
  private unit: { steps: number; vectors: Float32Array } | null = null;

  constructor(
    readonly backend: Backend,
    text: TokenizedText,
    readonly settings: WordSettings,
  ) {
    const s = settings;
    this.vocab = buildVocabulary(text.counts, { minCount: s.minCount, maxSize: s.maxVocab });
    if (this.vocab.words.length < 2) {
      throw new Error(
        `only ${this.vocab.words.length} distinct word(s) occur ${s.minCount} times or more; lower the minimum count or use a longer text`,
      );
    }
    const ids = encode(text.tokens, this.vocab);
    const keep = keepProbabilities(this.vocab.counts, this.vocab.keptTokens, s.subsample);
    let expected = 0;
    for (let i = 0; i < keep.length; i++) expected += keep[i] * this.vocab.counts[i];
    this.wordsPlanned = Math.round(expected * s.epochs);
    const shape = { mode: s.mode, rows: s.batchRows, window: s.window, negatives: s.negatives };
    this.builder = new BatchBuilder(shape, negativeTable(this.vocab.counts), s.seed, (epoch) =>
      subsample(ids, keep, s.seed, epoch),
    );
    this.batch = new TrainingBatch(shape, this.vocab.words.length);
    this.model = new Word2VecModel(
      backend,
      { ...shape, vocabSize: this.vocab.words.length, dim: s.dim },
      s.seed,
    );
    this.lr = s.lr;
  }

  get done(): boolean {
    return this.wordsDone >= this.wordsPlanned;
  }

  get epoch(): number {
    const p = this.builder.progress;
    return p.epoch + p.fraction;
  }

  /** Trains `n` batches (fewer when the planned words are done). */
  trainSteps(n: number): number {
    let k = 0;
    for (; k < n && !this.done; k++) {
      this.builder.fill(this.batch);
      this.lr = decayedRate(this.settings.lr, this.wordsDone, this.wordsPlanned);
      this.model.step(this.batch, this.lr);
      this.wordsDone += this.batch.words;
      this.steps++;
    }
    return k;
  }

  /** Unit-length input vectors as of now, recomputed only after training moved on. */
  async unitVectors(): Promise<Float32Array> {
    if (this.unit?.steps !== this.steps) {
      const steps = this.steps;
      const v = normalizeRows(await this.model.vectors(), this.settings.dim);
      this.unit = { steps, vectors: v };
    }
    return this.unit.vectors;
  }

  private ids(words: readonly string[]): WordQuery<number[]> {
    const unknown = words.filter((w) => !this.vocab.index.has(w));
    if (unknown.length > 0) return { ok: false, unknown };
    return { ok: true, value: words.map((w) => this.vocab.index.get(w)!) };
  }

  private named(list: Neighbour[]): { word: string; similarity: number }[] {
    return list.map((n) => ({ word: this.vocab.words[n.id], similarity: n.similarity }));
  }

  async neighbours(
    word: string,
    k: number,
  ): Promise<WordQuery<{ word: string; similarity: number }[]>> {
    const ids = this.ids([word]);
    if (!ids.ok) return ids;
    return {
      ok: true,
      value: this.named(neighbours(await this.unitVectors(), this.settings.dim, ids.value[0], k)),
    };
  }

  async analogy(
    a: string,
    b: string,
    c: string,
    k: number,
  ): Promise<WordQuery<{ word: string; similarity: number }[]>> {
    const ids = this.ids([a, b, c]);
    if (!ids.ok) return ids;
    const [x, y, z] = ids.value;
    return {
      ok: true,
      value: this.named(analogy(await this.unitVectors(), this.settings.dim, x, y, z, k)),
    };
  }

  async similarity(words: readonly string[]): Promise<WordQuery<Float32Array>> {
    const ids = this.ids(words);
    if (!ids.ok) return ids;
    return {
      ok: true,
      value: similarityMatrix(await this.unitVectors(), this.settings.dim, ids.value),
    };
  }

  /** The first n vocabulary words (most frequent) and their raw vectors, n × dim. */
  async topVectors(n: number): Promise<{ words: string[]; vectors: Float32Array }> {
    const m = Math.min(n, this.vocab.words.length);
    const all = await this.model.vectors();
    return { words: this.vocab.words.slice(0, m), vectors: all.slice(0, m * this.settings.dim) };
  }

  free(): void {
    this.model.free();
  }
}
