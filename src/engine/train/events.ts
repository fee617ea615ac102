// The typed events a training run emits. The worker forwards them to the page as they are;
// arrays are typed arrays so they can travel as transferables.
import type { BoundaryFrame } from '../analysis/decisionBoundary';
import type { ProbeFrame, TestReportFrame } from '../analysis/insightFrames';
import type { CurvatureFrame } from '../analysis/landscapeFrames';

export type RunState =
  | 'idle'
  | 'loading'
  | 'compiling'
  | 'ready'
  | 'training'
  | 'paused'
  | 'finished'
  | 'diverged'
  | 'failed';

/** Training metrics for every step since the previous metrics event. */
export interface MetricsEvent {
  type: 'metrics';
  /** Step numbers (1-based, counted from the start of the run). */
  steps: Float64Array;
  /** Mean training loss of each step's batch. */
  loss: Float32Array;
  /** Training accuracy of each step's batch, in [0, 1] (NaN for regression losses). */
  accuracy: Float32Array;
  /** Epochs completed, fractional (2.5 = halfway through the third epoch). */
  epoch: number;
  samplesPerSec: number;
  elapsedMs: number;
  learningRate: number;
  totalSteps: number;
}

export interface EvalEvent {
  type: 'eval';
  step: number;
  epoch: number;
  split: 'test';
  loss: number;
  accuracy: number;
  samples: number;
}

export interface StatusEvent {
  type: 'status';
  state: RunState;
  message: string;
  /** What is running the kernels, in words. */
  backend?: string;
  /** Progress of the current phase (loading a dataset, compiling) in [0, 1]. */
  progress?: number;
}

export type ErrorKind =
  | 'invalid-spec'
  | 'invalid-model'
  | 'dataset'
  | 'diverged'
  | 'out-of-memory'
  | 'device-lost'
  | 'internal';

export interface ErrorEvent {
  type: 'error';
  kind: ErrorKind;
  message: string;
  /** The node the error is about, when there is one. */
  nodeId?: string;
}

/** What runs the kernels: sent when the worker has chosen, and again whenever it changes. */
export interface BackendEvent {
  type: 'backend';
  kind: 'webgpu' | 'cpu';
  /** In words: "WebGPU", "CPU (JavaScript)". */
  name: string;
  /** The GPU adapter's name ("SwiftShader (software fallback adapter, runs on the CPU)"); null on the CPU. */
  adapter: string | null;
  /** Why the CPU runs it where a GPU was wanted ("no WebGPU adapter: ..."); null otherwise. */
  note: string | null;
  /** Which kernel variants were chosen for this GPU, and what the measurement found; null on the CPU. */
  tuning: string | null;
}

/** Something the person should know about the run that is not an error: it carried on. */
export interface NoticeEvent {
  type: 'notice';
  kind: 'device-lost';
  message: string;
  /** The run continues from this step (its last snapshot); the curves after it are redrawn. */
  resumedFromStep: number;
  /** The step the run had reached when the device was lost. */
  lostAtStep: number;
}

/** What the model predicts over a toy set's input plane, sent a few times a second while training. */
export interface BoundaryEvent {
  type: 'boundary';
  frame: BoundaryFrame;
}

/** One input's activations, filters and saliency on the current weights, a few times a second. */
export interface ProbeEvent {
  type: 'probe';
  frame: ProbeFrame;
}

/** What the model gets wrong on the test split, after each evaluation of it. */
export interface TestReportEvent {
  type: 'testReport';
  frame: TestReportFrame;
}

/** λmax and λmin measured while training, every N steps when the page asked for it. */
export interface CurvatureEvent {
  type: 'curvature';
  frame: CurvatureFrame;
}

export type EngineEvent =
  | MetricsEvent
  | EvalEvent
  | StatusEvent
  | ErrorEvent
  | BackendEvent
  | NoticeEvent
  | BoundaryEvent
  | ProbeEvent
  | TestReportEvent
  | CurvatureEvent;
