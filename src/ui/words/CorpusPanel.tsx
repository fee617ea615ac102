// What the run trains on: the corpus's size and vocabulary, and a drop zone for a text file.
import * as Comlink from 'comlink';
import { useState, type DragEvent } from 'react';
import { useAppStore } from '../store/store';
import { getWords } from './wordsClient';

/** Text files up to this size are read (the State of the Union corpus is 10.8 MB). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export function CorpusPanel() {
  const corpus = useAppStore((s) => s.words.corpus);
  const vocabulary = useAppStore((s) => s.words.vocabulary);
  const state = useAppStore((s) => s.words.state);
  const [over, setOver] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);

  async function readFile(file: File | undefined) {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setRefused(
        `${file.name} is ${(file.size / 1e6).toFixed(0)} MB; at most 64 MB of text is read`,
      );
      return;
    }
    setRefused(null);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const { settings, backendChoice } = useAppStore.getState().words;
    // Moved, not copied, to the worker: the page keeps no second copy of the text.
    await getWords().load(
      Comlink.transfer({ kind: 'file', name: file.name, bytes }, [bytes.buffer]),
      settings,
      backendChoice,
    );
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    void readFile(e.dataTransfer.files[0]);
  }

  const n = (x: number) => x.toLocaleString('en');
  return (
    <section className="panel words-corpus" aria-label="Corpus">
      <h2 className="panel-title">Corpus</h2>
      {corpus ? (
        <dl className="words-facts" data-testid="corpus-info">
          <dt>Text</dt>
          <dd>{corpus.name}</dd>
          <dt>Words</dt>
          <dd data-testid="corpus-words">{n(corpus.tokens)}</dd>
          <dt>Distinct</dt>
          <dd>{n(corpus.distinct)}</dd>
          {vocabulary && (
            <>
              <dt>Vocabulary</dt>
              <dd data-testid="vocabulary-size">{n(vocabulary.size)}</dd>
              <dt>Most frequent</dt>
              <dd className="words-top">{vocabulary.top.slice(0, 12).join(' ')}</dd>
            </>
          )}
        </dl>
      ) : (
        <p className="words-muted">
          {state === 'loading' ? 'Reading the corpus…' : 'No corpus loaded.'}
        </p>
      )}
      <label
        className={over ? 'words-drop words-drop-over' : 'words-drop'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        Drop a plain-text file here, or <span className="words-link">choose one</span>
        <input
          type="file"
          accept=".txt,text/plain"
          hidden
          data-testid="corpus-file"
          onChange={(e) => void readFile(e.target.files?.[0])}
        />
      </label>
      {refused && <p className="words-error">{refused}</p>}
    </section>
  );
}
