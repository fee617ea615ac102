// What a link will open, in words, for the share dialog: the experiment's name, the model's
// size, the data and the recipe. Read from the spec alone, so it says exactly what the link holds.
import { dataSplitSizes } from '../../engine/data/fit';
import { describeImageSet } from '../../engine/data/imageSetText';
import { inferShapes } from '../../engine/spec/inferShapes';
import type { DataSpec, ExperimentSpec } from '../../engine/spec/schema';

/** Data sets by their spec name; a toy set is named by its kind. */
const datasetNames: Record<string, string> = { mnist: 'MNIST', cifar10: 'CIFAR-10' };

function dataName(data: DataSpec): string {
  if (data.dataset === 'toy') return `toy set “${data.kind}”`;
  if (data.dataset === 'images')
    return data.set === null
      ? 'your image folder (none given yet)'
      : `your image folder ${describeImageSet(data.set)} (not in the link: whoever opens it drops the same folder)`;
  return datasetNames[data.dataset] ?? data.dataset;
}

const optimizerNames = {
  sgd: 'SGD',
  adam: 'Adam',
  rmsprop: 'RMSProp',
  adagrad: 'Adagrad',
} as const;

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export function describeSpec(spec: ExperimentSpec): [string, string][] {
  const report = inferShapes(spec.model);
  const layers = spec.model.nodes.filter((n) => n.op !== 'input').length;
  const splits = dataSplitSizes(spec.data);
  const stepsPerEpoch = Math.floor(splits.train / spec.train.batchSize);
  const { optimizer, batchSize, epochs, seed, schedule } = spec.train;
  return [
    [
      'Model',
      report.ok
        ? `${plural(layers, 'layer')}, ${plural(report.totalParams, 'parameter')}`
        : `${plural(layers, 'layer')}, unfinished (${plural(report.problems.filter((p) => p.severity === 'error').length, 'problem')} to fix before training)`,
    ],
    [
      'Data',
      `${dataName(spec.data)}, ${splits.train.toLocaleString('en')} training and ${splits.test.toLocaleString('en')} test samples`,
    ],
    [
      'Training',
      `${optimizerNames[optimizer.kind]} at learning rate ${optimizer.lr}${schedule.kind === 'constant' ? '' : ` (${schedule.kind} schedule)`}, batch ${batchSize}, ${plural(epochs, 'epoch')} (${plural(stepsPerEpoch * epochs, 'step')})`,
    ],
    ['Seed', `${seed}: the same link on the same backend trains to the same losses`],
  ];
}
