// Nearest neighbours of a word by cosine similarity, live while training.
import { useState } from 'react';
import { useAppStore } from '../store/store';
import type { QueryResult, ScoredWord } from '../../workers/wordsApi';
import { ScoredList } from './ScoredList';
import { useLiveQuery } from './useLiveQuery';
import { getWords } from './wordsClient';
import { publishNeighbours } from './wordsLive';

export function NeighboursQuery() {
  const [word, setWord] = useState('war');
  const ready = useAppStore((s) => s.words.vocabulary !== null);
  const q = word.trim();
  const result = useLiveQuery<QueryResult<ScoredWord[]>>(
    ready && q
      ? () =>
          getWords()
            .neighbours(q, 10)
            .then((r) => {
              // Published with the word it answers (for a lesson's checks).
              publishNeighbours(r.ok ? { word: q, neighbours: r.value.map((w) => w.word) } : null);
              return r;
            })
      : null,
    `n:${q}`,
  );
  return (
    <section className="panel words-query" aria-label="Nearest neighbours">
      <h2 className="panel-title">Nearest neighbours</h2>
      <label className="words-inline">
        <span>Word</span>
        <input
          value={word}
          onChange={(e) => setWord(e.target.value)}
          data-testid="neighbours-input"
        />
      </label>
      <ScoredList result={result} testId="neighbours" />
    </section>
  );
}
