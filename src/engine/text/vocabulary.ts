// The vocabulary: every word seen at least `minCount` times, most frequent first, at most
// `maxSize` of them; ties broken alphabetically so the same text always gives the same ids.
// Words outside it are dropped from the training sequence, as word2vec does.

export interface Vocabulary {
  /** Word of each id, most frequent first. */
  readonly words: string[];
  /** Occurrences of each id in the corpus. */
  readonly counts: Float64Array;
  readonly index: ReadonlyMap<string, number>;
  /** Tokens in the corpus, in the vocabulary or not. */
  readonly totalTokens: number;
  /** Tokens whose word is in the vocabulary (the training sequence's length). */
  readonly keptTokens: number;
}

export interface VocabularyOptions {
  minCount: number;
  maxSize: number;
}

export function countWords(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

export function buildVocabulary(
  counts: ReadonlyMap<string, number>,
  { minCount, maxSize }: VocabularyOptions,
): Vocabulary {
  let totalTokens = 0;
  const entries: [string, number][] = [];
  for (const [w, c] of counts) {
    totalTokens += c;
    if (c >= minCount) entries.push([w, c]);
  }
  entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  entries.length = Math.min(entries.length, Math.max(0, maxSize));
  const words = entries.map((e) => e[0]);
  const freq = Float64Array.from(entries, (e) => e[1]);
  let keptTokens = 0;
  for (const c of freq) keptTokens += c;
  return {
    words,
    counts: freq,
    index: new Map(words.map((w, i) => [w, i])),
    totalTokens,
    keptTokens,
  };
}

/** The token sequence as vocabulary ids, words outside the vocabulary dropped. */
export function encode(tokens: readonly string[], vocab: Vocabulary): Int32Array {
  const out = new Int32Array(vocab.keptTokens);
  let n = 0;
  for (const t of tokens) {
    const id = vocab.index.get(t);
    if (id !== undefined) out[n++] = id;
  }
  return n === out.length ? out : out.slice(0, n);
}
