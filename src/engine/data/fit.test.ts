import { describe, expect, it } from 'vitest';
import { inferShapes } from '../spec/inferShapes';
import { templateSpec } from '../spec/templates';
import { parseExperimentSpec } from '../spec/parse';
import { dataFitProblems, dataSignature, dataSplitSizes } from './fit';
import { makeToyDataset } from './toy2d';

describe('dataSplitSizes', () => {
  it('MNIST: 60,000 and 10,000; a toy set: as makeToyDataset splits it', () => {
    expect(dataSplitSizes({ dataset: 'mnist', normalization: 'unit' })).toEqual({
      train: 60_000,
      test: 10_000,
    });
    const toy = {
      dataset: 'toy',
      kind: 'spiral',
      samples: 333,
      noise: 0.1,
      trainFraction: 0.3,
      classes: 3,
    } as const;
    const made = makeToyDataset(toy, 1);
    expect(dataSplitSizes(toy)).toEqual({ train: made.train.count, test: made.test.count });
  });
});

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

describe('dataFitProblems, regression sets', () => {
  const toy = { dataset: 'toy', samples: 500, noise: 0.1, trainFraction: 0.5, classes: 2 } as const;

  /** input [2] → dense(outputs) → loss */
  function model(outputs: number, loss: 'meanSquaredError' | 'softmaxCrossEntropy') {
    const spec = parseExperimentSpec({
      version: 1,
      model: {
        nodes: [
          { id: 'in', op: 'input', params: { shape: [2] } },
          { id: 'out', op: 'dense', params: { units: outputs } },
          { id: 'loss', op: loss, params: {} },
        ],
        edges: [
          { from: 'in', to: 'out' },
          { from: 'out', to: 'loss' },
        ],
      },
      data: { ...toy, kind: 'waves' },
      train: { optimizer: { kind: 'adam', lr: 0.01 }, batchSize: 10, epochs: 1, seed: 1 },
    });
    if (!spec.ok) throw new Error(spec.errors.join('\n'));
    return { model: spec.spec.model, report: inferShapes(spec.spec.model) };
  }

  it('signature: one target value, no classes', () => {
    expect(dataSignature({ ...toy, kind: 'waves' })).toEqual({
      name: 'toy:waves',
      sampleShape: [2],
      classes: 0,
      targetSize: 1,
    });
  });

  it('one output trained with meanSquaredError fits', () => {
    const m = model(1, 'meanSquaredError');
    expect(dataFitProblems(m.model, m.report, dataSignature({ ...toy, kind: 'bumps' }))).toEqual(
      [],
    );
  });

  it('two outputs: the loss says how many values the set has', () => {
    const m = model(2, 'meanSquaredError');
    const [problem] = dataFitProblems(m.model, m.report, dataSignature({ ...toy, kind: 'plane' }));
    expect(problem.nodeId).toBe('loss');
    expect(problem.message).toBe(
      'meanSquaredError#loss: receives 2 values per sample but toy:plane has 1 target value per sample',
    );
  });

  it('a classification loss is refused, saying which loss to use', () => {
    const m = model(1, 'softmaxCrossEntropy');
    const [problem] = dataFitProblems(m.model, m.report, dataSignature({ ...toy, kind: 'waves' }));
    expect(problem.message).toMatch(/toy:waves is a regression set .* meanSquaredError/);
  });
});
