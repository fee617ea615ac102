import { describe, expect, it } from 'vitest';
import { inferShapes } from '../../engine/spec/inferShapes';
import type { ModelSpec } from '../../engine/spec/schema';
import { templateSpec } from '../../engine/spec/templates';
import {
  addNode,
  appendNode,
  checkNodeId,
  connect,
  connectionProblem,
  edgeKey,
  freshId,
  inputEdges,
  moveInput,
  moveNodes,
  removeElements,
  renameNode,
  setNodeParams,
} from './graphEdits';

const mlp = () => templateSpec('mlp');
const mnist = mlp().data;

function value<T>(r: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

/** The MLP with a merge node `m` fed by nothing yet. */
function withMerge(op: 'add' | 'concat'): ModelSpec {
  return value(addNode(mlp().model, op, { x: 300, y: 0 }, mnist)).model;
}

describe('freshId', () => {
  it('numbers from 1 and skips ids in use, ignoring a trailing number of the base', () => {
    expect(freshId('dense', new Set())).toBe('dense1');
    expect(freshId('dense', new Set(['dense1', 'dense2']))).toBe('dense3');
    expect(freshId('relu1', new Set(['relu1']))).toBe('relu2');
    expect(freshId('hidden', new Set(['hidden']))).toBe('hidden1');
  });
});

describe('addNode', () => {
  it('adds a valid node with the schema defaults and starter values', () => {
    const { model, id } = value(addNode(mlp().model, 'dense', { x: 10.4, y: 20.6 }, mnist));
    expect(id).toBe('dense1');
    expect(model.nodes.at(-1)).toEqual({
      id: 'dense1',
      op: 'dense',
      params: { units: 64, bias: true, init: 'he' },
      position: { x: 10, y: 21 },
    });
  });

  it('gives a new input node the shape of the dataset', () => {
    const toy = {
      dataset: 'toy',
      kind: 'spiral',
      samples: 500,
      noise: 0.1,
      trainFraction: 0.5,
      classes: 2,
    } as const;
    const { model } = value(addNode({ nodes: [], edges: [] }, 'input', { x: 0, y: 0 }, toy));
    expect(model.nodes[0].params).toEqual({ shape: [2] });
  });

  it('every op can be added from the palette and gets valid parameters', () => {
    const ops = [
      'input',
      'dense',
      'conv2d',
      'maxpool2d',
      'avgpool2d',
      'flatten',
      'reshape',
      'relu',
      'leakyRelu',
      'tanh',
      'sigmoid',
      'abs',
      'softmax',
      'logSoftmax',
      'dropout',
      'batchnorm',
      'add',
      'concat',
      'softmaxCrossEntropy',
      'meanSquaredError',
      'hinge',
    ] as const;
    let model: ModelSpec = { nodes: [], edges: [] };
    for (const op of ops) model = value(addNode(model, op, { x: 0, y: 0 }, mnist)).model;
    expect(model.nodes).toHaveLength(ops.length);
  });
});

describe('appendNode', () => {
  const empty: ModelSpec = { nodes: [], edges: [] };
  const at = { x: 0, y: 0 };

  it('wires the new node after a node that ends a chain, so pressing ops builds a model', () => {
    let model = empty;
    let last: string | null = null;
    for (const op of ['input', 'flatten', 'dense', 'softmaxCrossEntropy'] as const) {
      const r: { model: ModelSpec; id: string; connected: boolean } = value(
        appendNode(model, op, at, mnist, last),
      );
      expect(r.connected).toBe(last !== null);
      model = r.model;
      last = r.id;
    }
    expect(model.edges).toEqual([
      { from: 'input1', to: 'flatten1' },
      { from: 'flatten1', to: 'dense1' },
      { from: 'dense1', to: 'softmaxCrossEntropy1' },
    ]);
    expect(inferShapes(model).ok).toBe(true);
  });

  it('only adds the node when the selected one already feeds another, or cannot feed it', () => {
    const mid = value(appendNode(mlp().model, 'relu', at, mnist, 'hidden'));
    expect(mid.connected).toBe(false);
    expect(mid.model.edges).toEqual(mlp().model.edges);
    const afterLoss = value(appendNode(mlp().model, 'dense', at, mnist, 'loss'));
    expect(afterLoss.connected).toBe(false);
    expect(afterLoss.model.nodes).toHaveLength(mlp().model.nodes.length + 1);
  });
});

describe('connect', () => {
  it('refuses a second input to a one-input node, and names the edge to remove', () => {
    const model = value(addNode(mlp().model, 'dense', { x: 0, y: 0 }, mnist)).model;
    expect(connectionProblem(model, 'dense1', 'logits')).toBe(
      'dense#logits takes one input and already has one (from relu); remove that edge first.',
    );
  });

  it('refuses cycles, self-loops, edges out of a loss and into an input', () => {
    const model = mlp().model;
    expect(connectionProblem(model, 'logits', 'hidden')).toMatch(/cycle/);
    expect(connectionProblem(model, 'relu', 'relu')).toMatch(/itself/);
    expect(connectionProblem(model, 'loss', 'hidden')).toMatch(/loss/);
    expect(connectionProblem(model, 'hidden', 'input')).toMatch(/takes no inputs/);
    expect(connectionProblem(model, 'input', 'hidden')).toMatch(/already feeds/);
  });

  it('inserts a dense layer between relu and logits: shapes and parameters follow', () => {
    let model = value(addNode(mlp().model, 'dense', { x: 0, y: 0 }, mnist)).model;
    model = removeElements(model, [], ['relu->logits']);
    model = value(connect(model, 'relu', 'dense1'));
    model = value(connect(model, 'dense1', 'logits'));
    const report = inferShapes(model);
    expect(report.ok).toBe(true);
    expect(report.nodes.get('dense1')!.shape).toEqual([64]);
    expect(report.totalParams).toBe(784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10);
  });

  it('fills a merge node slot by slot, or inserts into a given slot', () => {
    let model = withMerge('concat');
    model = value(connect(model, 'hidden', 'concat1'));
    model = value(connect(model, 'relu', 'concat1'));
    expect(inputEdges(model, 'concat1').map((e) => [e.from, e.port])).toEqual([
      ['hidden', 0],
      ['relu', 1],
    ]);
    model = value(connect(model, 'input', 'concat1', 0));
    expect(inputEdges(model, 'concat1').map((e) => [e.from, e.port])).toEqual([
      ['input', 0],
      ['hidden', 1],
      ['relu', 2],
    ]);
  });

  it('reorders and renumbers a merge node’s inputs', () => {
    let model = withMerge('add');
    model = value(connect(model, 'hidden', 'add1'));
    model = value(connect(model, 'relu', 'add1'));
    model = moveInput(model, 'add1', 1, -1);
    expect(inputEdges(model, 'add1').map((e) => e.from)).toEqual(['relu', 'hidden']);
    model = removeElements(model, [], [edgeKey({ from: 'relu', to: 'add1', port: 0 })]);
    expect(inputEdges(model, 'add1')).toEqual([{ from: 'hidden', to: 'add1', port: 0 }]);
  });
});

describe('removeElements', () => {
  it('removes nodes with every edge touching them', () => {
    const model = removeElements(mlp().model, ['relu']);
    expect(model.nodes.map((n) => n.id)).toEqual(['input', 'hidden', 'logits', 'loss']);
    expect(model.edges.map(edgeKey)).toEqual(['input->hidden', 'logits->loss']);
  });

  it('returns the same model when nothing matches', () => {
    const model = mlp().model;
    expect(removeElements(model, ['ghost'], ['a->b'])).toBe(model);
  });
});

describe('rename, move, parameters', () => {
  it('renames a node and its edges; refuses a taken or malformed id', () => {
    const model = value(renameNode(mlp().model, 'hidden', 'h1'));
    expect(model.edges.map(edgeKey)).toContain('input->h1');
    expect(model.edges.map(edgeKey)).toContain('h1->relu');
    expect(renameNode(model, 'h1', 'relu')).toEqual({
      ok: false,
      reason: 'Another node is already called "relu".',
    });
    expect(checkNodeId(model, 'a b')).toMatch(/letters, digits/);
    expect(checkNodeId(model, '')).toMatch(/empty/);
  });

  it('moves nodes to rounded positions and is a no-op when nothing moves', () => {
    const model = mlp().model;
    const moved = moveNodes(model, new Map([['relu', { x: 5.2, y: 7.7 }]]));
    expect(moved.nodes.find((n) => n.id === 'relu')!.position).toEqual({ x: 5, y: 8 });
    expect(moveNodes(moved, new Map([['relu', { x: 5, y: 8 }]]))).toBe(moved);
  });

  it('checks parameters against the op schema', () => {
    const model = mlp().model;
    const next = value(setNodeParams(model, 'hidden', { units: 32, bias: false, init: 'he' }));
    expect(next.nodes[1].params).toEqual({ units: 32, bias: false, init: 'he' });
    expect(setNodeParams(model, 'hidden', { units: 0, bias: true, init: 'he' }).ok).toBe(false);
    expect(setNodeParams(model, 'hidden', { units: 2.5, bias: true, init: 'he' }).ok).toBe(false);
    expect(value(setNodeParams(model, 'hidden', model.nodes[1].params))).toBe(model);
  });
});
