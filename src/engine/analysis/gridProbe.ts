// A model's current weights evaluated at many fixed points (a grid over the input plane), with
// the outputs of chosen nodes read back, while a run trains. The probe never touches the run: it
// compiles a second program of the same spec for a large batch, and each `run` copies the
// training program's weights into it on the device (one copy kernel per buffer), gathers the
// points from a buffer uploaded once, runs forward in evaluation mode up to the last node asked
// for (never the loss: the run's metrics stay as they are), copies each node's output aside,
// and reads those copies back. On WebGPU that is one submit and one wait, however many batches.
import type { Backend, CopyBlocksParams, DeviceBuffer, GatherParams } from '../backend/backend';
import { compile, type CompiledNode, type Program } from '../graph/compile';
import { shapeSize } from '../modules/module';
import { isLossOp } from '../spec/ops';
import type { ExperimentSpec } from '../spec/schema';
import type { Normalization } from '../train/deviceDataset';
import { modelWeightCopies, type WeightCopies } from './weightCopies';

export interface GridProbeOptions {
  /** count × input-size values, stored as the data set stores samples (`normalization` applies). */
  points: Float32Array;
  /** The nodes whose outputs to read back. */
  nodeIds: readonly string[];
  normalization: Normalization;
  /** As the training program was compiled with (see CompileOptions.targetSize). */
  targetSize?: number;
  /** The largest batch to compile for; more points than this take several passes. */
  maxBatch?: number;
}

/** 1024 points per pass: a 64 × 64 grid in four, at a few hundred kilobytes for a small net. */
const DEFAULT_MAX_BATCH = 1024;

interface ProbedNode {
  id: string;
  size: number;
  /** passes × batch × size values, the node's output at every point (and the padding). */
  values: DeviceBuffer;
  /** One copy per pass, from the node's output to its place in `values`. */
  copies: CopyBlocksParams[];
}

export class GridProbe {
  /** How many points each run evaluates. */
  readonly count: number;
  private readonly nodes: CompiledNode[];
  private readonly probed: ProbedNode[];
  private readonly gathers: GatherParams[];
  private readonly owned: DeviceBuffer[] = [];
  /** Weight copies from the last program run against (rebuilt when it changes). */
  private weightCopies: WeightCopies | null = null;
  private disposed = false;

  private constructor(
    readonly backend: Backend,
    private readonly program: Program,
    options: GridProbeOptions,
  ) {
    const inputSize = shapeSize(program.report.nodes.get(program.report.inputId!)!.shape);
    if (options.points.length % inputSize !== 0) {
      throw new Error(
        `grid probe: ${options.points.length} values are not whole ${inputSize}-value samples`,
      );
    }
    const batch = program.batch;
    this.count = options.points.length / inputSize;
    const passes = Math.ceil(this.count / batch);
    const alloc = (size: number, dtype: 'f32' | 'i32', label: string) => {
      const buf = backend.alloc(size, dtype, `probe.${label}`);
      this.owned.push(buf);
      return buf;
    };

    const points = alloc(options.points.length, 'f32', 'points');
    backend.write(points, options.points);
    // The last pass is padded with point 0; its rows are computed and never read.
    const order = new Int32Array(passes * batch);
    for (let i = 0; i < this.count; i++) order[i] = i;
    const indices = alloc(order.length, 'i32', 'indices');
    backend.write(indices, order);
    this.gathers = Array.from({ length: passes }, (_, pass) => ({
      src: points,
      labels: null,
      indices,
      offset: pass * batch,
      batch,
      rowSize: inputSize,
      out: program.input,
      labelsOut: null,
      scale: options.normalization.scale,
      shift: options.normalization.shift,
    }));

    const byId = new Map(program.nodes.map((n) => [n.id, n]));
    let last = 0;
    this.probed = options.nodeIds.map((id) => {
      const node = byId.get(id);
      if (node === undefined) throw new Error(`grid probe: the program has no node "${id}"`);
      if (isLossOp(node.op)) throw new Error(`grid probe: "${id}" is the loss; probe its input`);
      last = Math.max(last, program.nodes.indexOf(node));
      const size = shapeSize(program.report.nodes.get(id)!.shape);
      const values = alloc(passes * batch * size, 'f32', `${id}.values`);
      const copies = Array.from({ length: passes }, (_, pass) => ({
        src: node.output,
        dst: values,
        blocks: 1,
        blockSize: batch * size,
        srcOffset: 0,
        srcStride: batch * size,
        dstOffset: pass * batch * size,
        dstStride: batch * size,
        accumulate: false,
      }));
      return { id, size, values, copies };
    });
    // Forward only as far as the deepest node asked for.
    this.nodes = program.nodes.slice(0, last + 1).filter((n) => !isLossOp(n.op));
    program.state.training = false;
  }

  /**
   * A probe of `spec` (the spec the weights will come from) at `points`, its kernels compiled
   * before the first run.
   */
  static async create(
    spec: ExperimentSpec,
    backend: Backend,
    options: GridProbeOptions,
  ): Promise<GridProbe> {
    const inputs = spec.model.nodes.find((n) => n.op === 'input');
    const inputSize = inputs?.op === 'input' ? shapeSize(inputs.params.shape) : 1;
    const count = Math.max(1, Math.floor(options.points.length / inputSize));
    const batch = Math.min(count, options.maxBatch ?? DEFAULT_MAX_BATCH);
    const program = compile(spec, backend, { batch, targetSize: options.targetSize });
    let probe: GridProbe;
    try {
      probe = new GridProbe(backend, program, options);
    } catch (error) {
      for (const buf of program.owned) backend.free(buf);
      throw error;
    }
    await backend.prepare(() => probe.record(null));
    return probe;
  }

  /**
   * The outputs of each probed node (in the order asked for) at every point, count × node size
   * values each, with the weights `weights` holds now. `weights` must be a program of the same
   * spec (the trainer's); nothing of it is written.
   */
  async run(weights: Program): Promise<Float32Array[]> {
    if (this.disposed) throw new Error('grid probe: used after dispose');
    this.record(weights);
    this.backend.submit();
    const read = await Promise.all(this.probed.map((p) => this.backend.read(p.values)));
    return read.map((values, i) =>
      (values as Float32Array).slice(0, this.count * this.probed[i].size),
    );
  }

  /** Frees every buffer the probe allocated, its program's included. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const buf of [...this.program.owned, ...this.owned]) this.backend.free(buf);
  }

  /** Records the weight copy (when `weights` is given) and every pass, without submitting. */
  private record(weights: Program | null): void {
    const { backend, program } = this;
    if (weights !== null) {
      this.weightCopies = modelWeightCopies(weights, program, this.weightCopies);
      for (const copy of this.weightCopies.copies) backend.copyBlocks(copy);
    }
    const state = program.state;
    state.training = false;
    state.validRows = program.batch;
    this.gathers.forEach((gather, pass) => {
      backend.gather(gather);
      for (const node of this.nodes) node.module.forward(state);
      for (const p of this.probed) backend.copyBlocks(p.copies[pass]);
    });
  }
}
