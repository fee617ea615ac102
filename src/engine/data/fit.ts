// Whether a model fits the data it will see: its input takes one sample's shape, and its loss
// receives one value per class. The trainer refuses a model that does not fit; the dashboard
// says so before anything is loaded, from the data spec alone.
import type { DataSpec, ModelSpec } from '../spec/schema';
import { nodeLabel, type Problem, type ShapeReport } from '../spec/inferShapes';
import { shapeSize } from '../modules/module';
import { imageSetSplitSizes } from './imageSplit';
import { isRegressionToy, toyClassCount, toyTrainCount } from './toy2d';

/** What the model must match: a dataset's name, one sample's shape and its class count. */
export interface DataSignature {
  name: string;
  sampleShape: readonly number[];
  classes: number;
  /** Values per sample of a regression target; absent for class labels. */
  targetSize?: number;
}

/** The data a spec names, in words ("MNIST", "CIFAR-10", "the spiral set"). */
export function describeDataset(data: DataSpec): string {
  if (data.dataset === 'mnist') return 'MNIST';
  if (data.dataset === 'cifar10') return 'CIFAR-10';
  if (data.dataset === 'images')
    return data.set === null ? 'an image folder' : `the image folder “${data.set.name}”`;
  return `the ${data.kind} set`;
}

/** The signature of the data a spec names, known without loading it. */
export function dataSignature(data: DataSpec): DataSignature {
  if (data.dataset === 'mnist') return { name: 'mnist', sampleShape: [1, 28, 28], classes: 10 };
  if (data.dataset === 'cifar10') return { name: 'cifar10', sampleShape: [3, 32, 32], classes: 10 };
  if (data.dataset === 'images') {
    // Before a folder is given its class count is unknown: 0, which no output is compared with.
    const sampleShape = [data.channels, data.size, data.size];
    return {
      name: data.set?.name ?? 'the image folder',
      sampleShape,
      classes: data.set?.classes.length ?? 0,
    };
  }
  const signature = { name: `toy:${data.kind}`, sampleShape: [2], classes: toyClassCount(data) };
  return isRegressionToy(data.kind) ? { ...signature, targetSize: 1 } : signature;
}

/** MNIST's training and test images, as the install prepares them. */
const MNIST_SPLITS = { train: 60_000, test: 10_000 };
/** The full CIFAR-10 archive's; an archive of fewer batches has fewer (the loaded run says). */
const CIFAR_SPLITS = { train: 50_000, test: 10_000 };

/** How many samples each split of the data a spec names holds, known without loading it. */
export function dataSplitSizes(data: DataSpec): { train: number; test: number } {
  if (data.dataset === 'mnist') return MNIST_SPLITS;
  if (data.dataset === 'cifar10') return CIFAR_SPLITS;
  if (data.dataset === 'images')
    return data.set === null
      ? { train: 0, test: 0 }
      : imageSetSplitSizes(data.set, data.testFraction);
  const train = toyTrainCount(data);
  return { train, test: data.samples - train };
}

/**
 * Problems of a model that shape inference accepted, against the data: empty when it fits.
 * (A model with shape errors has no shapes to compare; those errors come first.)
 */
export function dataFitProblems(
  model: ModelSpec,
  report: ShapeReport,
  data: DataSignature,
): Problem[] {
  const problems: Problem[] = [];
  const input = model.nodes.find((n) => n.id === report.inputId);
  const inputShape = input && report.nodes.get(input.id)?.shape;
  if (input && inputShape && inputShape.join('×') !== data.sampleShape.join('×')) {
    problems.push({
      severity: 'error',
      nodeId: input.id,
      message: `${nodeLabel(input)}: expects samples of shape [${inputShape.join('×')}] but ${data.name} samples are [${data.sampleShape.join('×')}]`,
    });
  }
  const loss = model.nodes.find((n) => n.id === report.lossId);
  const lossInfo = loss && report.nodes.get(loss.id);
  const predShape = lossInfo && report.nodes.get(lossInfo.inputs[0])?.shape;
  if (loss && predShape) {
    const reconstructs = loss.op === 'meanSquaredError' && loss.params.target === 'input';
    const values = shapeSize(predShape);
    if (data.targetSize !== undefined && !reconstructs) {
      if (loss.op !== 'meanSquaredError') {
        problems.push({
          severity: 'error',
          nodeId: loss.id,
          message: `${nodeLabel(loss)}: ${data.name} is a regression set (a real value per sample, no classes); train it with a meanSquaredError loss`,
        });
      } else if (values !== data.targetSize) {
        problems.push({
          severity: 'error',
          nodeId: loss.id,
          message: `${nodeLabel(loss)}: receives ${values} values per sample but ${data.name} has ${data.targetSize} target value${data.targetSize === 1 ? '' : 's'} per sample`,
        });
      }
    } else if (!reconstructs && data.classes > 0 && values !== data.classes) {
      problems.push({
        severity: 'error',
        nodeId: loss.id,
        message: `${nodeLabel(loss)}: receives ${values} values per sample but ${data.name} has ${data.classes} classes`,
      });
    }
  }
  return problems;
}
