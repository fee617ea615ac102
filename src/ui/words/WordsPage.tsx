// The Words page: train word embeddings on a text corpus and query them while they train.
// Corpus and settings on the left; run controls, the loss and the queries on the right.
import { useEffect } from 'react';
import { useAppStore } from '../store/store';
import { AnalogyQuery } from './AnalogyQuery';
import { CorpusPanel } from './CorpusPanel';
import { EmbeddingMapSlot } from './EmbeddingMapSlot';
import { NeighboursQuery } from './NeighboursQuery';
import { SimilarityMatrix } from './SimilarityMatrix';
import { WordSettingsForm } from './WordSettingsForm';
import { WordsRunPanel } from './WordsRunPanel';
import { getWords } from './wordsClient';
import './words.css';

export function WordsPage() {
  const state = useAppStore((s) => s.words.state);
  useEffect(() => {
    // The prepared corpus is read when the page first opens.
    if (state === 'empty') {
      const { settings, backendChoice } = useAppStore.getState().words;
      void getWords().load({ kind: 'sotu' }, settings, backendChoice);
    }
    // Only on first show: a failed load waits for a dropped file or a reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <div className="words-page" data-testid="words-page">
      <div className="words-side">
        <CorpusPanel />
        <WordSettingsForm />
      </div>
      <div className="words-main">
        <WordsRunPanel />
        <div className="words-queries">
          <NeighboursQuery />
          <AnalogyQuery />
        </div>
        <SimilarityMatrix />
        <EmbeddingMapSlot />
      </div>
    </div>
  );
}
