// What a model trained on a 2-D toy set predicts over the whole input plane, as TensorFlow
// Playground draws it, and more: class probabilities for any number of classes (the softmax of
// the scores) or the predicted value of a regression set on a fine grid, and, for small dense
// nets, every hidden unit's activation on a coarser grid. Built on GridProbe, so it reads the
// training program's weights without disturbing the run.
import type { Backend } from '../backend/backend';
import type { Dataset } from '../data/dataset';
import { inputNormalization } from '../data/registry';
import type { Program } from '../graph/compile';
import { inferShapes, type ShapeReport } from '../spec/inferShapes';
import type { OpName } from '../spec/ops';
import type { ExperimentSpec, ModelSpec } from '../spec/schema';
import { GridProbe } from './gridProbe';

/** The part of the input plane drawn: x to the right, y upwards, in input units. */
export interface PlaneBounds {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** One hidden layer of a small dense net, as the mini heat maps show it. */
export interface HiddenLayer {
  /** The node whose output is the layer's activation (the last before the next dense). */
  nodeId: string;
  /** The dense node that makes the layer. */
  denseId: string;
  /** 1 for the layer nearest the input. */
  layer: number;
  units: number;
  /** Its activation function's op, or 'linear' when there is none. */
  activation: OpName | 'linear';
}

export interface HiddenUnitMaps {
  resolution: number;
  layers: (HiddenLayer & {
    /** units × resolution² activations: each unit's map in one piece, rows from the top. */
    values: Float32Array;
  })[];
}

/** The points of both splits, to draw over the maps. */
export interface PlanePoints {
  /** x, y pairs. */
  train: Float32Array;
  trainLabels: Int32Array;
  /** A regression set's targets; null for class labels. */
  trainTargets: Float32Array | null;
  test: Float32Array;
  testLabels: Int32Array;
  testTargets: Float32Array | null;
}

export interface BoundaryFrame {
  /** Training steps taken when the weights were read. */
  step: number;
  task: 'classification' | 'regression';
  bounds: PlaneBounds;
  resolution: number;
  /** Values per cell: one per class, or the regression target's size (1). */
  outputs: number;
  /**
   * resolution² cells × outputs, row by row from the top (largest y), left to right: class
   * probabilities, or predicted values.
   */
  values: Float32Array;
  classNames: string[];
  /** Null unless the model is a small dense net (see HIDDEN_UNIT_LIMITS). */
  hidden: HiddenUnitMaps | null;
  points: PlanePoints;
}

/** Mini heat maps are drawn for dense nets of at most this many hidden layers and units per layer. */
export const HIDDEN_UNIT_LIMITS = { layers: 6, units: 16 } as const;

export const DEFAULT_RESOLUTION = 64;
export const DEFAULT_HIDDEN_RESOLUTION = 24;

/** Ops that keep a dense layer a dense layer: its activation, and what evaluation leaves alone. */
const ELEMENTWISE: ReadonlySet<OpName> = new Set<OpName>([
  'relu',
  'leakyRelu',
  'tanh',
  'sigmoid',
  'abs',
  'dropout',
  'batchnorm',
]);
const ACTIVATIONS: ReadonlySet<OpName> = new Set<OpName>([
  'relu',
  'leakyRelu',
  'tanh',
  'sigmoid',
  'abs',
]);

/** Whether a spec's data is a plane the boundary can be drawn over. */
export function hasInputPlane(spec: ExperimentSpec): boolean {
  return spec.data.dataset === 'toy';
}

/**
 * A square around every point of both splits, widened by `margin` of its side each way, so
 * cells are square and points at the edge are not drawn on the border.
 */
export function planeBounds(dataset: Dataset, margin = 0.08): PlaneBounds {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const split of [dataset.train, dataset.test]) {
    const xy = split.inputs;
    for (let i = 0; i < split.count; i++) {
      xMin = Math.min(xMin, xy[2 * i]);
      xMax = Math.max(xMax, xy[2 * i]);
      yMin = Math.min(yMin, xy[2 * i + 1]);
      yMax = Math.max(yMax, xy[2 * i + 1]);
    }
  }
  if (!(xMax >= xMin && yMax >= yMin)) return { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  const side = Math.max(xMax - xMin, yMax - yMin, 1e-3);
  const half = (side / 2) * (1 + 2 * margin);
  const cx = (xMin + xMax) / 2;
  const cy = (yMin + yMax) / 2;
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half };
}

/** The centres of a resolution × resolution grid of cells over `bounds`, row by row from the top. */
export function gridPoints(bounds: PlaneBounds, resolution: number): Float32Array {
  const points = new Float32Array(2 * resolution * resolution);
  const dx = (bounds.xMax - bounds.xMin) / resolution;
  const dy = (bounds.yMax - bounds.yMin) / resolution;
  for (let r = 0; r < resolution; r++) {
    for (let c = 0; c < resolution; c++) {
      const i = r * resolution + c;
      points[2 * i] = bounds.xMin + (c + 0.5) * dx;
      points[2 * i + 1] = bounds.yMax - (r + 0.5) * dy;
    }
  }
  return points;
}

/**
 * The hidden layers of a small dense net: a chain from the input through dense layers, each
 * followed by element-wise ops (its activation, dropout, batch norm), to the loss. Empty for
 * any other model (a branch, a convolution) or one past HIDDEN_UNIT_LIMITS.
 */
export function hiddenLayers(model: ModelSpec, report: ShapeReport): HiddenLayer[] {
  if (!report.ok || report.inputId === null || report.lossId === null) return [];
  const op = new Map(model.nodes.map((n) => [n.id, n.op]));
  const consumers = new Map<string, string[]>();
  for (const e of model.edges) consumers.set(e.from, [...(consumers.get(e.from) ?? []), e.to]);

  // Walk the chain from the input; every node before the loss feeds exactly one other.
  const chain: string[] = [];
  let id = report.inputId;
  for (;;) {
    chain.push(id);
    if (id === report.lossId) break;
    const next = consumers.get(id) ?? [];
    if (next.length !== 1 || chain.length > model.nodes.length) return [];
    id = next[0];
  }
  const inner = chain.slice(1, -1);
  if (inner.some((n) => op.get(n) !== 'dense' && !ELEMENTWISE.has(op.get(n)!))) return [];

  const dense = inner.filter((n) => op.get(n) === 'dense');
  const hidden = dense.slice(0, -1);
  if (hidden.length === 0 || hidden.length > HIDDEN_UNIT_LIMITS.layers) return [];
  const layers: HiddenLayer[] = [];
  for (const [k, denseId] of hidden.entries()) {
    const units = report.nodes.get(denseId)!.shape[0];
    if (units > HIDDEN_UNIT_LIMITS.units) return [];
    const from = inner.indexOf(denseId);
    const to = inner.indexOf(dense[k + 1]);
    const run = inner.slice(from, to);
    const activation = run.filter((n) => ACTIVATIONS.has(op.get(n)!)).pop();
    layers.push({
      nodeId: run[run.length - 1],
      denseId,
      layer: k + 1,
      units,
      activation: activation === undefined ? 'linear' : op.get(activation)!,
    });
  }
  return layers;
}

/** Row-wise softmax in place over rows × cols scores. */
export function softmaxRows(values: Float32Array, cols: number): void {
  for (let base = 0; base < values.length; base += cols) {
    let max = -Infinity;
    for (let j = 0; j < cols; j++) max = Math.max(max, values[base + j]);
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(values[base + j] - max);
      values[base + j] = e;
      sum += e;
    }
    for (let j = 0; j < cols; j++) values[base + j] /= sum;
  }
}

/** count × units (one row per point) to units × count (one map per unit). */
function byUnit(values: Float32Array, units: number): Float32Array {
  const count = values.length / units;
  const out = new Float32Array(values.length);
  for (let i = 0; i < count; i++)
    for (let u = 0; u < units; u++) out[u * count + i] = values[i * units + u];
  return out;
}

export interface DecisionBoundaryOptions {
  resolution?: number;
  hiddenResolution?: number;
}

/**
 * The decision boundary of one run: built once for a spec and its data set, then `frame` reads
 * the current weights of the run's program as often as wanted.
 */
export class DecisionBoundary {
  private constructor(
    private readonly dataset: Dataset,
    readonly bounds: PlaneBounds,
    readonly resolution: number,
    private readonly output: GridProbe,
    private readonly outputs: number,
    private readonly hidden: { probe: GridProbe; resolution: number; layers: HiddenLayer[] } | null,
  ) {}

  static async create(
    spec: ExperimentSpec,
    backend: Backend,
    dataset: Dataset,
    options: DecisionBoundaryOptions = {},
  ): Promise<DecisionBoundary> {
    if (dataset.sampleShape.join('×') !== '2' || !(dataset.train.inputs instanceof Float32Array)) {
      throw new Error(`${dataset.name} has no input plane: its samples are not 2-D points`);
    }
    const report = inferShapes(spec.model);
    if (!report.ok || report.lossId === null) throw new Error('the model has errors');
    const predictionId = report.nodes.get(report.lossId)!.inputs[0];
    const outputs = report.nodes.get(predictionId)!.shape.reduce((a, b) => a * b, 1);
    const bounds = planeBounds(dataset);
    const resolution = options.resolution ?? DEFAULT_RESOLUTION;
    const common = { normalization: inputNormalization(spec.data), targetSize: dataset.targetSize };
    const output = await GridProbe.create(spec, backend, {
      ...common,
      points: gridPoints(bounds, resolution),
      nodeIds: [predictionId],
    });
    const layers = hiddenLayers(spec.model, report);
    let hidden = null;
    if (layers.length > 0) {
      const hiddenResolution = options.hiddenResolution ?? DEFAULT_HIDDEN_RESOLUTION;
      try {
        const probe = await GridProbe.create(spec, backend, {
          ...common,
          points: gridPoints(bounds, hiddenResolution),
          nodeIds: layers.map((l) => l.nodeId),
        });
        hidden = { probe, resolution: hiddenResolution, layers };
      } catch (error) {
        output.dispose();
        throw error;
      }
    }
    return new DecisionBoundary(dataset, bounds, resolution, output, outputs, hidden);
  }

  get task(): BoundaryFrame['task'] {
    return this.dataset.targetSize === undefined ? 'classification' : 'regression';
  }

  /** The predictions of `weights` (the run's program, at training step `step`) over the plane. */
  async frame(weights: Program, step: number): Promise<BoundaryFrame> {
    const [values] = await this.output.run(weights);
    if (this.task === 'classification') softmaxRows(values, this.outputs);
    let hidden: HiddenUnitMaps | null = null;
    if (this.hidden !== null) {
      const maps = await this.hidden.probe.run(weights);
      hidden = {
        resolution: this.hidden.resolution,
        layers: this.hidden.layers.map((l, i) => ({ ...l, values: byUnit(maps[i], l.units) })),
      };
    }
    const { train, test } = this.dataset;
    return {
      step,
      task: this.task,
      bounds: this.bounds,
      resolution: this.resolution,
      outputs: this.outputs,
      values,
      classNames: [...this.dataset.classNames],
      hidden,
      // Copies: the frame's arrays are handed over (transferred) and must not be the data set's.
      points: {
        train: Float32Array.from(train.inputs),
        trainLabels: train.labels.slice(),
        trainTargets: train.targets?.slice() ?? null,
        test: Float32Array.from(test.inputs),
        testLabels: test.labels.slice(),
        testTargets: test.targets?.slice() ?? null,
      },
    };
  }

  dispose(): void {
    this.output.dispose();
    this.hidden?.probe.dispose();
  }
}

/** Every array a frame holds, to transfer rather than copy between threads. */
export function frameBuffers(frame: BoundaryFrame): ArrayBuffer[] {
  const { points } = frame;
  const arrays = [
    frame.values,
    ...(frame.hidden?.layers.map((l) => l.values) ?? []),
    points.train,
    points.trainLabels,
    points.trainTargets,
    points.test,
    points.testLabels,
    points.testTargets,
  ];
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) if (a !== null && a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  return [...buffers];
}
