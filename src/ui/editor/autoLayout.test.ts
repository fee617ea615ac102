import { describe, expect, it } from 'vitest';
import { templateSpec } from '../../engine/spec/templates';
import {
  displayPositions,
  layersPerColumn,
  layoutPositions,
  NODE_HEIGHT,
  NODE_WIDTH,
} from './autoLayout';

describe('auto-layout', () => {
  it('lays a short chain out top to bottom, each node below the one feeding it', () => {
    const model = templateSpec('mlp').model;
    const positions = layoutPositions(model);
    for (const edge of model.edges) {
      expect(positions.get(edge.to)!.x).toBe(positions.get(edge.from)!.x);
      expect(positions.get(edge.to)!.y).toBeGreaterThanOrEqual(
        positions.get(edge.from)!.y + NODE_HEIGHT,
      );
    }
  });

  it('wraps a deep chain into columns, read top to bottom then left to right, none overlapping', () => {
    const model = templateSpec('lenet5').model;
    const positions = layoutPositions(model);
    const xs = [...new Set([...positions.values()].map((p) => p.x))];
    expect(xs).toHaveLength(3);
    for (const edge of model.edges) {
      const from = positions.get(edge.from)!;
      const to = positions.get(edge.to)!;
      const below = to.x === from.x && to.y >= from.y + NODE_HEIGHT;
      const nextColumnTop = to.x >= from.x + NODE_WIDTH && to.y === 0;
      expect(below || nextColumnTop).toBe(true);
    }
    const all = [...positions.values()];
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++) {
        const apart =
          Math.abs(all[i].x - all[j].x) >= NODE_WIDTH ||
          Math.abs(all[i].y - all[j].y) >= NODE_HEIGHT;
        expect(apart).toBe(true);
      }
  });

  it('keeps a shallow graph in one column and shapes a deep one like the canvas', () => {
    expect(layersPerColumn(5, NODE_WIDTH)).toBe(5);
    expect(layersPerColumn(14, NODE_WIDTH)).toBe(5);
    // A wide graph (branches side by side) wraps into fewer, longer columns.
    expect(layersPerColumn(14, 3 * NODE_WIDTH)).toBeGreaterThan(5);
  });

  it('puts the branches of a fan-out side by side', () => {
    const model = templateSpec('mlp').model;
    model.nodes.push({ id: 'side', op: 'tanh', params: {} });
    model.edges.push({ from: 'hidden', to: 'side' });
    const p = layoutPositions(model);
    expect(p.get('side')!.y).toBe(p.get('relu')!.y);
    expect(Math.abs(p.get('side')!.x - p.get('relu')!.x)).toBeGreaterThanOrEqual(NODE_WIDTH);
  });

  it('keeps the positions a spec has, and lays out only when some are missing', () => {
    const model = templateSpec('mlp').model;
    expect(displayPositions(model).get('relu')).toEqual({ x: 0, y: 200 });
    for (const n of model.nodes) delete n.position;
    expect(displayPositions(model).size).toBe(model.nodes.length);
  });
});
