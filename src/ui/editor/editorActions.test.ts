import { beforeEach, describe, expect, it } from 'vitest';
import { templateSpec } from '../../engine/spec/templates';
import { useAppStore } from '../store/store';
import {
  addOp,
  connectNodes,
  copySelection,
  deleteSelection,
  disconnect,
  duplicateSelection,
  layoutGraph,
  moveTo,
  pasteClipboard,
  renameTo,
  setParam,
} from './editorActions';
import { edgeKey } from './graphEdits';
import { shapeReport } from './modelProblems';

const state = () => useAppStore.getState();
const ids = () => state().spec.model.nodes.map((n) => n.id);
const node = (id: string) => state().spec.model.nodes.find((n) => n.id === id)!;

beforeEach(() => {
  useAppStore.setState({
    spec: templateSpec('mlp'),
    templateName: 'mlp',
    past: [],
    future: [],
    specVersion: 0,
    selectedNodeIds: [],
    selectedEdgeIds: [],
    clipboard: null,
    pasteCount: 0,
    editorNotice: null,
  });
});

describe('editor actions', () => {
  it('build a model: add a dense layer between relu and logits, then undo and redo it all', () => {
    expect(addOp('dense', { x: 200, y: 200 })).toBeNull();
    expect(state().selectedNodeIds).toEqual(['dense1']);
    disconnect('relu->logits');
    expect(connectNodes('relu', 'dense1')).toBeNull();
    expect(connectNodes('dense1', 'logits')).toBeNull();
    const report = shapeReport(state().spec.model);
    expect(report.ok).toBe(true);
    expect(report.totalParams).toBe(784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10);
    expect(state().past.map((e) => e.label)).toEqual([
      'add dense',
      'remove edge',
      'connect relu → dense1',
      'connect dense1 → logits',
    ]);
    for (let i = 0; i < 4; i++) state().undo();
    expect(state().spec).toEqual(templateSpec('mlp'));
    expect(state().templateName).toBe('mlp');
    for (let i = 0; i < 4; i++) state().redo();
    expect(shapeReport(state().spec.model).totalParams).toBe(report.totalParams);
  });

  it('a refused connection changes nothing and says why', () => {
    addOp('dense', { x: 0, y: 0 });
    const before = state().spec;
    expect(connectNodes('dense1', 'logits')).toMatch(/takes one input/);
    expect(state().spec).toBe(before);
    expect(state().editorNotice?.message).toMatch(/remove that edge first/);
  });

  it('deletes the selected nodes and edges in one step', () => {
    state().setSelection({ nodes: ['relu'], edges: ['logits->loss'] });
    deleteSelection();
    expect(ids()).toEqual(['input', 'hidden', 'logits', 'loss']);
    expect(state().spec.model.edges.map(edgeKey)).toEqual(['input->hidden']);
    expect(state().selectedNodeIds).toEqual([]);
    state().undo();
    expect(ids()).toContain('relu');
    expect(state().spec.model.edges).toHaveLength(4);
  });

  it('copy, paste twice and duplicate: fresh ids, each copy offset further', () => {
    state().setSelection({ nodes: ['hidden', 'relu'] });
    expect(copySelection()).toBe(true);
    pasteClipboard();
    pasteClipboard();
    expect(ids()).toEqual([
      'input',
      'hidden',
      'relu',
      'logits',
      'loss',
      'hidden1',
      'relu1',
      'hidden2',
      'relu2',
    ]);
    expect(node('hidden1').position).toEqual({ x: 40, y: 140 });
    expect(node('hidden2').position).toEqual({ x: 80, y: 180 });
    expect(state().selectedNodeIds).toEqual(['hidden2', 'relu2']);
    duplicateSelection();
    expect(ids().slice(-2)).toEqual(['hidden3', 'relu3']);
    expect(state().past).toHaveLength(3);
  });

  it('typing in a parameter field is one undo step; an invalid value is refused with a reason', () => {
    expect(setParam('hidden', 'units', 3)).toBeNull();
    expect(setParam('hidden', 'units', 32)).toBeNull();
    expect(setParam('hidden', 'units', 0)).not.toBeNull();
    expect(node('hidden').params).toMatchObject({ units: 32 });
    expect(state().past).toHaveLength(1);
    state().undo();
    expect(node('hidden').params).toMatchObject({ units: 128 });
  });

  it('an optional parameter can be cleared back to its default', () => {
    addOp('maxpool2d', { x: 0, y: 0 });
    setParam('maxpool2d1', 'stride', 3);
    expect(node('maxpool2d1').params).toMatchObject({ stride: 3 });
    setParam('maxpool2d1', 'stride', undefined);
    expect(node('maxpool2d1').params).not.toHaveProperty('stride');
  });

  it('a drag is one step; nudges of the same nodes in a row merge', () => {
    moveTo(new Map([['relu', { x: 50, y: 180 }]]), 'drag:1');
    moveTo(new Map([['relu', { x: 60, y: 180 }]]), 'drag:2');
    expect(state().past).toHaveLength(2);
    moveTo(new Map([['relu', { x: 65, y: 180 }]]), 'nudge:relu');
    moveTo(new Map([['relu', { x: 70, y: 180 }]]), 'nudge:relu');
    expect(state().past).toHaveLength(3);
    state().undo();
    expect(node('relu').position).toEqual({ x: 60, y: 180 });
  });

  it('renames a node, keeping it selected; refuses a taken id', () => {
    state().setSelection({ nodes: ['hidden'] });
    expect(renameTo('hidden', 'fc1')).toBeNull();
    expect(state().selectedNodeIds).toEqual(['fc1']);
    expect(renameTo('fc1', 'relu')).toMatch(/already called/);
  });

  it('auto-layout moves every node in one step', () => {
    moveTo(new Map([['relu', { x: 400, y: 0 }]]));
    layoutGraph();
    expect(state().past.map((e) => e.label)).toEqual(['move relu', 'auto-layout']);
    const ys = state().spec.model.nodes.map((n) => n.position!.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });
});
