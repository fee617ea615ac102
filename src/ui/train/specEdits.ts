// The dashboard's changes to the spec, as pure functions of it: the store applies each as one
// undoable step (editSpec). A change that changes nothing returns the very same object, so it
// is not a step.
import { dataFitProblems, dataSignature } from '../../engine/data/fit';
import type { Problem } from '../../engine/spec/inferShapes';
import { isLossOp, type OpName } from '../../engine/spec/ops';
import {
  scheduleSpecSchema,
  type DataSpec,
  type ExperimentSpec,
  type ModelSpec,
  type NodeSpec,
  type ScheduleSpec,
  type TrainSpec,
} from '../../engine/spec/schema';
import { shapeReport } from '../editor/modelProblems';

type ViewSpec = ExperimentSpec['view'];

function sameValues<T extends object>(a: T, patch: Partial<T>): boolean {
  return (Object.keys(patch) as (keyof T)[]).every((k) => Object.is(a[k], patch[k]));
}

export function withTrain(spec: ExperimentSpec, patch: Partial<TrainSpec>): ExperimentSpec {
  if (sameValues(spec.train, patch)) return spec;
  return { ...spec, train: { ...spec.train, ...patch } };
}

export function withOptimizer(
  spec: ExperimentSpec,
  patch: Partial<TrainSpec['optimizer']>,
): ExperimentSpec {
  if (sameValues(spec.train.optimizer, patch)) return spec;
  return withTrain(spec, { optimizer: { ...spec.train.optimizer, ...patch } });
}

export function withWeightDecay(
  spec: ExperimentSpec,
  patch: Partial<TrainSpec['weightDecay']>,
): ExperimentSpec {
  if (sameValues(spec.train.weightDecay, patch)) return spec;
  return withTrain(spec, { weightDecay: { ...spec.train.weightDecay, ...patch } });
}

export function withView(spec: ExperimentSpec, patch: Partial<ViewSpec>): ExperimentSpec {
  if (sameValues(spec.view, patch)) return spec;
  return { ...spec, view: { ...spec.view, ...patch } };
}

/** Another schedule kind starts from the schema's defaults for its parameters. */
export function withScheduleKind(spec: ExperimentSpec, kind: ScheduleSpec['kind']): ExperimentSpec {
  if (spec.train.schedule.kind === kind) return spec;
  return withTrain(spec, { schedule: scheduleSpecSchema.parse({ kind }) });
}

/** A parameter of the current schedule (its kind stays). */
export function withScheduleParam(
  spec: ExperimentSpec,
  patch: Record<string, number>,
): ExperimentSpec {
  const current = spec.train.schedule;
  if (sameValues(current as Record<string, unknown>, patch)) return spec;
  return withTrain(spec, { schedule: scheduleSpecSchema.parse({ ...current, ...patch }) });
}

/** Ops a value passes through unchanged in shape: the logits are found behind them. */
const SHAPE_PRESERVING: ReadonlySet<OpName> = new Set<OpName>([
  'relu',
  'leakyRelu',
  'tanh',
  'sigmoid',
  'abs',
  'softmax',
  'logSoftmax',
  'dropout',
  'batchnorm',
]);

/** The dense layer whose units are the model's outputs (one per class), if there is one. */
function outputLayer(model: ModelSpec): NodeSpec | null {
  const loss = model.nodes.find((n) => isLossOp(n.op));
  if (!loss || (loss.op === 'meanSquaredError' && loss.params.target === 'input')) return null;
  let id = loss.id;
  for (let hops = 0; hops < model.nodes.length; hops++) {
    const feeding = model.edges.filter((e) => e.to === id);
    if (feeding.length !== 1) return null;
    const node = model.nodes.find((n) => n.id === feeding[0].from);
    if (!node) return null;
    if (node.op === 'dense') return node;
    if (!SHAPE_PRESERVING.has(node.op)) return null;
    id = node.id;
  }
  return null;
}

export interface DataChange {
  spec: ExperimentSpec;
  /** What was changed in the model to fit the new data, in words. */
  adapted: string[];
}

/**
 * Another data set, with the model kept valid where it can be: the input takes the new
 * samples' shape, and the output layer gets one unit per class when it had one per old class.
 * What cannot be adapted (a convolution on 2-D points) is left for `dataProblems` to say.
 */
export function withData(spec: ExperimentSpec, data: DataSpec): DataChange {
  if (JSON.stringify(spec.data) === JSON.stringify(data)) return { spec, adapted: [] };
  // Outputs per sample: one per class, or the regression target's size.
  const before = dataSignature(spec.data);
  const after = dataSignature(data);
  const outputsBefore = before.targetSize ?? before.classes;
  const outputsAfter = after.targetSize ?? after.classes;
  const adapted: string[] = [];
  const output = outputLayer(spec.model);
  const shape = [...after.sampleShape];
  const nodes = spec.model.nodes.map((node): NodeSpec => {
    if (node.op === 'input' && node.params.shape.join('×') !== shape.join('×')) {
      adapted.push(`${node.id} now takes samples of [${shape.join('×')}]`);
      return { ...node, params: { ...node.params, shape } };
    }
    if (
      node === output &&
      node.op === 'dense' &&
      // 0: the old data's class count was unknown (an image folder not given yet).
      (node.params.units === outputsBefore || outputsBefore === 0) &&
      outputsAfter > 0 &&
      node.params.units !== outputsAfter
    ) {
      adapted.push(
        after.targetSize !== undefined
          ? `${node.id} now has ${outputsAfter} unit${outputsAfter === 1 ? '' : 's'}, the target's size`
          : `${node.id} now has ${outputsAfter} units, one per class`,
      );
      return { ...node, params: { ...node.params, units: outputsAfter } };
    }
    return node;
  });
  const model = adapted.length > 0 ? { ...spec.model, nodes } : spec.model;
  return { spec: { ...spec, data, model }, adapted };
}

/**
 * Why the model cannot train on the data: its own shape errors first (until those are fixed
 * there are no shapes to compare), then whether it fits the data.
 */
export function trainingProblems(model: ModelSpec, data: DataSpec): Problem[] {
  const report = shapeReport(model);
  const errors = report.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) return errors;
  return dataFitProblems(model, report, dataSignature(data));
}
