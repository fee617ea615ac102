import { describe, expect, it } from 'vitest';
import { inferShapes } from '../../engine/spec/inferShapes';
import { templateSpec } from '../../engine/spec/templates';
import { slotOfHandle, targetHandle, toFlowEdges, toFlowNodes } from './flowElements';

describe('flow elements', () => {
  it('nodes carry shape, size and problems; edges carry the shape they move', () => {
    const model = templateSpec('mlp').model;
    model.nodes.push({ id: 'stray', op: 'relu', params: {}, position: { x: 300, y: 0 } });
    const report = inferShapes(model);
    const nodes = toFlowNodes(model, report, new Set(['relu']));
    const hidden = nodes.find((n) => n.id === 'hidden')!;
    expect(hidden.data.info!.paramCount).toBe(784 * 128 + 128);
    expect(hidden.position).toEqual({ x: 0, y: 100 });
    expect(nodes.find((n) => n.id === 'relu')!.selected).toBe(true);
    expect(nodes.find((n) => n.id === 'stray')!.data.errors[0]).toMatch(/has no input/);
    expect(nodes.find((n) => n.id === 'input')!.data.inputSlots).toBe(0);

    const edges = toFlowEdges(model, report, new Set());
    expect(edges.find((e) => e.id === 'input->hidden')!.data!.shape).toBe('1×28×28');
    expect(edges.find((e) => e.id === 'relu->logits')!.data!.shape).toBe('128');
  });

  it('a merge node has a handle per input plus a free one, and its edges say their slot', () => {
    const model = templateSpec('mlp').model;
    model.nodes.push({ id: 'cat', op: 'concat', params: {}, position: { x: 0, y: 0 } });
    model.edges.push({ from: 'relu', to: 'cat', port: 1 }, { from: 'hidden', to: 'cat', port: 0 });
    const report = inferShapes(model);
    expect(toFlowNodes(model, report, new Set()).find((n) => n.id === 'cat')!.data.inputSlots).toBe(
      3,
    );
    const edges = toFlowEdges(model, report, new Set());
    expect(edges.find((e) => e.source === 'relu' && e.target === 'cat')).toMatchObject({
      targetHandle: 'in-1',
      data: { slot: 2 },
    });
    expect(slotOfHandle(targetHandle(1))).toBe(1);
    expect(slotOfHandle(targetHandle(null))).toBeUndefined();
  });

  it('a node being dragged is drawn where the drag is', () => {
    const model = templateSpec('mlp').model;
    const nodes = toFlowNodes(
      model,
      inferShapes(model),
      new Set(),
      new Map([['relu', { x: 7, y: 9 }]]),
    );
    expect(nodes.find((n) => n.id === 'relu')!.position).toEqual({ x: 7, y: 9 });
  });
});
