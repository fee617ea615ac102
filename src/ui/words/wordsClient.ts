// The page's connection to the words worker, created on first use; its events go to the store.
import * as Comlink from 'comlink';
import type { WordsApi, WordsEvent } from '../../workers/wordsApi';
import { useAppStore } from '../store/store';

let words: Comlink.Remote<WordsApi> | null = null;

export function getWords(): Comlink.Remote<WordsApi> {
  if (words === null) {
    const worker = new Worker(new URL('../../workers/words.worker.ts', import.meta.url), {
      type: 'module',
      name: 'layercake-words',
    });
    worker.addEventListener('error', (e) => {
      useAppStore.getState().applyWordsEvents([
        {
          type: 'error',
          message: `The words worker failed: ${e.message || 'it could not start'}.`,
        },
        { type: 'status', state: 'failed', message: 'The words worker stopped.' },
      ]);
    });
    words = Comlink.wrap<WordsApi>(worker);
    void words.subscribe(
      Comlink.proxy((events: WordsEvent[]) => useAppStore.getState().applyWordsEvents(events)),
    );
  }
  return words;
}
