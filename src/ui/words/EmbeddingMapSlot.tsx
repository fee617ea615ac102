// The t-SNE (or PCA) map of the 500 most frequent words, drawn by the shared EmbeddingMap. Its
// vectors are fetched from the words worker when the run is built, every few seconds while it
// trains, and when it pauses or ends; the map itself runs only when a person presses Run, and says
// when the vectors have moved on since (then "Re-run from this layout" continues from it).
import { useEffect, useState } from 'react';
import { useAppStore } from '../store/store';
import { EmbeddingMap } from '../tsne/EmbeddingMap';
import { getWords } from './wordsClient';

const WORDS = 500;
const REFRESH_MS = 5000;

interface Snapshot {
  words: string[];
  dim: number;
  vectors: Float32Array;
}

export function EmbeddingMapSlot() {
  const state = useAppStore((s) => s.words.state);
  const vocabulary = useAppStore((s) => s.words.vocabulary);
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);

  useEffect(() => {
    if (vocabulary === null || state === 'loading') return;
    let cancelled = false;
    const fetch = () =>
      void getWords()
        .vectors(WORDS)
        .then((v) => {
          if (cancelled || v === null) return;
          // The same words keep the same labels array, so the map keeps its label layout.
          setSnapshot((old) =>
            old && old.words.join(' ') === v.words.join(' ') ? { ...v, words: old.words } : v,
          );
        });
    fetch();
    if (state !== 'training') return () => void (cancelled = true);
    const timer = setInterval(fetch, REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [vocabulary, state]);

  return (
    <section className="panel words-map" aria-label="Embedding map">
      <h2 className="panel-title">Map of the {WORDS} most frequent words</h2>
      {snapshot ? (
        <EmbeddingMap
          vectors={snapshot.vectors}
          dim={snapshot.dim}
          labels={snapshot.words}
          title="Word vectors"
          testId="words-map"
        />
      ) : (
        <p className="words-muted">The map appears once a corpus is loaded.</p>
      )}
    </section>
  );
}
