// What the page does when it opens: put back the saved work and run history, then open the
// experiment link it was opened with (if any) on top, setting the saved work aside, and only
// then load the experiment into the worker. Links opened later (pasted into the address bar of
// an open tab) arrive as hashchange events and take the same path.
import { readSavedWork, startAutosave } from '../store/autosave';
import { useAppStore } from '../store/store';
import { openLessonLink } from '../lessons/lessonActions';
import { openLink, openLinkAndLoad } from '../share/openLink';
import { loadCurrentSpec } from '../train/runActions';
import { openPageLink } from './pageLink';

export async function startUp(): Promise<void> {
  const saved = await readSavedWork();
  const store = useAppStore.getState();
  if (saved.current) store.restoreSpec(saved.current.spec, saved.current.templateName);
  store.hydrateSetAside(saved.setAside);
  store.hydrateRuns(saved.runs);
  // A run that was training when the page went away did not finish; say so.
  for (const run of saved.runs)
    if (run.status === 'running') void store.saveRun({ ...run, status: 'interrupted' });
  if (saved.problems.length > 0)
    store.reportStorage({ ok: false, message: saved.problems.join(' ') });
  startAutosave();
  // Ask the browser not to evict the saved work under storage pressure (granted or not
  // silently; without it the work is still saved, only "best effort").
  void navigator.storage?.persist?.().catch(() => false);
  // A page link (#learn) shows that page; a lesson link (#lesson=<id>&step=<n>) opens the
  // lesson there; any other goes to openLink.
  const hash = window.location.hash;
  if (!openPageLink(hash) && !openLessonLink(hash, { load: false })) openLink(hash);
  window.addEventListener('hashchange', () => {
    const next = window.location.hash;
    if (!openPageLink(next) && !openLessonLink(next)) void openLinkAndLoad(next);
  });
  await loadCurrentSpec();
}
