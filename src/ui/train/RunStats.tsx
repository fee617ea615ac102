// The run's numbers at a glance.
import type { ReactNode } from 'react';
import { useAppStore } from '../store/store';
import { DASH, formatDuration, formatInteger, formatLoss, formatPercent } from './format';

function Stat({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <div className="stat" title={hint}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{children}</div>
    </div>
  );
}

export function RunStats() {
  const run = useAppStore((s) => s.run);
  const epochs = useAppStore((s) => s.spec.train.epochs);
  const fraction = run.totalSteps > 0 ? Math.min(1, run.step / run.totalSteps) : 0;
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
          <span className="stat-total"> / {epochs}</span>
        </Stat>
        <Stat label="Training loss" hint="Smoothed over recent batches">
          <span data-testid="loss-value">{formatLoss(run.loss)}</span>
        </Stat>
        <Stat label="Training accuracy" hint="Smoothed over recent batches">
          <span data-testid="accuracy-value">{formatPercent(run.accuracy)}</span>
        </Stat>
        <Stat label="Test loss">
          <span data-testid="test-loss-value">{formatLoss(run.testLoss)}</span>
        </Stat>
        <Stat label="Test accuracy">
          <span data-testid="test-accuracy-value">{formatPercent(run.testAccuracy)}</span>
        </Stat>
        <Stat label="Samples / s">
          <span data-testid="throughput-value">{formatInteger(run.samplesPerSec)}</span>
        </Stat>
        <Stat label="Elapsed">
          <span data-testid="elapsed-value">{formatDuration(run.elapsedMs)}</span>
        </Stat>
      </div>
      <div
        className="progress run-progress"
        role="progressbar"
        aria-label="Run progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
      >
        <div className="progress-fill" style={{ width: `${(fraction * 100).toFixed(2)}%` }} />
      </div>
    </section>
  );
}
