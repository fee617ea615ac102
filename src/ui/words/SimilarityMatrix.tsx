// The cosine similarities of a handful of chosen words as a heat map with labels (SVG: a few
// dozen cells), on a diverging scale from −1 to 1, live while training.
import { scaleDiverging } from 'd3';
import { interpolateRdBu } from 'd3';
import { useState } from 'react';
import { useAppStore } from '../store/store';
import type { QueryResult } from '../../workers/wordsApi';
import { useLiveQuery } from './useLiveQuery';
import { getWords } from './wordsClient';

const DEFAULT_WORDS = 'war peace army navy congress senate tax revenue';
const color = scaleDiverging<string>((t) => interpolateRdBu(1 - t)).domain([-1, 0, 1]);
const CELL = 34;
const LABEL = 84;
/** Room on the right for the last column's slanted label. */
const PAD = 56;

export function SimilarityMatrix() {
  const [text, setText] = useState(DEFAULT_WORDS);
  const ready = useAppStore((s) => s.words.vocabulary !== null);
  const words = text
    .split(/[\s,]+/)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w.length > 0)
    .slice(0, 12);
  const result = useLiveQuery<QueryResult<Float32Array>>(
    ready && words.length > 0 ? () => getWords().similarity(words) : null,
    `s:${words.join(',')}`,
  );
  const n = words.length;
  const size = LABEL + n * CELL;
  return (
    <section className="panel words-matrix" aria-label="Similarity matrix">
      <h2 className="panel-title">Similarity matrix</h2>
      <label className="words-inline">
        <span>Words (up to 12)</span>
        <input value={text} onChange={(e) => setText(e.target.value)} data-testid="matrix-input" />
      </label>
      {result && !result.ok && <p className="words-error">{result.message}</p>}
      {result?.ok && result.value.length === n * n && (
        <div className="words-matrix-row">
          <svg
            width={size + PAD}
            height={size}
            role="img"
            aria-label="cosine similarity matrix"
            data-testid="similarity-matrix"
          >
            {words.map((w, i) => (
              <g key={`l${i}`}>
                <text
                  x={LABEL - 6}
                  y={LABEL + i * CELL + CELL / 2}
                  textAnchor="end"
                  dominantBaseline="middle"
                  className="words-axis"
                >
                  {w}
                </text>
                <text
                  transform={`translate(${LABEL + i * CELL + CELL / 2}, ${LABEL - 6}) rotate(-45)`}
                  className="words-axis"
                >
                  {w}
                </text>
              </g>
            ))}
            {words.flatMap((_, i) =>
              words.map((__, j) => {
                const v = result.value[i * n + j];
                return (
                  <g key={`${i}-${j}`}>
                    <rect
                      x={LABEL + j * CELL}
                      y={LABEL + i * CELL}
                      width={CELL - 1}
                      height={CELL - 1}
                      fill={color(v)}
                    >
                      <title>{`${words[i]} · ${words[j]}: ${v.toFixed(3)}`}</title>
                    </rect>
                    <text
                      x={LABEL + j * CELL + CELL / 2}
                      y={LABEL + i * CELL + CELL / 2}
                      textAnchor="middle"
                      dominantBaseline="middle"
                      className={Math.abs(v) > 0.6 ? 'words-cell words-cell-light' : 'words-cell'}
                    >
                      {v.toFixed(2)}
                    </text>
                  </g>
                );
              }),
            )}
          </svg>
          <div className="words-legend" aria-label="colour scale">
            <span>1</span>
            <span className="words-legend-bar" />
            <span>−1</span>
          </div>
        </div>
      )}
    </section>
  );
}
