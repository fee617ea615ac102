import { describe, expect, it } from 'vitest';
import { inferShapes } from '../spec/inferShapes';
import { templateSpec } from '../spec/templates';
import { dataFitProblems, dataSignature } from './fit';

describe('dataSignature', () => {
  it('MNIST: one 28×28 channel, 10 classes', () => {
    expect(dataSignature({ dataset: 'mnist', normalization: 'standard' })).toEqual({
      name: 'mnist',
      sampleShape: [1, 28, 28],
      classes: 10,
    });
  });

  it('toy sets: 2 inputs; circle and xor are two-class whatever `classes` says', () => {
    const toy = { dataset: 'toy', samples: 500, noise: 0.1, trainFraction: 0.5 } as const;
    expect(dataSignature({ ...toy, kind: 'spiral', classes: 3 }).classes).toBe(3);
    expect(dataSignature({ ...toy, kind: 'xor', classes: 3 })).toEqual({
      name: 'toy:xor',
      sampleShape: [2],
      classes: 2,
    });
  });
});

describe('dataFitProblems', () => {
  const mlp = templateSpec('mlp').model;
  const report = inferShapes(mlp);

  it('the MNIST MLP fits MNIST', () => {
    expect(
      dataFitProblems(mlp, report, dataSignature({ dataset: 'mnist', normalization: 'unit' })),
    ).toEqual([]);
  });

  it('on a toy set, names the input node and the loss', () => {
    const problems = dataFitProblems(mlp, report, {
      name: 'toy:spiral',
      sampleShape: [2],
      classes: 3,
    });
    expect(problems.map((p) => p.nodeId)).toEqual(['input', 'loss']);
    expect(problems[0].message).toBe(
      'input#input: expects samples of shape [1×28×28] but toy:spiral samples are [2]',
    );
    expect(problems[1].message).toBe(
      'softmaxCrossEntropy#loss: receives 10 values per sample but toy:spiral has 3 classes',
    );
  });
});
