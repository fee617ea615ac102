// The Words page: settings of the next run, and what the words worker last said about the
// current one (fed by its events, never persisted). The loss curve lives in ui/words/wordsSeries.
import type { StateCreator } from 'zustand';
import { DEFAULT_WORD_SETTINGS } from '../../engine/text/session';
import type {
  BackendChoice,
  CorpusInfo,
  VocabularyInfo,
  WordSettings,
  WordsEvent,
  WordsState,
} from '../../workers/wordsApi';
import { clearWordsLoss, pushWordsLoss } from '../words/wordsSeries';

export type WordsProgress = Extract<WordsEvent, { type: 'progress' }>;

export interface WordsSlice {
  words: {
    state: WordsState;
    message: string;
    settings: WordSettings;
    backendChoice: BackendChoice;
    backend: { kind: 'webgpu' | 'cpu'; description: string; note: string | null } | null;
    corpus: CorpusInfo | null;
    vocabulary: VocabularyInfo | null;
    progress: WordsProgress | null;
    /** The loss of the latest progress event that had one. */
    loss: number | null;
    error: string | null;
  };
  setWordSettings: (patch: Partial<WordSettings>) => void;
  setWordsBackendChoice: (choice: BackendChoice) => void;
  applyWordsEvents: (events: WordsEvent[]) => void;
}

export const createWordsSlice: StateCreator<WordsSlice, [], [], WordsSlice> = (set) => ({
  words: {
    state: 'empty',
    message: '',
    settings: DEFAULT_WORD_SETTINGS,
    backendChoice: 'auto',
    backend: null,
    corpus: null,
    vocabulary: null,
    progress: null,
    loss: null,
    error: null,
  },
  setWordSettings: (patch) =>
    set((s) => ({ words: { ...s.words, settings: { ...s.words.settings, ...patch } } })),
  setWordsBackendChoice: (choice) => set((s) => ({ words: { ...s.words, backendChoice: choice } })),
  applyWordsEvents: (events) =>
    set((s) => {
      const w = { ...s.words };
      for (const e of events) {
        if (e.type === 'status') {
          w.state = e.state;
          w.message = e.message;
          if (e.state === 'training' || e.state === 'ready') w.error = null;
        } else if (e.type === 'backend') {
          w.backend = { kind: e.kind, description: e.description, note: e.note };
        } else if (e.type === 'corpus') {
          w.corpus = e.corpus;
          w.vocabulary = e.vocabulary;
          w.progress = null;
          w.loss = null;
          clearWordsLoss();
        } else if (e.type === 'progress') {
          w.progress = e;
          if (e.loss !== null) {
            w.loss = e.loss;
            pushWordsLoss(e.steps, e.loss);
          }
        } else if (e.type === 'error') {
          w.error = e.message;
        }
      }
      return { words: w };
    }),
});
