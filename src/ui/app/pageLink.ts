// Links to a page of the app rather than to an experiment or a lesson: `#learn` (the lessons
// gallery, the place to begin), `#words` and `#loss-surfaces`. They change nothing but the tab.
import type { AppPage } from '../store/labSlice';
import { useAppStore } from '../store/store';

const PAGE_LINKS: Record<string, AppPage> = {
  '#learn': 'learn',
  '#words': 'words',
  '#loss-surfaces': 'lossSurfaces',
  '#playground': 'playground',
};

/** Shows the page a page link names; false when `fragment` is not one. */
export function openPageLink(fragment: string): boolean {
  const page = PAGE_LINKS[fragment.toLowerCase()];
  if (page === undefined) return false;
  useAppStore.getState().showPage(page);
  return true;
}
