import { expect, it } from 'vitest';
import { templateSpec } from '../../engine/spec/templates';
import { describeSpec } from './describeSpec';

it('says what the LeNet-5 link opens', () => {
  const rows = Object.fromEntries(describeSpec(templateSpec('lenet5')));
  expect(rows.Model).toBe('13 layers, 44,426 parameters');
  expect(rows.Data).toBe('MNIST, 60,000 training and 10,000 test samples');
  expect(rows.Training).toBe('Adam at learning rate 0.001, batch 64, 1 epoch (937 steps)');
  expect(rows.Seed).toMatch(/^1:/);
});

it('says when a model is unfinished', () => {
  const spec = templateSpec('mlp');
  spec.model = { nodes: [spec.model.nodes[0]], edges: [] };
  expect(Object.fromEntries(describeSpec(spec)).Model).toMatch(/unfinished \(1 problem/);
});
