import { describe, expect, it } from 'vitest';
import { templateSpec } from '../../engine/spec/templates';
import { dataSpecSchema, type DataSpec, type ImageFolderData } from '../../engine/spec/schema';
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

  it('a CIFAR-10 net to an image folder: the input follows the size, the output its classes', () => {
    const none = dataSpecSchema.parse({
      dataset: 'images',
      size: 16,
      channels: 1,
    }) as ImageFolderData;
    const picked = withData(templateSpec('cifarConvnetJs'), none);
    // No folder yet: its class count is unknown, so the output layer stays as it was.
    expect(picked.adapted).toEqual(['input now takes samples of [1×16×16]']);
    expect(trainingProblems(picked.spec.model, picked.spec.data)).toEqual([]);
    const classes = ['a', 'b', 'c'].map((name) => ({ name, count: 5, test: 0 }));
    const set = { fingerprint: 'e'.repeat(64), name: 'abc', classes };
    const given = withData(picked.spec, { ...none, set });
    expect(given.adapted).toEqual(['logits now has 3 units, one per class']);
    expect(trainingProblems(given.spec.model, given.spec.data)).toEqual([]);
    // A set of another class count: the output follows again.
    const two = { ...set, fingerprint: 'd'.repeat(64), classes: classes.slice(0, 2) };
    expect(withData(given.spec, { ...none, set: two }).adapted).toEqual([
      'logits now has 2 units, one per class',
    ]);
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
