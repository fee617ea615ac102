import { describe, expect, it } from 'vitest';
import { specHash } from './specHash';
import { templateSpec } from './templates';

describe('specHash', () => {
  it('is 16 hex digits, stable, and differs between templates', () => {
    const a = specHash(templateSpec('lenet5'));
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(specHash(templateSpec('lenet5'))).toBe(a);
    expect(specHash(templateSpec('mlp'))).not.toBe(a);
  });

  it('ignores layout, name and view; sees the seed and every hyper-parameter', () => {
    const base = templateSpec('mlp');
    const moved = {
      ...base,
      name: 'renamed',
      view: { ...base.view, smoothing: 0.1 },
      model: {
        ...base.model,
        nodes: base.model.nodes.map((n) => ({ ...n, position: { x: 5, y: 7 } })),
      },
    };
    expect(specHash(moved)).toBe(specHash(base));
    expect(specHash({ ...base, train: { ...base.train, seed: 2 } })).not.toBe(specHash(base));
    expect(specHash({ ...base, train: { ...base.train, batchSize: 65 } })).not.toBe(specHash(base));
  });
});
