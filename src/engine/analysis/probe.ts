// Inside a network, for one input, on a run's current weights: every layer's activation, the
// filters of every layer that has them, the class scores, and the saliency — the gradient of one
// class score with respect to the input (Simonyan et al., 2013). Like GridProbe it never touches
// the run: it compiles a second program of the same spec at batch 1, unfused (so a convolution's
// output is seen before its ReLU), with a gradient buffer for the input, and each run copies the
// training program's weights into it on the device. Activations and filters are packed into one
// buffer and read back at once; the saliency takes a second pass, backward from a one-hot
// gradient at the scores, with the loss left out, so the run's metrics stay as they are.
import type { Backend, CopyBlocksParams, DeviceBuffer } from '../backend/backend';
import { compile, type CompiledNode, type Program } from '../graph/compile';
import { shapeSize } from '../modules/module';
import { isLossOp, type OpName } from '../spec/ops';
import type { ExperimentSpec } from '../spec/schema';
import { normalizeValue, scaleOf, type Normalization } from '../train/deviceDataset';
import { modelWeightCopies } from './weightCopies';

export interface ProbeOptions {
  /** What the data set's gather does to a raw input value: x·scale + shift. */
  normalization: Normalization;
  /** As the training program was compiled with (see CompileOptions.targetSize). */
  targetSize?: number;
}

/** One node's output for the probe input: [C, H, W] maps or [F] features. */
export interface LayerActivation {
  nodeId: string;
  op: OpName;
  shape: number[];
  values: Float32Array;
}

/**
 * A layer's learned filters. Conv2d: [filters, in channels, k, k]. A dense layer that reads the
 * model's image input directly: [units, ...input shape], each unit's weights as an image.
 */
export interface LayerFilters {
  nodeId: string;
  op: 'conv2d' | 'dense';
  shape: number[];
  values: Float32Array;
  /** Whether the layer reads the model's input (its filters are in pixel space). */
  first: boolean;
}

export interface Saliency {
  /** The class whose score was differentiated. */
  classIndex: number;
  /** ∂score/∂input for every raw input value (grey level), shaped like the input. */
  values: Float32Array;
}

export interface ProbeResult {
  activations: LayerActivation[];
  filters: LayerFilters[];
  /** The scores the loss reads (logits for cross-entropy). */
  scores: Float32Array;
  /** softmax(scores) when the loss is softmax cross-entropy; null otherwise. */
  probabilities: Float32Array | null;
  /** The class with the highest score. */
  predicted: number;
  saliency: Saliency | null;
}

export interface ProbeRunOptions {
  filters?: boolean;
  /** Compute the saliency (default false): of `saliencyClass`, or of the predicted class. */
  saliency?: boolean;
  saliencyClass?: number;
}

/** Where a value lives in the packed read-back buffer. */
interface Packed {
  offset: number;
  size: number;
}

/** Ops whose output is exactly their input's, which the probe need not show twice. */
const PASS_THROUGH: ReadonlySet<OpName> = new Set<OpName>(['input', 'flatten', 'reshape']);

export class ActivationProbe {
  private readonly packed: DeviceBuffer;
  private readonly packCopies: CopyBlocksParams[];
  private readonly layers: { node: CompiledNode; shape: number[]; at: Packed }[];
  private readonly filterLayers: (Omit<LayerFilters, 'values'> & { at: Packed })[];
  private readonly scoresAt: Packed;
  private readonly forwardNodes: CompiledNode[];
  private readonly backwardNodes: CompiledNode[];
  private readonly scoresGrad: DeviceBuffer | null;
  private readonly softmax: boolean;
  private readonly inputSize: number;
  private readonly staged: Float32Array;
  private weightCopies: { from: Program; copies: CopyBlocksParams[] } | null = null;
  private disposed = false;
  /** Why the saliency cannot be computed for this model, or null when it can. */
  readonly saliencyUnavailable: string | null;

  private constructor(
    readonly backend: Backend,
    private readonly program: Program,
    private readonly normalization: Normalization,
  ) {
    const report = program.report;
    const lossId = report.lossId!;
    const scoresId = report.nodes.get(lossId)!.inputs[0];
    const inputId = report.inputId!;
    this.inputSize = shapeSize(report.nodes.get(inputId)!.shape);
    this.staged = new Float32Array(this.inputSize);
    const lossOp = program.nodes.find((n) => n.id === lossId)!.op;
    this.softmax = lossOp === 'softmaxCrossEntropy';

    let offset = 0;
    const place = (size: number): Packed => {
      const at = { offset, size };
      offset += size;
      return at;
    };
    this.layers = program.nodes
      .filter((n) => !isLossOp(n.op) && !PASS_THROUGH.has(n.op))
      .map((node) => {
        const shape = [...report.nodes.get(node.id)!.shape];
        return { node, shape, at: place(shapeSize(shape)) };
      });
    const scoresLayer = this.layers.find((l) => l.node.id === scoresId);
    this.scoresAt = scoresLayer?.at ?? place(shapeSize(report.nodes.get(scoresId)!.shape));

    const inputShape = report.nodes.get(inputId)!.shape;
    this.filterLayers = [];
    const filterSources: DeviceBuffer[] = [];
    for (const node of program.nodes) {
      if (node.op !== 'conv2d' && node.op !== 'dense') continue;
      const weight = node.module.params.find((p) => p.name === 'weight');
      if (weight === undefined) continue;
      const from = report.nodes.get(node.id)!.inputs[0];
      const first = readsInput(program, from, inputId);
      // A dense layer's weights are images only where it reads the image input itself.
      if (node.op === 'dense' && !(first && inputShape.length === 3)) continue;
      const shape = node.op === 'dense' ? [weight.shape[0], ...inputShape] : [...weight.shape];
      this.filterLayers.push({
        nodeId: node.id,
        op: node.op,
        shape,
        first,
        at: place(weight.value.size),
      });
      filterSources.push(weight.value);
    }

    this.packed = backend.alloc(Math.max(1, offset), 'f32', 'probe.packed');
    const copy = (src: DeviceBuffer, at: Packed): CopyBlocksParams => ({
      src,
      dst: this.packed,
      blocks: 1,
      blockSize: at.size,
      srcOffset: 0,
      srcStride: at.size,
      dstOffset: at.offset,
      dstStride: at.size,
      accumulate: false,
    });
    const scoresNode = program.nodes.find((n) => n.id === scoresId)!;
    this.packCopies = [
      ...this.layers.map((l) => copy(l.node.output, l.at)),
      ...(scoresLayer ? [] : [copy(scoresNode.output, this.scoresAt)]),
    ];
    this.filterCopies = this.filterLayers.map((f, i) => copy(filterSources[i], f.at));

    this.forwardNodes = program.nodes.filter((n) => !isLossOp(n.op));
    this.backwardNodes = program.nodes.filter((n) => n.needsGrad && !isLossOp(n.op)).reverse();
    this.scoresGrad = scoresNode.grad;
    this.saliencyUnavailable =
      program.inputGrad === null || this.scoresGrad === null
        ? 'This model has no gradient path from its scores to its input.'
        : null;
    program.state.training = false;
    program.state.validRows = 1;
  }

  private readonly filterCopies: CopyBlocksParams[];

  /** A probe of `spec` (the spec the weights will come from), its kernels compiled before the first run. */
  static async create(
    spec: ExperimentSpec,
    backend: Backend,
    options: ProbeOptions,
  ): Promise<ActivationProbe> {
    const program = compile(spec, backend, {
      batch: 1,
      fuse: false,
      inputGradient: true,
      targetSize: options.targetSize,
    });
    let probe: ActivationProbe;
    try {
      probe = new ActivationProbe(backend, program, options.normalization);
    } catch (error) {
      for (const buf of program.owned) backend.free(buf);
      throw error;
    }
    await backend.prepare(() => {
      probe.recordForward(null, true);
      probe.recordBackward();
    });
    return probe;
  }

  /**
   * Every layer's activation for `input` (one sample's raw values, as the data set stores them:
   * grey levels for MNIST), with the weights `weights` holds now. `weights` must be a program of
   * the same spec (the trainer's); nothing of it is written.
   */
  async run(
    weights: Program,
    input: ArrayLike<number>,
    options: ProbeRunOptions = {},
  ): Promise<ProbeResult> {
    if (this.disposed) throw new Error('probe: used after dispose');
    if (input.length !== this.inputSize)
      throw new Error(
        `probe: the input has ${input.length} values; the model takes ${this.inputSize}`,
      );
    const { backend, program } = this;
    const n = this.normalization;
    const size = this.inputSize;
    for (let i = 0; i < size; i++) this.staged[i] = normalizeValue(n, input[i], i, size);
    backend.write(program.input, this.staged);
    this.recordForward(weights, options.filters ?? false);
    backend.submit();
    const packed = (await backend.read(this.packed)) as Float32Array;
    const slice = (at: Packed) => packed.slice(at.offset, at.offset + at.size);

    const scores = slice(this.scoresAt);
    let predicted = 0;
    for (let k = 1; k < scores.length; k++) if (scores[k] > scores[predicted]) predicted = k;
    const result: ProbeResult = {
      activations: this.layers.map((l) => ({
        nodeId: l.node.id,
        op: l.node.op,
        shape: l.shape,
        values: slice(l.at),
      })),
      filters: options.filters
        ? this.filterLayers.map(({ at, ...f }) => ({ ...f, values: slice(at) }))
        : [],
      scores,
      probabilities: this.softmax ? softmax(scores) : null,
      predicted,
      saliency: null,
    };
    if (options.saliency && this.saliencyUnavailable === null) {
      const classIndex = options.saliencyClass ?? predicted;
      if (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= scores.length)
        throw new Error(`probe: there is no class ${classIndex} of ${scores.length}`);
      result.saliency = { classIndex, values: await this.saliencyOf(classIndex) };
    }
    return result;
  }

  /** Frees every buffer the probe allocated, its program's included. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const buf of [...this.program.owned, this.packed]) this.backend.free(buf);
  }

  /** ∂score[classIndex]/∂(raw input), after a forward pass of the input in question. */
  private async saliencyOf(classIndex: number): Promise<Float32Array> {
    const { backend, program } = this;
    const oneHot = new Float32Array(this.scoresGrad!.size);
    oneHot[classIndex] = 1;
    backend.write(this.scoresGrad!, oneHot);
    this.recordBackward();
    backend.submit();
    const grad = (await backend.read(program.inputGrad!)) as Float32Array;
    // The model sees x·scale + shift, so a grey level moves its input by `scale`.
    const out = new Float32Array(this.inputSize);
    const size = this.inputSize;
    for (let i = 0; i < size; i++) out[i] = grad[i] * scaleOf(this.normalization, i, size);
    return out;
  }

  /** Records the weight copy (when `weights` is given), the forward pass and the packing. */
  private recordForward(weights: Program | null, filters: boolean): void {
    const { backend, program } = this;
    if (weights !== null) {
      this.weightCopies = modelWeightCopies(weights, program, this.weightCopies);
      for (const copy of this.weightCopies.copies) backend.copyBlocks(copy);
    }
    const state = program.state;
    state.training = false;
    state.validRows = 1;
    for (const node of this.forwardNodes) node.module.forward(state);
    for (const copy of this.packCopies) backend.copyBlocks(copy);
    if (filters) for (const copy of this.filterCopies) backend.copyBlocks(copy);
  }

  private recordBackward(): void {
    const state = this.program.state;
    state.training = false;
    for (const node of this.backwardNodes) node.module.backward(state);
  }
}

/** Whether `from` is the input itself, or a flatten or reshape of it (which keeps its pixels). */
function readsInput(program: Program, from: string, inputId: string): boolean {
  let id = from;
  while (id !== inputId) {
    const node = program.nodes.find((n) => n.id === id);
    if (node === undefined || (node.op !== 'flatten' && node.op !== 'reshape')) return false;
    id = program.report.nodes.get(id)!.inputs[0];
  }
  return true;
}

export function softmax(scores: Float32Array): Float32Array {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  const out = new Float32Array(scores.length);
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    out[k] = Math.exp(scores[k] - max);
    sum += out[k];
  }
  for (let k = 0; k < scores.length; k++) out[k] /= sum;
  return out;
}
