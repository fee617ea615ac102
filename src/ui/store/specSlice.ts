// The experiment being worked on: its validated spec, which template it came from, and the
// history that makes every change undoable. Actions here are the only way to change the spec;
// the editor and the dashboard describe a change as a pure function of the spec.
import type { StateCreator } from 'zustand';
import type { ExperimentSpec } from '../../engine/spec/schema';
import { templateSpec, type TemplateName } from '../../engine/spec/templates';
import type { AppState } from './store';

export interface SpecEntry {
  spec: ExperimentSpec;
  templateName: TemplateName | null;
  /** What the change did, in words ("add dense", "learning rate"), for the undo tooltip. */
  label: string;
}

export interface SpecSlice {
  templateName: TemplateName | null;
  spec: ExperimentSpec;
  /** Bumped by every change; the worker runs the current spec when it equals loadedSpecVersion. */
  specVersion: number;
  loadedSpecVersion: number;
  /** States before the current one (latest last), and undone states (next first). */
  past: SpecEntry[];
  future: SpecEntry[];
  chooseTemplate: (name: TemplateName) => void;
  /**
   * Applies `change` (a pure function returning a new spec, or the same one for no change) as
   * one undoable step. Changes with the same `coalesce` key in a row (typing in a field,
   * dragging a node) merge into one step.
   */
  editSpec: (
    label: string,
    change: (spec: ExperimentSpec) => ExperimentSpec,
    coalesce?: string,
  ) => void;
  /** Replaces the whole spec (a template, a link) as one undoable step. */
  replaceSpec: (spec: ExperimentSpec, label: string, templateName?: TemplateName | null) => void;
  /** Puts back saved work (on start-up): not an edit, so no undo step and an empty history. */
  restoreSpec: (spec: ExperimentSpec, templateName: TemplateName | null) => void;
  undo: () => void;
  redo: () => void;
  /** Called when the worker has loaded the spec of `version`. */
  markSpecLoaded: (version: number) => void;
}

export const DEFAULT_TEMPLATE: TemplateName = 'mlp';
/** Undo steps kept; older ones are forgotten. */
export const HISTORY_LIMIT = 200;

let lastCoalesce: string | null = null;

function pushPast(past: SpecEntry[], entry: SpecEntry): SpecEntry[] {
  const next =
    past.length >= HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT + 1) : [...past];
  next.push(entry);
  return next;
}

export const createSpecSlice: StateCreator<AppState, [], [], SpecSlice> = (set, get) => ({
  templateName: DEFAULT_TEMPLATE,
  spec: templateSpec(DEFAULT_TEMPLATE),
  specVersion: 0,
  loadedSpecVersion: -1,
  past: [],
  future: [],

  chooseTemplate: (name) => get().replaceSpec(templateSpec(name), `template ${name}`, name),

  replaceSpec: (spec, label, templateName = null) => {
    lastCoalesce = null;
    const s = get();
    set({
      spec,
      templateName,
      specVersion: s.specVersion + 1,
      past: pushPast(s.past, { spec: s.spec, templateName: s.templateName, label }),
      future: [],
    });
  },

  editSpec: (label, change, coalesce) => {
    const s = get();
    const next = change(s.spec);
    if (next === s.spec) return;
    const merge = coalesce !== undefined && coalesce === lastCoalesce && s.past.length > 0;
    lastCoalesce = coalesce ?? null;
    set({
      spec: next,
      // An edited template is no longer that template.
      templateName: null,
      specVersion: s.specVersion + 1,
      past: merge
        ? s.past
        : pushPast(s.past, { spec: s.spec, templateName: s.templateName, label }),
      future: [],
    });
  },

  restoreSpec: (spec, templateName) => {
    lastCoalesce = null;
    set({ spec, templateName, specVersion: get().specVersion + 1, past: [], future: [] });
  },

  undo: () => {
    const s = get();
    const previous = s.past[s.past.length - 1];
    if (previous === undefined) return;
    lastCoalesce = null;
    set({
      spec: previous.spec,
      templateName: previous.templateName,
      specVersion: s.specVersion + 1,
      past: s.past.slice(0, -1),
      future: [{ spec: s.spec, templateName: s.templateName, label: previous.label }, ...s.future],
    });
  },

  redo: () => {
    const s = get();
    const next = s.future[0];
    if (next === undefined) return;
    lastCoalesce = null;
    set({
      spec: next.spec,
      templateName: next.templateName,
      specVersion: s.specVersion + 1,
      past: pushPast(s.past, { spec: s.spec, templateName: s.templateName, label: next.label }),
      future: s.future.slice(1),
    });
  },

  markSpecLoaded: (version) => set({ loadedSpecVersion: version }),
});
