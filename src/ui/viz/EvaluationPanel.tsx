// How the model does on the test set, from its latest evaluation: the confusion matrix (click a
// cell for its test samples), the accuracy of each class, and the mistakes it makes most
// confidently — like LeNet-5's "erroneously recognised digits" — each with its true and predicted
// class (by the data set's class names) and probability. Clicking one shows its feature maps
// and saliency.
import { useEffect, useState } from 'react';
import type { CellExamples, TestReportFrame } from '../../engine/analysis/insightFrames';
import type { TestExample } from '../../engine/analysis/testReport';
import { getEngine } from '../app/engineClient';
import { useAppStore } from '../store/store';
import { evaluateNow } from '../train/runActions';
import { ClassAccuracy } from './ClassAccuracy';
import { ConfusionMatrix } from './ConfusionMatrix';
import { DigitThumb } from './DigitThumb';
import { InsightPanel } from './InsightPanel';
import { sampleNoun } from './sampleNoun';

const CELL_EXAMPLES = 32;

function Gallery({
  examples,
  images,
  shape,
  classNames,
  testId,
}: {
  examples: TestExample[];
  images: Uint8Array | null;
  shape: number[] | null;
  classNames: string[];
  testId: string;
}) {
  const setInput = useAppStore((s) => s.setProbeInput);
  const noun = useAppStore((s) => sampleNoun(s.spec.data.dataset).one);
  if (images === null || shape === null) return null;
  const size = shape.reduce((a, b) => a * b, 1);
  return (
    <ul className="digit-gallery" data-testid={testId}>
      {examples.map((e, i) => {
        const name = (k: number) => classNames[k] ?? String(k);
        const title = `Test ${noun} #${e.index + 1}: labelled ${name(e.label)}, predicted ${name(e.predicted)} (${(100 * e.confidence).toFixed(1)} %)`;
        return (
          <li
            key={e.index}
            data-testid={`${testId}-item`}
            data-label={e.label}
            data-predicted={e.predicted}
          >
            <DigitThumb
              pixels={images.subarray(i * size, (i + 1) * size)}
              shape={shape}
              title={title}
              onPick={() => setInput({ kind: 'test', index: e.index })}
            />
            <span className={e.label === e.predicted ? 'right' : 'wrong'}>
              {name(e.label)} → {name(e.predicted)}
            </span>
            <span className="confidence">{(100 * e.confidence).toFixed(0)} %</span>
          </li>
        );
      })}
    </ul>
  );
}

function Summary({ frame }: { frame: TestReportFrame | null }) {
  const state = useAppStore((s) => s.run.state);
  const canTest =
    state === 'ready' || state === 'paused' || state === 'finished' || state === 'training';
  const [testing, setTesting] = useState(false);
  const noun = useAppStore((s) => sampleNoun(s.spec.data.dataset).many);
  return (
    <div className="evaluation-summary">
      <span data-testid="evaluation-summary">
        {frame === null
          ? 'Not evaluated yet: the test set is evaluated every “Test every” steps, or now.'
          : `${(100 * frame.report.accuracy).toFixed(2)} % of ${frame.report.count.toLocaleString('en')} test ${noun} right, at step ${frame.report.step.toLocaleString('en')}.`}
      </span>
      <button
        type="button"
        className="button"
        disabled={!canTest || testing}
        onClick={() => {
          setTesting(true);
          void evaluateNow().finally(() => setTesting(false));
        }}
        data-testid="evaluation-test-now"
      >
        {testing ? 'Testing…' : 'Test now'}
      </button>
    </div>
  );
}

export function EvaluationPanel() {
  const frame = useAppStore((s) => s.testReport);
  const classes = frame?.report.classes ?? 10;
  const [picked, setPicked] = useState<{ label: number; predicted: number } | null>(null);
  const [cell, setCell] = useState<CellExamples | null>(null);
  const step = frame?.report.step ?? null;

  // A cell's examples are of one evaluation: ask again when a newer one arrives.
  useEffect(() => {
    if (picked === null || step === null) return;
    let current = true;
    void getEngine()
      .cellExamples(picked.label, picked.predicted, CELL_EXAMPLES)
      .then((c) => {
        if (current) setCell(c);
      });
    return () => {
      current = false;
    };
  }, [picked, step]);

  const names = frame?.classNames ?? [];
  const noun = sampleNoun(useAppStore((s) => s.spec.data.dataset));
  const name = (k: number) => names[k] ?? String(k);
  return (
    <InsightPanel name="evaluation" title="Test set: confusions and mistakes" wide>
      <Summary frame={frame} />
      <div className="evaluation-body">
        <ConfusionMatrix classes={classes} onPick={setPicked} picked={picked} />
        <ClassAccuracy classes={classes} />
        <div className="evaluation-cell">
          {picked === null || cell === null ? (
            <p className="insight-empty">
              {frame === null
                ? 'The matrix fills in after the first test.'
                : `Click a cell of the matrix to see those test ${noun.many}.`}
            </p>
          ) : (
            <>
              <h3 data-testid="cell-title">
                {cell.label === cell.predicted
                  ? `${name(cell.label)} recognised: ${cell.total.toLocaleString('en')}`
                  : `${name(cell.label)} taken for ${name(cell.predicted)}: ${cell.total.toLocaleString('en')}`}
                {cell.total > cell.examples.length && (
                  <span> (the {cell.examples.length} most confident)</span>
                )}
              </h3>
              {cell.total === 0 ? (
                <p className="insight-empty">No test {noun.one} in this cell.</p>
              ) : (
                <Gallery
                  examples={cell.examples}
                  images={cell.images}
                  shape={cell.imageShape}
                  classNames={names}
                  testId="cell-examples"
                />
              )}
            </>
          )}
        </div>
      </div>
      {frame !== null && frame.report.mistakes.length > 0 && (
        <>
          <h3 className="gallery-title">
            The most confident mistakes (label → prediction, probability)
          </h3>
          <Gallery
            examples={frame.report.mistakes}
            images={frame.mistakeImages}
            shape={frame.imageShape}
            classNames={names}
            testId="mistakes"
          />
        </>
      )}
    </InsightPanel>
  );
}
