// What a module is: a node of the model, compiled onto a backend. It owns its parameters
// and their gradients, runs forward on its input buffers and backward on its output's
// gradient, and never reaches into another module's buffers.
import type { Activation, Backend, DeviceBuffer, DType } from '../backend/backend';
import type { OpName, OpParams } from '../spec/ops';

/** One sample's shape, without the batch axis: [features] or [channels, height, width]. */
export type Shape = readonly number[];

export function shapeSize(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** What shape inference learns about a node. `flops` counts one sample's forward pass. */
export interface ShapeInfo {
  shape: Shape;
  paramCount: number;
  flops: number;
}

export interface Parameter {
  /** "weight", "bias", "gamma", ... */
  name: string;
  value: DeviceBuffer;
  grad: DeviceBuffer;
  shape: number[];
  /** Whether L1/L2 weight decay applies (weights yes; biases and norm parameters no). */
  decay: boolean;
}

export interface ModuleInput {
  value: DeviceBuffer;
  shape: Shape;
  /** Where this module's backward writes ∂L/∂input; null when nothing upstream needs it. */
  grad: DeviceBuffer | null;
  /**
   * The executor's fan-out rule: when one value feeds several modules, the first to run
   * backward overwrites its gradient buffer and the others add to it.
   */
  accumulateGrad: boolean;
}

/** Per-step state the executor passes to every module; mutated in place, never reallocated. */
export interface StepState {
  training: boolean;
  /** Training steps taken so far (drives dropout's random stream). */
  step: number;
  /** Rows of the batch that hold real samples (the rest is padding, at the end of an eval pass). */
  validRows: number;
}

export interface BuildContext<K extends OpName> {
  backend: Backend;
  id: string;
  params: OpParams<K>;
  batch: number;
  seed: number;
  inputs: ModuleInput[];
  outputShape: Shape;
  /** batch × outputShape, allocated by the executor. Loss modules leave it unused. */
  output: DeviceBuffer;
  /** ∂L/∂output, filled by downstream modules; null when no gradient flows here. */
  gradOutput: DeviceBuffer | null;
  /** For loss modules: the batch's targets (i32 labels, or f32 values shaped like the prediction). */
  target: DeviceBuffer | null;
  /** For loss modules: the device-side accumulators [Σ loss, Σ correct]. */
  metrics: DeviceBuffer | null;
  /**
   * Operator fusion (decided by the compiler). For dense and conv2d: an activation to apply in
   * the kernel's epilogue, because the ReLU that follows writes nothing of its own. For that
   * ReLU: `fusedIntoInput`, its input buffer already holds relu(input) and is its output too,
   * so its forward pass does nothing; its backward pass is unchanged (relu' read from its
   * output, where x > 0 exactly when relu(x) > 0).
   */
  activation?: Activation;
  fusedIntoInput?: boolean;
  alloc(size: number, dtype: DType, label: string): DeviceBuffer;
}

export interface ModuleInstance {
  readonly params: Parameter[];
  /**
   * State that is part of the model but not trained by gradients (batch norm's running
   * statistics): saved in snapshots and exports along with the parameters.
   */
  readonly buffers?: DeviceBuffer[];
  forward(state: StepState): void;
  /** Reads gradOutput (or, for a loss, the targets) and writes every input's gradient. */
  backward(state: StepState): void;
}

export interface ModuleDef<K extends OpName> {
  op: K;
  /** Output shape, parameter count and FLOPs, or a message saying what is wrong. */
  infer(params: OpParams<K>, inputs: Shape[]): ShapeInfo | string;
  build(ctx: BuildContext<K>): ModuleInstance;
}
