// Work a person might want back: experiments set aside when a link replaced them, and the
// notice that says what a link did (opened, or refused and why). Opening a link never throws
// work away; it moves it here, where "Return to it" brings it back.
import type { StateCreator } from 'zustand';
import type { ExperimentSpec } from '../../engine/spec/schema';
import type { TemplateName } from '../../engine/spec/templates';
import type { AppState } from './store';

/** Set-aside experiments kept; older ones are forgotten. */
export const MAX_SET_ASIDE = 10;

export interface SetAsideWork {
  id: string;
  spec: ExperimentSpec;
  templateName: TemplateName | null;
  savedAt: number;
}

export interface LinkNotice {
  kind: 'opened' | 'refused';
  title: string;
  message: string;
  details: string[];
  /** The set-aside work this link replaced, which the notice offers to return to. */
  returnTo: string | null;
  /** Bumped per notice, so the same notice twice is announced again. */
  id: number;
}

export interface WorkSlice {
  setAside: SetAsideWork[];
  linkNotice: LinkNotice | null;
  hydrateSetAside: (work: SetAsideWork[]) => void;
  /** Keeps `work` (newest first); an entry with the same id is replaced. */
  setAsideWork: (work: SetAsideWork) => void;
  removeSetAside: (id: string) => void;
  showLinkNotice: (notice: Omit<LinkNotice, 'id'> | null) => void;
}

export const createWorkSlice: StateCreator<AppState, [], [], WorkSlice> = (set, get) => ({
  setAside: [],
  linkNotice: null,
  hydrateSetAside: (work) => set({ setAside: work.slice(0, MAX_SET_ASIDE) }),
  setAsideWork: (work) =>
    set({
      setAside: [work, ...get().setAside.filter((w) => w.id !== work.id)].slice(0, MAX_SET_ASIDE),
    }),
  removeSetAside: (id) => set({ setAside: get().setAside.filter((w) => w.id !== id) }),
  showLinkNotice: (notice) =>
    set({
      linkNotice: notice === null ? null : { ...notice, id: (get().linkNotice?.id ?? 0) + 1 },
    }),
});
