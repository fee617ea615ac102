// Analogies a − b + c: the words nearest that point, the three inputs excluded.
import { useState } from 'react';
import { useAppStore } from '../store/store';
import type { QueryResult, ScoredWord } from '../../workers/wordsApi';
import { ScoredList } from './ScoredList';
import { useLiveQuery } from './useLiveQuery';
import { getWords } from './wordsClient';

export function AnalogyQuery() {
  const [a, setA] = useState('war');
  const [b, setB] = useState('wars');
  const [c, setC] = useState('treaties');
  const ready = useAppStore((s) => s.words.vocabulary !== null);
  const words = [a, b, c].map((w) => w.trim());
  const complete = words.every((w) => w.length > 0);
  const result = useLiveQuery<QueryResult<ScoredWord[]>>(
    ready && complete ? () => getWords().analogy(words[0], words[1], words[2], 8) : null,
    `a:${words.join(',')}`,
  );
  return (
    <section className="panel words-query" aria-label="Analogy">
      <h2 className="panel-title">Analogy a − b + c</h2>
      <div className="words-analogy">
        <input
          value={a}
          onChange={(e) => setA(e.target.value)}
          aria-label="a"
          data-testid="analogy-a"
        />
        <span>−</span>
        <input
          value={b}
          onChange={(e) => setB(e.target.value)}
          aria-label="b"
          data-testid="analogy-b"
        />
        <span>+</span>
        <input
          value={c}
          onChange={(e) => setC(e.target.value)}
          aria-label="c"
          data-testid="analogy-c"
        />
      </div>
      <ScoredList result={result} testId="analogy" />
      <p className="words-muted">
        One epoch on 1.8 million words learns relations like plural to singular (war − wars +
        treaties → treaty) better than king − man + woman, which needs far more text.
      </p>
    </section>
  );
}
