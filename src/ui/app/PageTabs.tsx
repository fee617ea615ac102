// The pages of the app: the playground (build, train and look inside a model), the
// loss-surface lab, which needs no model, word embeddings, and Learn, the lessons and the
// templates to begin with.
// The playground stays mounted while hidden, so a run keeps going and nothing of it is lost on
// the way to the lab and back.
import { useAppStore } from '../store/store';
import type { AppPage } from '../store/labSlice';

const PAGES: { page: AppPage; label: string }[] = [
  { page: 'playground', label: 'Playground' },
  { page: 'lossSurfaces', label: 'Loss surfaces' },
  { page: 'words', label: 'Words' },
  { page: 'learn', label: 'Learn' },
];

export function PageTabs() {
  const page = useAppStore((s) => s.page);
  const showPage = useAppStore((s) => s.showPage);
  return (
    <nav className="page-tabs" role="tablist" aria-label="Pages">
      {PAGES.map((p) => (
        <button
          key={p.page}
          type="button"
          role="tab"
          aria-selected={page === p.page}
          className={page === p.page ? 'page-tab page-tab-on' : 'page-tab'}
          onClick={() => showPage(p.page)}
        >
          {p.label}
        </button>
      ))}
    </nav>
  );
}
