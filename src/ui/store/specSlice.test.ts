import { beforeEach, describe, expect, it } from 'vitest';
import { templateSpec } from '../../engine/spec/templates';
import type { ExperimentSpec } from '../../engine/spec/schema';
import { useAppStore } from './store';
import { DEFAULT_TEMPLATE, HISTORY_LIMIT } from './specSlice';

const setLr =
  (lr: number) =>
  (s: ExperimentSpec): ExperimentSpec => ({
    ...s,
    train: { ...s.train, optimizer: { ...s.train.optimizer, lr } },
  });
const lr = () => useAppStore.getState().spec.train.optimizer.lr;

beforeEach(() => {
  useAppStore.setState({
    spec: templateSpec(DEFAULT_TEMPLATE),
    templateName: DEFAULT_TEMPLATE,
    past: [],
    future: [],
    specVersion: 0,
  });
});

describe('spec slice', () => {
  it('every edit is one undoable step, and redo brings it back', () => {
    const store = useAppStore.getState();
    store.editSpec('learning rate', setLr(0.01));
    store.editSpec('learning rate', setLr(0.02));
    expect(lr()).toBe(0.02);
    expect(useAppStore.getState().templateName).toBeNull();
    useAppStore.getState().undo();
    expect(lr()).toBe(0.01);
    useAppStore.getState().undo();
    expect(lr()).toBe(0.001);
    expect(useAppStore.getState().templateName).toBe(DEFAULT_TEMPLATE);
    useAppStore.getState().redo();
    useAppStore.getState().redo();
    expect(lr()).toBe(0.02);
    useAppStore.getState().redo();
    expect(lr()).toBe(0.02);
  });

  it('a new edit after undo drops the redo branch', () => {
    const s = useAppStore.getState();
    s.editSpec('lr', setLr(0.01));
    useAppStore.getState().undo();
    useAppStore.getState().editSpec('lr', setLr(0.05));
    expect(useAppStore.getState().future).toEqual([]);
    useAppStore.getState().redo();
    expect(lr()).toBe(0.05);
  });

  it('edits with the same coalesce key merge into one step (typing, dragging)', () => {
    const s = useAppStore.getState();
    s.editSpec('lr', setLr(0.1), 'lr-field');
    useAppStore.getState().editSpec('lr', setLr(0.12), 'lr-field');
    useAppStore.getState().editSpec('lr', setLr(0.123), 'lr-field');
    expect(useAppStore.getState().past).toHaveLength(1);
    useAppStore.getState().undo();
    expect(lr()).toBe(0.001);
  });

  it('a change that returns the same spec is not a step; the version counts real changes', () => {
    const v0 = useAppStore.getState().specVersion;
    useAppStore.getState().editSpec('nothing', (spec) => spec);
    expect(useAppStore.getState().past).toHaveLength(0);
    expect(useAppStore.getState().specVersion).toBe(v0);
    useAppStore.getState().editSpec('lr', setLr(0.3));
    expect(useAppStore.getState().specVersion).toBe(v0 + 1);
  });

  it('choosing a template is undoable and keeps the history bounded', () => {
    useAppStore.getState().chooseTemplate('lenet5');
    expect(useAppStore.getState().templateName).toBe('lenet5');
    useAppStore.getState().undo();
    expect(useAppStore.getState().templateName).toBe(DEFAULT_TEMPLATE);
    for (let i = 0; i < HISTORY_LIMIT + 20; i++)
      useAppStore.getState().editSpec('lr', setLr(i + 1));
    expect(useAppStore.getState().past).toHaveLength(HISTORY_LIMIT);
  });
});
