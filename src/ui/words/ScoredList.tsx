// A query's answer: words with their cosine similarity as a bar, or why there is none.
import type { QueryResult, ScoredWord } from '../../workers/wordsApi';

export function ScoredList({
  result,
  testId,
}: {
  result: QueryResult<ScoredWord[]> | null;
  testId: string;
}) {
  if (result === null) return <p className="words-muted">—</p>;
  if (!result.ok) {
    return (
      <p className="words-error" data-testid={`${testId}-error`}>
        {result.message}
      </p>
    );
  }
  return (
    <ol className="words-list" data-testid={testId}>
      {result.value.map((n) => (
        <li key={n.word}>
          <span className="words-word">{n.word}</span>
          <span className="words-bar" aria-hidden="true">
            <span style={{ width: `${Math.max(0, n.similarity) * 100}%` }} />
          </span>
          <span className="words-sim">{n.similarity.toFixed(3)}</span>
        </li>
      ))}
    </ol>
  );
}
