import { beforeEach, describe, expect, it, vi } from 'vitest';
import { templateSpec } from '../../engine/spec/templates';
import { encodeExperimentFragment } from '../../engine/spec/urlCodec';
import { memoryStore, storage } from '../store/persistence';
import { useAppStore } from '../store/store';
import { openLink, returnToSetAside } from './openLink';

vi.mock('../train/runActions', () => ({ loadCurrentSpec: async () => true }));

const replaceState = vi.fn();
beforeEach(() => {
  storage.work = memoryStore();
  storage.runs = memoryStore();
  replaceState.mockClear();
  vi.stubGlobal('window', {
    location: { pathname: '/app/', search: '?x=1', hash: '' },
    history: { state: null, replaceState },
  });
  useAppStore.getState().restoreSpec(templateSpec('mlp'), 'mlp');
  useAppStore.setState({ setAside: [], linkNotice: null });
});

const editLr = (lr: number) =>
  useAppStore.getState().editSpec('lr', (s) => ({
    ...s,
    train: { ...s.train, optimizer: { ...s.train.optimizer, lr } },
  }));

describe('opening a link', () => {
  it('ignores fragments that are not links and touches nothing', () => {
    expect(openLink('#top')).toBe('none');
    expect(replaceState).not.toHaveBeenCalled();
    expect(useAppStore.getState().linkNotice).toBeNull();
  });

  it('refuses a bad link, says why, and leaves the experiment and the undo history alone', () => {
    editLr(0.05);
    const before = useAppStore.getState().spec;
    const past = useAppStore.getState().past.length;
    expect(openLink(`#${encodeExperimentFragment(templateSpec('lenet5')).slice(0, -5)}`)).toBe(
      'refused',
    );
    const s = useAppStore.getState();
    expect(s.spec).toBe(before);
    expect(s.past).toHaveLength(past);
    expect(s.linkNotice).toMatchObject({
      kind: 'refused',
      message: expect.stringMatching(/unchanged/),
    });
    expect(replaceState).toHaveBeenCalledWith(null, '', '/app/?x=1');
  });

  it('opens a link over an unedited template without setting anything aside, and knows the template', () => {
    expect(openLink(`#${encodeExperimentFragment(templateSpec('lenet5'))}`)).toBe('opened');
    const s = useAppStore.getState();
    expect(s.templateName).toBe('lenet5');
    expect(s.setAside).toEqual([]);
    expect(s.linkNotice?.returnTo).toBeNull();
  });

  it('sets edited work aside, and Return to it swaps the two', async () => {
    editLr(0.05);
    const work = useAppStore.getState().spec;
    const linked = { ...templateSpec('spiral'), name: 'From a friend' };
    expect(openLink(encodeExperimentFragment(linked))).toBe('opened');
    let s = useAppStore.getState();
    expect(s.spec).toEqual(linked);
    expect(s.setAside).toHaveLength(1);
    expect(s.setAside[0].spec).toBe(work);
    expect(s.linkNotice?.message).toMatch(/was set aside and kept/);
    // The link is undoable like any replacement.
    expect(s.past[s.past.length - 1].spec).toBe(work);

    editLr(0.2); // edit the friend's experiment too
    await returnToSetAside(s.linkNotice!.returnTo!);
    s = useAppStore.getState();
    expect(s.spec).toBe(work);
    expect(s.setAside.map((w) => w.spec.name)).toEqual(['From a friend']);
    expect(s.setAside[0].spec.train.optimizer.lr).toBe(0.2);
  });

  it('says when the link holds what is already open', () => {
    expect(openLink(encodeExperimentFragment(useAppStore.getState().spec))).toBe('same');
    expect(useAppStore.getState().linkNotice?.title).toMatch(/already open/);
  });
});
