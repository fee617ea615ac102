// The run's numbers at a glance, and how far it has come: the whole run and the current epoch.
import type { ReactNode } from 'react';
import { useAppStore } from '../store/store';
import { ProgressBar } from './ProgressBar';
import { evaluateNow } from './runActions';
import { useThrottledRun } from './useThrottledRun';
import { DASH, formatDuration, formatInteger, formatLoss, formatPercent } from './format';

function Stat({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <div className="stat" title={hint}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{children}</div>
    </div>
  );
}

function Progress({
  label,
  fraction,
  testId,
}: {
  label: string;
  fraction: number;
  testId: string;
}) {
  const percent = Math.round(fraction * 1000) / 10;
  return (
    <div className="progress-row">
      <span className="progress-label">{label}</span>
      <ProgressBar fraction={fraction} label={label} testId={testId} />
      <span className="progress-value">{percent.toFixed(0)} %</span>
    </div>
  );
}

function formatRate(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return DASH;
  return v >= 1e-3 ? String(Number(v.toPrecision(3))) : v.toExponential(2);
}

/** How often the numbers are refreshed while they stream in. */
const REFRESH_MS = 250;

export function RunStats() {
  const run = useThrottledRun(REFRESH_MS);
  // What the buttons may do follows the run's state at once.
  const state = useAppStore((s) => s.run.state);
  const epochs = useAppStore((s) => s.spec.train.epochs);
  const fraction = run.totalSteps > 0 ? Math.min(1, run.step / run.totalSteps) : 0;
  const totalEpochs = run.stepsPerEpoch > 0 ? run.totalSteps / run.stepsPerEpoch : epochs;
  // The epoch under way (the last one, once the run is through).
  const epochIndex = Math.min(Math.floor(run.epoch), Math.max(0, totalEpochs - 1));
  const epochFraction = Math.min(1, Math.max(0, run.epoch - epochIndex));
  const running = state === 'training' || state === 'paused';
  const canEvaluate = ['ready', 'paused', 'finished', 'training'].includes(state);
  return (
    <section className="run-stats" aria-label="Run numbers">
      <div className="stats-grid">
        <Stat label="Step">
          <span data-testid="step-counter">{formatInteger(run.step)}</span>
          <span className="stat-total">
            {' '}
            / {run.totalSteps > 0 ? formatInteger(run.totalSteps) : DASH}
          </span>
        </Stat>
        <Stat label="Epoch">
          <span data-testid="epoch-value">{run.epoch.toFixed(2)}</span>
          <span className="stat-total"> / {totalEpochs}</span>
        </Stat>
        <Stat label="Training loss" hint="Smoothed over recent batches">
          <span data-testid="loss-value">{formatLoss(run.loss)}</span>
        </Stat>
        <Stat label="Training accuracy" hint="Smoothed over recent batches">
          <span data-testid="accuracy-value">{formatPercent(run.accuracy)}</span>
        </Stat>
        <Stat label="Learning rate" hint="The schedule's rate at the latest step">
          <span data-testid="lr-value">{formatRate(run.learningRate)}</span>
        </Stat>
        <Stat label="Test loss" hint="On the whole test split">
          <span data-testid="test-loss-value">{formatLoss(run.testLoss)}</span>
        </Stat>
        <Stat label="Test accuracy" hint="On the whole test split">
          <span data-testid="test-accuracy-value">{formatPercent(run.testAccuracy)}</span>
        </Stat>
        <Stat label="Samples / s" hint="Training throughput over the last moments">
          <span data-testid="throughput-value">{formatInteger(run.samplesPerSec)}</span>
        </Stat>
        <Stat label="Elapsed" hint="Since the first step, pauses included">
          <span data-testid="elapsed-value">{formatDuration(run.elapsedMs)}</span>
        </Stat>
        <Stat label="Time left" hint="At the recent pace, evaluations included">
          <span data-testid="eta-value">
            {running && run.etaMs !== null ? formatDuration(run.etaMs) : DASH}
          </span>
        </Stat>
      </div>
      <div className="run-progress">
        <Progress label="Run" fraction={fraction} testId="run-progress" />
        <Progress
          label={`Epoch ${epochIndex + 1} of ${totalEpochs}`}
          fraction={state === 'finished' ? 1 : epochFraction}
          testId="epoch-progress"
        />
        <button
          type="button"
          className="button small"
          data-testid="evaluate-now"
          disabled={!canEvaluate}
          onClick={() => void evaluateNow()}
          title="Test loss and accuracy on the whole test split, with the weights as they are now"
        >
          Test now
        </button>
      </div>
    </section>
  );
}
