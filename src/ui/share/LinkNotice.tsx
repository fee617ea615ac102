// What a link did, said at the top of the dashboard: opened (with "Return to it" for the work
// it set aside) or refused and why, with the details behind the refusal. Also the one place a
// failure to save is reported.
import { useAppStore } from '../store/store';
import { returnToSetAside } from './openLink';

export function LinkNotice() {
  const notice = useAppStore((s) => s.linkNotice);
  const canReturn = useAppStore(
    (s) =>
      s.linkNotice?.returnTo != null && s.setAside.some((w) => w.id === s.linkNotice?.returnTo),
  );
  const dismiss = () => useAppStore.getState().showLinkNotice(null);
  if (notice === null) return null;
  const refused = notice.kind === 'refused';
  return (
    <section
      className={refused ? 'link-notice refused' : 'link-notice'}
      role={refused ? 'alert' : 'status'}
      data-testid="link-notice"
      data-kind={notice.kind}
    >
      <div className="link-notice-text">
        <strong data-testid="link-notice-title">{notice.title}</strong>
        <span data-testid="link-notice-message">{notice.message}</span>
        {notice.details.length > 0 && (
          <details>
            <summary>Details</summary>
            <ul>
              {notice.details.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          </details>
        )}
      </div>
      {canReturn && notice.returnTo !== null && (
        <button
          type="button"
          className="button small"
          data-testid="link-notice-return"
          onClick={() => void returnToSetAside(notice.returnTo!)}
        >
          Return to it
        </button>
      )}
      <button type="button" className="run-notice-dismiss" aria-label="Dismiss" onClick={dismiss}>
        ×
      </button>
    </section>
  );
}

export function StorageNotice() {
  const problem = useAppStore((s) => s.storageProblem);
  if (problem === null) return null;
  return (
    <section className="link-notice refused" role="alert" data-testid="storage-problem">
      <div className="link-notice-text">
        <strong>Not saved</strong>
        <span>{problem}</span>
      </div>
    </section>
  );
}
