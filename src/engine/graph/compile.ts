// compile(spec, backend) → Program: every activation and gradient buffer allocated once, every
// module built once, so a training step is a fixed sequence of kernel launches that allocates
// nothing. The executor runs modules in topological order forward and in reverse backward,
// and sums gradients where a value fans out (the first consumer to run backward overwrites
// the gradient buffer, the others add to it).
import type { Backend, DeviceBuffer, DType } from '../backend/backend';
import type { ExperimentSpec, NodeSpec } from '../spec/schema';
import { inferShapes, nodeLabel, type Problem, type ShapeReport } from '../spec/inferShapes';
import { isLossOp, type OpName } from '../spec/ops';
import type {
  ModuleDef,
  ModuleInput,
  ModuleInstance,
  Parameter,
  StepState,
} from '../modules/module';
import { shapeSize } from '../modules/module';
import { moduleDefs } from '../modules/registry';
import { ModelError } from './errors';
import { estimateMemory, formatBytes } from './memory';

export interface CompiledNode {
  id: string;
  op: OpName;
  module: ModuleInstance;
  output: DeviceBuffer;
  /** ∂L/∂output, which the modules after it fill backward; null where no gradient flows. */
  grad: DeviceBuffer | null;
  /** Whether backward must run for this node (it, or something upstream, has parameters). */
  needsGrad: boolean;
}

export interface Program {
  readonly backend: Backend;
  readonly batch: number;
  readonly report: ShapeReport;
  /** batch × input size: the executor's input, filled by the trainer's gather. */
  readonly input: DeviceBuffer;
  /** ∂L/∂input, batch × input size; null unless compiled with `inputGradient`. */
  readonly inputGrad: DeviceBuffer | null;
  /** batch class labels (i32), the loss's target unless it reconstructs the input or regresses. */
  readonly labels: DeviceBuffer;
  /** batch × targetSize real-valued targets (f32) of a regression set; null for class labels. */
  readonly targets: DeviceBuffer | null;
  /** Device-side accumulators [Σ loss, Σ correct] the loss adds into. */
  readonly metrics: DeviceBuffer;
  readonly nodes: CompiledNode[];
  readonly params: Parameter[];
  /** Model state that is not a parameter (running statistics), for snapshots. */
  readonly buffers: DeviceBuffer[];
  /** Every buffer compile allocated, for dispose. */
  readonly owned: DeviceBuffer[];
  readonly state: StepState;
  forward(): void;
  backward(): void;
}

export interface CompileOptions {
  batch: number;
  /** Bytes the dataset will take on the device, counted in the memory check. */
  datasetBytes?: number;
  /** Fuse each ReLU into the dense or conv2d before it (default true; off to see pre-activations). */
  fuse?: boolean;
  /**
   * Values per sample of a regression set's targets: a meanSquaredError loss with target
   * 'label' then compares with them instead of one-hot class labels. Absent for class labels.
   */
  targetSize?: number;
  /**
   * Allocate ∂L/∂input and run every backward pass down to it (saliency: how each input value
   * moves a class score). Off for training, where the data needs no gradient.
   */
  inputGradient?: boolean;
}

function buildModule<K extends OpName>(
  def: ModuleDef<K>,
  ctx: Parameters<ModuleDef<K>['build']>[0],
): ModuleInstance {
  return def.build(ctx);
}

export function compile(spec: ExperimentSpec, backend: Backend, options: CompileOptions): Program {
  const report = inferShapes(spec.model);
  if (!report.ok)
    throw new ModelError(
      'invalid-model',
      report.problems.filter((p) => p.severity === 'error'),
    );
  const batch = options.batch;

  // The layer that does not fit says so first; the total is the coarser check.
  const tooLarge = checkBufferSizes(spec, report, batch, backend);
  if (tooLarge.length > 0) throw new ModelError('out-of-memory', tooLarge);

  const memory = estimateMemory(report, batch, options.datasetBytes ?? 0);
  if (memory.totalBytes > backend.limits.maxTotalBytes) {
    throw new ModelError('out-of-memory', [
      {
        severity: 'error',
        message:
          `The model needs about ${formatBytes(memory.totalBytes)} at batch size ${batch} ` +
          `(activations ${formatBytes(memory.activationBytes)}, parameters and optimizer state ` +
          `${formatBytes(memory.parameterBytes)}, data ${formatBytes(memory.datasetBytes)}); ` +
          `${backend.description} allows ${formatBytes(backend.limits.maxTotalBytes)}. ` +
          'Use a smaller batch or fewer units.',
      },
    ]);
  }

  const byId = new Map<string, NodeSpec>(spec.model.nodes.map((n) => [n.id, n]));
  const lossId = report.lossId!;
  const inputId = report.inputId!;

  // Only nodes that lead to the loss take part in training.
  const reachesLoss = new Set<string>([lossId]);
  for (let i = report.order.length - 1; i >= 0; i--) {
    const id = report.order[i];
    const consumers = report.order.filter((c) => report.nodes.get(c)!.inputs.includes(id));
    if (consumers.some((c) => reachesLoss.has(c))) reachesLoss.add(id);
  }
  const order = report.order.filter((id) => reachesLoss.has(id));

  // needsGrad: a node's backward matters when it or anything upstream has parameters.
  const needsGrad = new Map<string, boolean>();
  for (const id of order) {
    const info = report.nodes.get(id)!;
    needsGrad.set(
      id,
      info.paramCount > 0 ||
        (id === inputId && options.inputGradient === true) ||
        info.inputs.some((from) => needsGrad.get(from)),
    );
  }

  const fusedRelu =
    options.fuse === false ? new Map<string, string>() : fusedActivations(order, report, byId);

  const owned: DeviceBuffer[] = [];
  const alloc = (size: number, dtype: DType, label: string): DeviceBuffer => {
    const buf = backend.alloc(size, dtype, label);
    owned.push(buf);
    return buf;
  };

  const outputs = new Map<string, DeviceBuffer>();
  const grads = new Map<string, DeviceBuffer>();
  for (const id of order) {
    const size = isLossOp(byId.get(id)!.op) ? 1 : batch * shapeSize(report.nodes.get(id)!.shape);
    const producer = fusedRelu.get(id);
    // A fused ReLU shares its producer's buffer, which the producer fills with relu(·).
    outputs.set(id, producer ? outputs.get(producer)! : alloc(size, 'f32', `${id}.output`));
    if (needsGrad.get(id) && !isLossOp(byId.get(id)!.op))
      grads.set(id, alloc(size, 'f32', `${id}.grad`));
  }

  // The fan-out rule. Backward visits nodes in reverse order and each node's inputs in
  // ascending index, so the first (consumer, input) pair met that way overwrites.
  const overwrites = new Set<string>();
  const seen = new Set<string>();
  for (let i = order.length - 1; i >= 0; i--) {
    report.nodes.get(order[i])!.inputs.forEach((from, slot) => {
      if (!seen.has(from)) {
        seen.add(from);
        overwrites.add(`${order[i]}:${slot}`);
      }
    });
  }

  const fusedProducers = new Set(fusedRelu.values());
  const input = outputs.get(inputId)!;
  const labels = alloc(batch, 'i32', 'labels');
  const targets =
    options.targetSize === undefined ? null : alloc(batch * options.targetSize, 'f32', 'targets');
  const metrics = alloc(2, 'f32', 'metrics');
  backend.fill(metrics, 0);

  const nodes: CompiledNode[] = [];
  const params: Parameter[] = [];
  const buffers: DeviceBuffer[] = [];
  for (const id of order) {
    const node = byId.get(id)!;
    const info = report.nodes.get(id)!;
    const inputs: ModuleInput[] = info.inputs.map((from, slot) => ({
      value: outputs.get(from)!,
      shape: report.nodes.get(from)!.shape,
      grad: grads.get(from) ?? null,
      accumulateGrad: !overwrites.has(`${id}:${slot}`),
    }));
    const isLoss = isLossOp(node.op);
    const target = !isLoss
      ? null
      : node.op === 'meanSquaredError' && node.params.target === 'input'
        ? input
        : node.op === 'meanSquaredError' && targets !== null
          ? targets
          : labels;
    const module = buildModule(moduleDefs[node.op] as ModuleDef<OpName>, {
      backend,
      id,
      params: node.params,
      batch,
      seed: spec.train.seed,
      inputs,
      outputShape: info.shape,
      output: outputs.get(id)!,
      gradOutput: grads.get(id) ?? null,
      target,
      metrics: isLoss ? metrics : null,
      activation: fusedProducers.has(id) ? 'relu' : undefined,
      fusedIntoInput: fusedRelu.has(id),
      alloc: (size, dtype, label) => alloc(size, dtype, `${id}.${label}`),
    });
    nodes.push({
      id,
      op: node.op,
      module,
      output: outputs.get(id)!,
      grad: grads.get(id) ?? null,
      needsGrad: needsGrad.get(id)!,
    });
    params.push(...module.params);
    buffers.push(...(module.buffers ?? []));
  }

  const state: StepState = { training: true, step: 0, validRows: batch };
  const backwardNodes = nodes.filter((n) => n.needsGrad || isLossOp(n.op)).reverse();

  return {
    backend,
    batch,
    report,
    input,
    inputGrad: grads.get(inputId) ?? null,
    labels,
    targets,
    metrics,
    nodes,
    params,
    buffers,
    owned,
    state,
    forward() {
      for (let i = 0; i < nodes.length; i++) nodes[i].module.forward(state);
    },
    backward() {
      for (let i = 0; i < backwardNodes.length; i++) backwardNodes[i].module.backward(state);
    },
  };
}

/**
 * Every buffer compile would allocate must fit the backend's largest single buffer (on WebGPU
 * the adapter's maxBufferSize / maxStorageBufferBindingSize, 1 GiB on SwiftShader). Checked
 * from the shape report before anything is allocated, so the person is told which layer is
 * too large, at which batch size, instead of meeting a failed allocation half-way. A node's
 * activation (and its gradient, the same size) holds batch × output size floats; its largest
 * parameter buffer (and that parameter's gradient and optimizer state) at most its parameter
 * count.
 */
function checkBufferSizes(
  spec: ExperimentSpec,
  report: ShapeReport,
  batch: number,
  backend: Backend,
): Problem[] {
  const limit = backend.limits.maxBufferBytes;
  const allows = `this ${backend.name === 'webgpu' ? 'GPU' : 'backend'} allows ${formatBytes(limit)}`;
  const problems: Problem[] = [];
  for (const node of spec.model.nodes) {
    const info = report.nodes.get(node.id);
    if (info === undefined || isLossOp(node.op)) continue;
    const label = nodeLabel(node);
    const activationBytes = 4 * batch * shapeSize(info.shape);
    if (activationBytes > limit) {
      problems.push({
        severity: 'error',
        nodeId: node.id,
        message:
          `${label}: its output at batch ${batch} needs ${formatBytes(activationBytes)} in one buffer; ` +
          `${allows}. Use a smaller batch, or fewer channels or units here.`,
      });
      continue;
    }
    const parameterBytes = 4 * info.paramCount;
    if (parameterBytes > limit) {
      problems.push({
        severity: 'error',
        nodeId: node.id,
        message:
          `${label}: its parameters need ${formatBytes(parameterBytes)} in one buffer; ` +
          `${allows}. Use fewer units or channels here.`,
      });
    }
  }
  return problems;
}

/**
 * ReLUs to fuse into the dense or conv2d node before them: the producer applies the ReLU in
 * its kernel's epilogue, saving a pass over the activations (and the buffer) forward. Only
 * when the ReLU is the producer's one consumer, since the others would need the values before
 * the ReLU. Returns relu id → producer id.
 */
function fusedActivations(
  order: readonly string[],
  report: ShapeReport,
  byId: ReadonlyMap<string, NodeSpec>,
): Map<string, string> {
  const consumers = new Map<string, number>();
  for (const id of order)
    for (const from of report.nodes.get(id)!.inputs)
      consumers.set(from, (consumers.get(from) ?? 0) + 1);
  const fused = new Map<string, string>();
  for (const id of order) {
    if (byId.get(id)!.op !== 'relu') continue;
    const from = report.nodes.get(id)!.inputs[0];
    const op = byId.get(from)!.op;
    if ((op === 'dense' || op === 'conv2d') && consumers.get(from) === 1) fused.set(id, from);
  }
  return fused;
}
