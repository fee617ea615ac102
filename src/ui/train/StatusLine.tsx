// Where the run stands: its state, what runs it (the backend, the GPU adapter, or why the CPU),
// and the progress of loading or compiling.
import type { RunState } from '../../engine/train/events';
import { useAppStore } from '../store/store';
import { ProgressBar } from './ProgressBar';

const stateLabels: Record<RunState, string> = {
  idle: 'Idle',
  loading: 'Loading data',
  compiling: 'Compiling',
  ready: 'Ready',
  training: 'Training',
  paused: 'Paused',
  finished: 'Finished',
  diverged: 'Diverged',
  failed: 'Failed',
};

export function StatusLine() {
  const state = useAppStore((s) => s.run.state);
  const message = useAppStore((s) => s.run.message);
  const backend = useAppStore((s) => s.run.backend);
  const backendKind = useAppStore((s) => s.run.backendKind);
  const adapter = useAppStore((s) => s.run.adapter);
  const backendNote = useAppStore((s) => s.run.backendNote);
  const tuning = useAppStore((s) => s.run.tuning);
  const progress = useAppStore((s) => s.run.progress);
  return (
    <div className="status-line" data-testid="run-status" data-state={state} aria-live="polite">
      <div className="status-head">
        <span className={`status-dot state-${state}`} aria-hidden="true" />
        <span className="status-state">{stateLabels[state]}</span>
        {backend && (
          <span
            className={`status-backend backend-${backendKind ?? 'unknown'}`}
            data-testid="backend-badge"
            data-backend={backendKind ?? undefined}
            title={adapter ?? backendNote ?? undefined}
          >
            {backend}
          </span>
        )}
      </div>
      {(adapter || backendNote) && (
        <p
          className={`status-device${backendNote ? ' status-device-note' : ''}`}
          data-testid="backend-device"
          title={tuning ? `Kernels chosen for this GPU: ${tuning}` : undefined}
        >
          {adapter ? `on ${adapter}` : backendNote}
        </p>
      )}
      <p className="status-message">{message}</p>
      {progress !== null && (state === 'loading' || state === 'compiling') && (
        <ProgressBar
          fraction={progress}
          label={state === 'loading' ? 'Loading the data' : 'Compiling the model'}
          testId="dataset-progress"
        />
      )}
    </div>
  );
}
