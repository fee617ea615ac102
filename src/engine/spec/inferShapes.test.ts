import { describe, expect, it } from 'vitest';
import { inferShapes } from './inferShapes';
import { templateSpec } from './templates';
import type { ModelSpec, NodeSpec } from './schema';

const chain = (nodes: NodeSpec[]): ModelSpec => ({
  nodes,
  edges: nodes.slice(1).map((n, i) => ({ from: nodes[i].id, to: n.id })),
});
const input = (shape: number[]): NodeSpec => ({ id: 'in', op: 'input', params: { shape } });
const dense = (id: string, units: number): NodeSpec => ({
  id,
  op: 'dense',
  params: { units, bias: true, init: 'he' },
});
const loss: NodeSpec = { id: 'loss', op: 'softmaxCrossEntropy', params: {} };
const errors = (m: ModelSpec) => inferShapes(m).problems.filter((p) => p.severity === 'error');

describe('inferShapes', () => {
  it('LeNet-5: shapes, parameter count and FLOPs', () => {
    const r = inferShapes(templateSpec('lenet5').model);
    expect(r.ok).toBe(true);
    expect(r.nodes.get('c1')!.shape).toEqual([6, 24, 24]);
    expect(r.nodes.get('s2')!.shape).toEqual([6, 12, 12]);
    expect(r.nodes.get('c3')!.shape).toEqual([16, 8, 8]);
    expect(r.nodes.get('s4')!.shape).toEqual([16, 4, 4]);
    expect(r.nodes.get('flatten')!.shape).toEqual([256]);
    expect(r.nodes.get('logits')!.shape).toEqual([10]);
    // 156 + 2416 + 30840 + 10164 + 850
    expect(r.totalParams).toBe(44426);
    expect(r.nodes.get('c1')!.flops).toBe(2 * 6 * 24 * 24 * 25);
  });

  it('MLP: 784-128-10 has 101,770 parameters', () => {
    const r = inferShapes(templateSpec('mlp').model);
    expect(r.totalParams).toBe(784 * 128 + 128 + 128 * 10 + 10);
    expect(r.order[0]).toBe('input');
  });

  it('a cycle is an error on every node of it', () => {
    const m = chain([input([4]), dense('a', 3), dense('b', 3), loss]);
    m.edges.push({ from: 'b', to: 'a' });
    const e = errors(m);
    expect(e.map((p) => p.nodeId).sort()).toEqual(['a', 'b', 'loss']);
    expect(e[0].message).toMatch(/cycle/);
  });

  it('a node with no input is an error naming it', () => {
    const m = chain([input([4]), dense('a', 3), loss]);
    m.nodes.push(dense('orphan', 2));
    const e = errors(m);
    expect(e.some((p) => p.nodeId === 'orphan' && /has no input/.test(p.message))).toBe(true);
  });

  it('an edge to a missing node is an error', () => {
    const m = chain([input([4]), dense('a', 3), loss]);
    m.edges.push({ from: 'a', to: 'ghost' });
    expect(errors(m).some((p) => /"ghost", which is not a node/.test(p.message))).toBe(true);
  });

  it('a model without a loss cannot be trained', () => {
    const e = errors(chain([input([4]), dense('a', 3)]));
    expect(e.map((p) => p.message)).toContain(
      'The model has no loss node, so it cannot be trained.',
    );
  });

  it('a model without an input is an error', () => {
    const m: ModelSpec = { nodes: [dense('a', 3), loss], edges: [{ from: 'a', to: 'loss' }] };
    expect(errors(m).some((p) => p.message === 'The model has no input node.')).toBe(true);
  });

  it('something after the loss is an error', () => {
    const m = chain([input([4]), dense('a', 3), loss, dense('after', 2)]);
    expect(errors(m).some((p) => p.nodeId === 'loss' && /last node/.test(p.message))).toBe(true);
  });

  it('a shape mismatch names the node and both shapes', () => {
    const m: ModelSpec = {
      nodes: [input([4]), dense('a', 3), dense('b', 5), { id: 'sum', op: 'add', params: {} }, loss],
      edges: [
        { from: 'in', to: 'a' },
        { from: 'in', to: 'b' },
        { from: 'a', to: 'sum' },
        { from: 'b', to: 'sum' },
        { from: 'sum', to: 'loss' },
      ],
    };
    const e = errors(m);
    expect(e).toHaveLength(1);
    expect(e[0].nodeId).toBe('sum');
    expect(e[0].message).toMatch(/^add#sum: .*3.*5/);
  });

  it('a conv kernel larger than its input is an error on the conv', () => {
    const m = chain([
      input([1, 4, 4]),
      {
        id: 'c3',
        op: 'conv2d',
        params: { filters: 2, kernel: 5, stride: 1, padding: 0, bias: true, init: 'he' },
      },
      { id: 'f', op: 'flatten', params: {} },
      loss,
    ]);
    const e = errors(m);
    expect(e).toHaveLength(1);
    expect(e[0].message).toMatch(/^conv2d#c3: .*5.*4/);
  });

  it('an absurdly large layer is refused before anything is allocated', () => {
    const e = errors(chain([input([784]), dense('huge', 1_000_000_000), loss]));
    expect(e.some((p) => p.nodeId === 'huge' && /limit/.test(p.message))).toBe(true);
  });

  it('duplicate ids are an error', () => {
    const m = chain([input([4]), dense('a', 3), dense('a', 3), loss]);
    expect(errors(m).some((p) => /already has the id/.test(p.message))).toBe(true);
  });

  it('a node that does not lead to the loss is a warning, not an error', () => {
    const m = chain([input([4]), dense('a', 3), loss]);
    m.nodes.push(dense('side', 2));
    m.edges.push({ from: 'a', to: 'side' });
    const r = inferShapes(m);
    expect(r.ok).toBe(true);
    expect(r.problems).toEqual([
      {
        severity: 'warning',
        nodeId: 'side',
        message: 'dense#side: does not lead to the loss, so it is not trained',
      },
    ]);
  });

  it('a model cut in two says so once, not with a warning on every node', () => {
    const m = chain([input([4]), dense('a', 3), dense('b', 3), loss]);
    m.edges = m.edges.filter((e) => e.to !== 'b');
    const r = inferShapes(m);
    expect(r.problems.map((p) => [p.severity, p.nodeId, p.message])).toEqual([
      ['error', 'b', 'dense#b: has no input; connect something to it'],
      ['error', undefined, 'The input is not connected to the loss.'],
    ]);
  });

  it('concat orders its inputs by port', () => {
    const m: ModelSpec = {
      nodes: [
        input([4]),
        dense('a', 3),
        dense('b', 5),
        { id: 'cat', op: 'concat', params: {} },
        loss,
      ],
      edges: [
        { from: 'in', to: 'a' },
        { from: 'in', to: 'b' },
        { from: 'b', to: 'cat', port: 1 },
        { from: 'a', to: 'cat', port: 0 },
        { from: 'cat', to: 'loss' },
      ],
    };
    const r = inferShapes(m);
    expect(r.nodes.get('cat')!.inputs).toEqual(['a', 'b']);
    expect(r.nodes.get('cat')!.shape).toEqual([8]);
  });
});
