import { describe, expect, it } from 'vitest';
import { templateSpec } from '../../engine/spec/templates';
import type { DataSpec } from '../../engine/spec/schema';
import {
  trainingProblems,
  withData,
  withOptimizer,
  withScheduleKind,
  withScheduleParam,
  withTrain,
} from './specEdits';

const spiral: DataSpec = {
  dataset: 'toy',
  kind: 'spiral',
  samples: 500,
  noise: 0.1,
  trainFraction: 0.5,
  classes: 3,
};

describe('spec edits', () => {
  it('a change to the same value returns the same spec: no undo step', () => {
    const spec = templateSpec('mlp');
    expect(withOptimizer(spec, { lr: spec.train.optimizer.lr })).toBe(spec);
    expect(withTrain(spec, { batchSize: spec.train.batchSize })).toBe(spec);
    const next = withOptimizer(spec, { lr: 0.01 });
    expect(next.train.optimizer.lr).toBe(0.01);
    expect(spec.train.optimizer.lr).toBe(0.001);
  });

  it('another schedule starts from the schema defaults; its parameters change one by one', () => {
    const spec = withScheduleKind(templateSpec('mlp'), 'step');
    expect(spec.train.schedule).toEqual({ kind: 'step', everyEpochs: 1, gamma: 0.5 });
    expect(withScheduleParam(spec, { gamma: 0.1 }).train.schedule).toEqual({
      kind: 'step',
      everyEpochs: 1,
      gamma: 0.1,
    });
    expect(withScheduleKind(spec, 'step')).toBe(spec);
  });
});

describe('withData', () => {
  it('MLP to a 3-class spiral: input and output layer follow the data, and it trains', () => {
    const { spec, adapted } = withData(templateSpec('mlp'), spiral);
    expect(spec.data).toEqual(spiral);
    expect(adapted).toEqual([
      'input now takes samples of [2]',
      'logits now has 3 units, one per class',
    ]);
    expect(trainingProblems(spec.model, spec.data)).toEqual([]);
    // And back to MNIST.
    const back = withData(spec, { dataset: 'mnist', normalization: 'standard' });
    expect(trainingProblems(back.spec.model, back.spec.data)).toEqual([]);
    expect(back.spec.model.nodes.find((n) => n.id === 'logits')?.params).toMatchObject({
      units: 10,
    });
  });

  it('LeNet-5 on 2-D points cannot be adapted: the problem names the convolution', () => {
    const { spec } = withData(templateSpec('lenet5'), spiral);
    const problems = trainingProblems(spec.model, spec.data);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].nodeId).toBe('c1');
  });

  it('the same data is no change', () => {
    const mlp = templateSpec('mlp');
    expect(withData(mlp, { ...mlp.data }).spec).toBe(mlp);
  });
});

describe('trainingProblems', () => {
  it('a model that does not fit its data says which node and why', () => {
    const mlp = templateSpec('mlp');
    const problems = trainingProblems(mlp.model, spiral);
    expect(problems.map((p) => p.nodeId)).toEqual(['input', 'loss']);
  });
});
