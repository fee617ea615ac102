import { describe, expect, it } from 'vitest';
import { templateSpec } from '../../engine/spec/templates';
import { moveNodes, setNodeParams } from './graphEdits';
import { sameComputation } from './sameComputation';

describe('sameComputation', () => {
  it('moving nodes keeps the computation; a parameter or an edge changes it', () => {
    const model = templateSpec('mlp').model;
    const moved = moveNodes(model, new Map([['relu', { x: 300, y: 40 }]]));
    expect(moved).not.toBe(model);
    expect(sameComputation(model, moved)).toBe(true);
    const edited = setNodeParams(model, 'hidden', { units: 64, bias: true, init: 'glorot' });
    if (!edited.ok) throw new Error(edited.reason);
    expect(sameComputation(model, edited.value)).toBe(false);
    expect(sameComputation(model, { ...model, edges: model.edges.slice(1) })).toBe(false);
  });
});
