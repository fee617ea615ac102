// Train, Pause, Step and Reset, with their keyboard shortcuts. Train says why when it cannot
// start, and starts a fresh run of a changed recipe.
import { useMemo } from 'react';
import { useAppStore } from '../store/store';
import { canReset, pause, reset, runSpecChanged, step, train } from './runActions';
import { trainingProblems } from './specEdits';
import { trainAvailability } from './trainAvailability';
import { useRunShortcuts } from './useRunShortcuts';

export function RunControls() {
  const state = useAppStore((s) => s.run.state);
  const model = useAppStore((s) => s.spec.model);
  const data = useAppStore((s) => s.spec.data);
  const changed = useAppStore(runSpecChanged);
  useRunShortcuts();
  const problems = useMemo(() => trainingProblems(model, data), [model, data]);
  const { enabled, reason } = trainAvailability(state, changed, problems);
  return (
    <div className="run-controls">
      <button
        type="button"
        className="button primary"
        data-testid="control-train"
        disabled={!enabled}
        aria-describedby={reason ? 'train-reason' : undefined}
        onClick={() => void train()}
        title={reason ?? 'Train (Space)'}
      >
        <span aria-hidden="true">▶</span> {state === 'paused' && !changed ? 'Resume' : 'Train'}
      </button>
      <button
        type="button"
        className="button"
        data-testid="control-pause"
        disabled={state !== 'training'}
        onClick={() => void pause()}
        title="Pause (Space)"
      >
        <span aria-hidden="true">❚❚</span> Pause
      </button>
      <button
        type="button"
        className="button"
        data-testid="control-step"
        disabled={!enabled}
        onClick={() => void step(1)}
        title={reason ?? 'Train one step (S)'}
      >
        Step
      </button>
      <button
        type="button"
        className="button"
        data-testid="control-reset"
        disabled={!canReset(state) && !changed}
        onClick={() => void reset()}
        title="Start over from the initial weights (R)"
      >
        Reset
      </button>
      {reason && (
        <p
          id="train-reason"
          className={problems.length > 0 ? 'train-reason blocked' : 'train-reason'}
          data-testid="train-reason"
          role={problems.length > 0 ? 'alert' : undefined}
        >
          {reason}
        </p>
      )}
      <p className="shortcuts">
        <kbd>Space</kbd> train / pause · <kbd>S</kbd> step · <kbd>R</kbd> reset
      </p>
    </div>
  );
}
