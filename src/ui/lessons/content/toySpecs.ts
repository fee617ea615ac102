// The experiments the lessons on 2-D toy sets load, written out as plain spec documents (the
// parser validates them when a step loads, and the lesson tests load every one).
import { SPEC_VERSION, type ExperimentSpecInput } from '../../../engine/spec/schema';

type Node = ExperimentSpecInput['model']['nodes'][number];
type Activation = 'relu' | 'tanh' | 'sigmoid';

/** A chain of dense layers on 2-D points, laid out top to bottom in columns of six. */
function chain(nodes: Node[]): ExperimentSpecInput['model'] {
  const at = (i: number) => ({ x: Math.floor(i / 6) * 340, y: (i % 6) * 100 });
  return {
    nodes: nodes.map((n, i) => ({ ...n, position: at(i) })),
    edges: nodes.slice(1).map((n, i) => ({ from: nodes[i].id, to: n.id })),
  };
}

export interface ToyNetOptions {
  name: string;
  description?: string;
  kind: 'gaussians' | 'xor' | 'circle' | 'spiral';
  hidden: number[];
  activation?: Activation;
  init?: 'he' | 'glorot';
  optimizer?: { kind: 'sgd' | 'adam'; lr: number };
  batchSize?: number;
  epochs?: number;
  seed?: number;
  noise?: number;
  samples?: number;
  /** Dropout after every hidden activation, at this rate. */
  dropout?: number;
  /** Batch norm between every hidden dense layer and its activation. */
  batchNorm?: boolean;
  /** L2 weight decay, switched on at `startEpoch`. */
  weightDecay?: { l2: number; startEpoch: number };
  earlyStoppingPatience?: number;
}

/** input(2) → (dense → activation)×k → dense(2) → softmax cross-entropy, on a toy set. */
export function toyNet(o: ToyNetOptions): ExperimentSpecInput {
  const activation = o.activation ?? 'tanh';
  const init = o.init ?? 'glorot';
  return {
    version: SPEC_VERSION,
    name: o.name,
    description: o.description ?? '',
    model: chain([
      { id: 'input', op: 'input', params: { shape: [2] } },
      ...o.hidden.flatMap((units, i): Node[] => [
        { id: `hidden${i + 1}`, op: 'dense', params: { units, init, bias: !o.batchNorm } },
        ...(o.batchNorm ? [{ id: `bn${i + 1}`, op: 'batchnorm', params: {} } as Node] : []),
        { id: `${activation}${i + 1}`, op: activation, params: {} },
        ...(o.dropout
          ? [{ id: `dropout${i + 1}`, op: 'dropout', params: { rate: o.dropout } } as Node]
          : []),
      ]),
      { id: 'output', op: 'dense', params: { units: 2, init: 'glorot' } },
      { id: 'loss', op: 'softmaxCrossEntropy', params: {} },
    ]),
    data: {
      dataset: 'toy',
      kind: o.kind,
      samples: o.samples ?? 500,
      noise: o.noise ?? 0.1,
      trainFraction: 0.5,
      classes: 2,
    },
    train: {
      optimizer: o.optimizer ?? { kind: 'adam', lr: 0.03 },
      batchSize: o.batchSize ?? 10,
      epochs: o.epochs ?? 40,
      seed: o.seed ?? 1,
      ...(o.weightDecay ? { weightDecay: { l1: 0, ...o.weightDecay } } : {}),
      ...(o.earlyStoppingPatience ? { earlyStoppingPatience: o.earlyStoppingPatience } : {}),
    },
    view: { smoothing: 0.6, logScale: false, xAxis: 'step' },
  };
}
