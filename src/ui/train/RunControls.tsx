// Train, Pause, Step and Reset, with their keyboard shortcuts.
import { useAppStore } from '../store/store';
import { canReset, canTrain, pause, reset, step, train } from './runActions';
import { useRunShortcuts } from './useRunShortcuts';

export function RunControls() {
  const state = useAppStore((s) => s.run.state);
  useRunShortcuts();
  const trainable = canTrain(state);
  return (
    <div className="run-controls">
      <button
        type="button"
        className="button primary"
        data-testid="control-train"
        disabled={!trainable}
        onClick={() => void train()}
        title="Train (Space)"
      >
        <span aria-hidden="true">▶</span> {state === 'paused' ? 'Resume' : 'Train'}
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
        disabled={!trainable}
        onClick={() => void step(1)}
        title="Train one step (S)"
      >
        Step
      </button>
      <button
        type="button"
        className="button"
        data-testid="control-reset"
        disabled={!canReset(state)}
        onClick={() => void reset()}
        title="Start over from the initial weights (R)"
      >
        Reset
      </button>
      <p className="shortcuts">
        <kbd>Space</kbd> train / pause · <kbd>S</kbd> step · <kbd>R</kbd> reset
      </p>
    </div>
  );
}
