// Experiments set aside when a link (or a return) replaced them, newest first, each one a
// click away: a link never costs a person their work.
import { useAppStore } from '../store/store';
import { returnToSetAside } from './openLink';

export function SetAsideList() {
  const work = useAppStore((s) => s.setAside);
  if (work.length === 0) return null;
  return (
    <section className="set-aside" aria-labelledby="set-aside-title" data-testid="set-aside">
      <h3 id="set-aside-title">Set-aside experiments</h3>
      <ul>
        {work.map((w) => (
          <li key={w.id} data-testid="set-aside-item">
            <span className="set-aside-name">{w.spec.name}</span>
            <span className="set-aside-when">
              set aside{' '}
              {new Date(w.savedAt).toLocaleString('en', {
                dateStyle: 'medium',
                timeStyle: 'short',
              })}
            </span>
            <button
              type="button"
              className="button small"
              onClick={() => void returnToSetAside(w.id)}
            >
              Return to it
            </button>
            <button
              type="button"
              className="button small"
              aria-label={`Forget ${w.spec.name}`}
              title="Forget it"
              onClick={() => useAppStore.getState().removeSetAside(w.id)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
