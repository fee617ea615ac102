// The experiment being worked on: which template it came from and its validated spec.
import type { StateCreator } from 'zustand';
import type { ExperimentSpec } from '../../engine/spec/schema';
import { templateSpec, type TemplateName } from '../../engine/spec/templates';
import type { AppState } from './store';

export interface SpecSlice {
  templateName: TemplateName | null;
  spec: ExperimentSpec;
  chooseTemplate: (name: TemplateName) => void;
}

export const DEFAULT_TEMPLATE: TemplateName = 'mlp';

export const createSpecSlice: StateCreator<AppState, [], [], SpecSlice> = (set) => ({
  templateName: DEFAULT_TEMPLATE,
  spec: templateSpec(DEFAULT_TEMPLATE),
  chooseTemplate: (name) => set({ templateName: name, spec: templateSpec(name) }),
});
