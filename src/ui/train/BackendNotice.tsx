// The run moved to another backend and carried on: said where the person is looking, with
// the step it resumed from, until they dismiss it.
import { useAppStore } from '../store/store';

export function BackendNotice() {
  const notice = useAppStore((s) => s.run.notice);
  const dismiss = useAppStore((s) => s.dismissNotice);
  if (notice === null) return null;
  return (
    <section
      className="run-notice"
      role="status"
      data-testid="backend-notice"
      data-resumed-from={notice.resumedFromStep}
    >
      <span className="run-notice-icon" aria-hidden="true">
        ↻
      </span>
      <p className="run-notice-text">
        <strong>
          Moved to the CPU, resumed from step {notice.resumedFromStep.toLocaleString('en')}
        </strong>
        <span>{notice.message}</span>
      </p>
      <button
        type="button"
        className="run-notice-dismiss"
        onClick={dismiss}
        aria-label="Dismiss this notice"
      >
        ×
      </button>
    </section>
  );
}
