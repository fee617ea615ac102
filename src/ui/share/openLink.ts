// Opening an experiment link, and getting back the work it replaced. A link is untrusted: it
// is decoded by the engine's codec, and whatever is wrong with it is said in a notice while the
// current experiment stays exactly as it was. A link that opens never discards work: edited
// work is set aside first, and "Return to it" swaps it back (setting the link's aside in turn).
import type { ExperimentSpec } from '../../engine/spec/schema';
import { templates, templateSpec, type TemplateName } from '../../engine/spec/templates';
import { decodeExperimentFragment } from '../../engine/spec/urlCodec';
import { newRunId } from '../store/runRecord';
import { useAppStore } from '../store/store';
import { loadCurrentSpec } from '../train/runActions';

const sameSpec = (a: ExperimentSpec, b: ExperimentSpec) => JSON.stringify(a) === JSON.stringify(b);

/** The template a spec is exactly, if it is one. */
function templateOf(spec: ExperimentSpec): TemplateName | null {
  for (const name of Object.keys(templates) as TemplateName[])
    if (sameSpec(templateSpec(name), spec)) return name;
  return null;
}

/** Keeps the current experiment among the set-aside work, unless it is an unedited template. Returns its id. */
function setAsideCurrent(): string | null {
  const { spec, templateName } = useAppStore.getState();
  if (templateName !== null) return null;
  const id = newRunId();
  useAppStore.getState().setAsideWork({ id, spec, templateName, savedAt: Date.now() });
  return id;
}

/** Takes the experiment out of the address bar: it is saved now, and a reload must not reopen it over later edits. */
function clearFragment(): void {
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}`);
}

export type OpenOutcome = 'none' | 'refused' | 'same' | 'opened';

/** Opens the experiment in `fragment` (location.hash), if it holds one. */
export function openLink(fragment: string): OpenOutcome {
  const result = decodeExperimentFragment(fragment);
  if (result === null) return 'none';
  clearFragment();
  const store = useAppStore.getState();
  if (!result.ok) {
    store.showLinkNotice({
      kind: 'refused',
      title: 'This link could not be opened',
      message: `${result.error.message} Your current experiment is unchanged.`,
      details: result.error.details,
      returnTo: null,
    });
    return 'refused';
  }
  const { spec, migratedFrom } = result;
  const migrated =
    migratedFrom === null
      ? ''
      : ` It was made by an older LayerCake (spec version ${migratedFrom}) and was brought up to date.`;
  if (sameSpec(spec, store.spec)) {
    store.showLinkNotice({
      kind: 'opened',
      title: `“${spec.name}” is already open`,
      message: `The link holds the experiment you are working on.${migrated}`,
      details: [],
      returnTo: null,
    });
    return 'same';
  }
  const previousName = store.spec.name;
  const returnTo = setAsideCurrent();
  store.replaceSpec(spec, 'open a link', templateOf(spec));
  store.showLinkNotice({
    kind: 'opened',
    title: `Opened “${spec.name}” from a link`,
    message:
      (returnTo === null
        ? 'It is ready to train.'
        : `It is ready to train. Your previous experiment, “${previousName}”, was set aside and kept.`) +
      migrated,
    details: [],
    returnTo,
  });
  return 'opened';
}

/** Opens a link and, if it opened, loads it into the worker. */
export async function openLinkAndLoad(fragment: string): Promise<OpenOutcome> {
  const outcome = openLink(fragment);
  if (outcome === 'opened') await loadCurrentSpec();
  return outcome;
}

/** Brings back set-aside work, setting the current experiment aside in its place. */
export async function returnToSetAside(id: string): Promise<void> {
  const store = useAppStore.getState();
  const work = store.setAside.find((w) => w.id === id);
  if (!work) return;
  store.removeSetAside(id);
  const asideId = setAsideCurrent();
  store.replaceSpec(work.spec, 'return to set-aside work', work.templateName);
  store.showLinkNotice({
    kind: 'opened',
    title: `Back to “${work.spec.name}”`,
    message:
      asideId === null
        ? 'Your earlier experiment is open again.'
        : 'The experiment you had open was set aside in its place.',
    details: [],
    returnTo: asideId,
  });
  await loadCurrentSpec();
}
