import { describe, expect, it } from 'vitest';
import { templateSpec } from '../../engine/spec/templates';
import { settingsDiff } from './settingsDiff';

describe('settingsDiff', () => {
  it('lists only what differs, by setting name', () => {
    const a = templateSpec('mlp');
    const b = {
      ...a,
      train: { ...a.train, seed: 7, optimizer: { ...a.train.optimizer, lr: 0.01 } },
    };
    b.model = {
      ...a.model,
      nodes: a.model.nodes.map((n) =>
        n.op === 'dense' && n.id === 'hidden' ? { ...n, params: { ...n.params, units: 64 } } : n,
      ),
    };
    expect(settingsDiff([a, b])).toEqual([
      { setting: 'model hidden.units', values: ['128', '64'] },
      { setting: 'train.optimizer.lr', values: ['0.001', '0.01'] },
      { setting: 'train.seed', values: ['1', '7'] },
    ]);
  });

  it('shows a layer only one run has, and nothing for identical runs', () => {
    const a = templateSpec('mlp');
    const b = templateSpec('logisticRegression');
    const rows = settingsDiff([a, b]);
    expect(rows.find((r) => r.setting === 'model hidden')).toEqual({
      setting: 'model hidden',
      values: ['dense', '—'],
    });
    expect(settingsDiff([a, templateSpec('mlp')])).toEqual([]);
  });
});
