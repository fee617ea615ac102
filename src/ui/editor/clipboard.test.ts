import { describe, expect, it } from 'vitest';
import { templateSpec } from '../../engine/spec/templates';
import { copyNodes, pasteNodes } from './clipboard';
import { edgeKey } from './graphEdits';

describe('copy and paste', () => {
  it('copies nodes with the edges among them, and pastes them with fresh ids and offset', () => {
    const model = templateSpec('mlp').model;
    const clip = copyNodes(model, ['hidden', 'relu'])!;
    expect(clip.nodes.map((n) => n.id)).toEqual(['hidden', 'relu']);
    expect(clip.edges).toEqual([{ from: 'hidden', to: 'relu' }]);

    const pasted = pasteNodes(model, clip, { x: 40, y: 40 });
    if (!pasted.ok) throw new Error(pasted.reason);
    expect(pasted.value.ids).toEqual(['hidden1', 'relu1']);
    const copy = pasted.value.model.nodes.find((n) => n.id === 'hidden1')!;
    expect(copy.position).toEqual({ x: 40, y: 140 });
    expect(copy.params).toEqual(model.nodes[1].params);
    expect(pasted.value.model.edges.map(edgeKey)).toContain('hidden1->relu1');
    expect(pasted.value.model.edges).toHaveLength(model.edges.length + 1);
  });

  it('a clipboard is a snapshot: later edits to the model do not change it', () => {
    const model = templateSpec('mlp').model;
    const clip = copyNodes(model, ['hidden'])!;
    (model.nodes[1].params as { units: number }).units = 3;
    expect((clip.nodes[0].params as { units: number }).units).toBe(128);
  });

  it('pasting twice gives distinct ids', () => {
    const model = templateSpec('mlp').model;
    const clip = copyNodes(model, ['relu'])!;
    const once = pasteNodes(model, clip, { x: 40, y: 40 });
    if (!once.ok) throw new Error(once.reason);
    const twice = pasteNodes(once.value.model, clip, { x: 80, y: 80 });
    if (!twice.ok) throw new Error(twice.reason);
    expect(twice.value.ids).toEqual(['relu2']);
  });

  it('nothing selected copies nothing', () => {
    expect(copyNodes(templateSpec('mlp').model, [])).toBeNull();
  });
});
