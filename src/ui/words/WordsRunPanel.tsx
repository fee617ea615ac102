// Train / Pause / Reset, what the run has done, and its live loss.
import { useAppStore } from '../store/store';
import { LiveChart, type Curve } from '../train/LiveChart';
import { getWords } from './wordsClient';
import { wordsLoss } from './wordsSeries';

const curves: Curve[] = [
  { series: wordsLoss, label: 'training loss', color: '#2563eb', kind: 'line' },
];

export function WordsRunPanel() {
  const w = useAppStore((s) => s.words);
  const p = w.progress;
  const busy = w.state === 'loading' || w.state === 'empty';
  const n = (x: number) => Math.round(x).toLocaleString('en');
  return (
    <section className="panel words-run" aria-label="Training">
      <div className="words-run-head">
        <h2 className="panel-title">Training</h2>
        <div className="words-buttons">
          {w.state === 'training' ? (
            <button type="button" onClick={() => void getWords().pause()}>
              Pause
            </button>
          ) : (
            <button
              type="button"
              className="primary"
              disabled={busy || w.state === 'done' || w.state === 'failed' || !w.vocabulary}
              onClick={() => void getWords().train()}
            >
              Train
            </button>
          )}
          <button
            type="button"
            disabled={busy || !w.corpus}
            onClick={() => void getWords().reset(w.settings, w.backendChoice)}
          >
            Reset
          </button>
        </div>
        <span className="words-status" data-testid="words-status" data-state={w.state}>
          {w.message}
        </span>
      </div>
      {w.backend && (
        <p className="words-backend" data-testid="words-backend">
          {w.backend.kind === 'webgpu' ? 'WebGPU' : 'CPU'}: {w.backend.description}
          {w.backend.note && <span className="words-note"> — {w.backend.note}</span>}
        </p>
      )}
      {w.error && (
        <p className="words-error" role="alert">
          {w.error}
        </p>
      )}
      <dl className="words-stats">
        <dt title="centre words trained, after subsampling of frequent words, of those planned">
          Words trained
        </dt>
        <dd data-testid="words-trained">{p ? `${n(p.words)} of ${n(p.wordsPlanned)}` : '—'}</dd>
        <dt>Epoch</dt>
        <dd>{p ? p.epoch.toFixed(2) : '—'}</dd>
        <dt title="centre words trained per second (after subsampling of frequent words)">
          Words/s
        </dt>
        <dd data-testid="words-per-sec">{p && p.wordsPerSec > 0 ? n(p.wordsPerSec) : '—'}</dd>
        <dt>Learning rate</dt>
        <dd>{p ? p.lr.toPrecision(3) : '—'}</dd>
        <dt>Loss</dt>
        <dd data-testid="words-loss">{w.loss !== null ? w.loss.toFixed(3) : '—'}</dd>
      </dl>
      <LiveChart
        title="Loss per example (−log σ(s⁺) − Σ log σ(−s⁻))"
        yLabel="loss"
        curves={curves}
        formatValue={(v) => v.toFixed(3)}
        smoothing={0.6}
        xAxis="step"
        stepsPerEpoch={0}
        totalSteps={0}
        testId="words-loss-chart"
        fileName="layercake-words-loss"
      />
    </section>
  );
}
