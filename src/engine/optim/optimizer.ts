// The optimizer of a compiled program: its state buffers and kernel parameters are made once,
// at compile time; step() only mutates a few numbers and launches the kernels.
import type {
  Backend,
  ClipParams,
  DeviceBuffer,
  OptimizerHyper,
  OptimizerUpdateParams,
} from '../backend/backend';
import type { Parameter } from '../modules/module';
import { shapeSize } from '../modules/module';
import type { OptimizerSpec, TrainSpec } from '../spec/schema';

/** What the optimizer needs from a TrainSpec (a whole TrainSpec will do). */
export type OptimizerConfig = Pick<TrainSpec, 'optimizer' | 'weightDecay' | 'clipNorm'>;

/** Buffers of the parameter's size each optimizer keeps, for memory estimates. */
export function stateBuffersPerParameter(spec: OptimizerSpec): number {
  switch (spec.kind) {
    case 'sgd':
      return spec.momentum > 0 ? 1 : 0;
    case 'adam':
      return 2;
    case 'rmsprop':
    case 'adagrad':
      return 1;
  }
}

const STATE_NAMES: Record<OptimizerSpec['kind'], readonly string[]> = {
  sgd: ['velocity'],
  adam: ['firstMoment', 'secondMoment'],
  rmsprop: ['squareAverage'],
  adagrad: ['sumOfSquares'],
};

export class Optimizer {
  private readonly updates: OptimizerUpdateParams[] = [];
  private readonly clip: ClipParams | null = null;
  /** Shared by every parameter that takes weight decay. */
  private readonly decayHyper: OptimizerHyper;
  /** Shared by biases and norm parameters: l1 and l2 stay 0. */
  private readonly plainHyper: OptimizerHyper;
  private readonly state: DeviceBuffer[] = [];
  private readonly weightDecay: OptimizerConfig['weightDecay'];
  private steps = 0;

  constructor(
    private readonly backend: Backend,
    config: OptimizerConfig,
    params: readonly Parameter[],
  ) {
    const spec = config.optimizer;
    this.weightDecay = config.weightDecay;
    let gradScale: DeviceBuffer | null = null;
    if (config.clipNorm !== null) {
      gradScale = backend.alloc(1, 'f32', 'optimizer.clipScale');
      backend.fill(gradScale, 1);
      this.clip = {
        grads: params.map((p) => p.grad),
        sizes: params.map((p) => shapeSize(p.shape)),
        maxNorm: config.clipNorm,
        sumSquares: backend.alloc(1, 'f32', 'optimizer.gradSumSquares'),
        scale: gradScale,
      };
    }
    this.decayHyper = { lr: spec.lr, step: 0, l1: 0, l2: 0, gradScale };
    this.plainHyper = { lr: spec.lr, step: 0, l1: 0, l2: 0, gradScale };

    const stateCount = stateBuffersPerParameter(spec);
    for (const p of params) {
      const n = shapeSize(p.shape);
      const buffers: (DeviceBuffer | null)[] = [null, null];
      for (let s = 0; s < stateCount; s++) {
        const buf = backend.alloc(n, 'f32', `${p.value.label}.${STATE_NAMES[spec.kind][s]}`);
        buffers[s] = buf;
        this.state.push(buf);
      }
      this.updates.push({
        kind: spec.kind,
        param: p.value,
        grad: p.grad,
        state1: buffers[0],
        state2: buffers[1],
        n,
        hyper: p.decay ? this.decayHyper : this.plainHyper,
        momentum: spec.momentum,
        nesterov: spec.nesterov,
        beta1: spec.beta1,
        beta2: spec.beta2,
        rho: spec.rho,
        eps: spec.eps,
      });
    }
    this.reset();
  }

  /** One update of every parameter from the gradients now in their buffers. */
  step(epoch: number, lr: number): void {
    this.steps++;
    const decayOn = epoch >= this.weightDecay.startEpoch;
    this.decayHyper.lr = lr;
    this.decayHyper.step = this.steps;
    this.decayHyper.l1 = decayOn ? this.weightDecay.l1 : 0;
    this.decayHyper.l2 = decayOn ? this.weightDecay.l2 : 0;
    this.plainHyper.lr = lr;
    this.plainHyper.step = this.steps;
    if (this.clip !== null) this.backend.clipGradients(this.clip);
    for (let i = 0; i < this.updates.length; i++) this.backend.optimizerUpdate(this.updates[i]);
  }

  /** Updates taken so far (Adam's bias correction depends on it). */
  get stepCount(): number {
    return this.steps;
  }

  /** Resume from a snapshot whose state buffers have been written back. */
  setStepCount(steps: number): void {
    if (!Number.isInteger(steps) || steps < 0) throw new Error(`bad optimizer step count ${steps}`);
    this.steps = steps;
  }

  /** Every state buffer, in a fixed order, labelled "<parameter label>.<state name>". */
  stateBuffers(): readonly DeviceBuffer[] {
    return this.state;
  }

  /** Every buffer the optimizer allocated: its state and the clipping scratch. */
  ownedBuffers(): DeviceBuffer[] {
    return this.clip === null
      ? [...this.state]
      : [...this.state, this.clip.sumSquares, this.clip.scale];
  }

  /** Back to the state before the first step. */
  reset(): void {
    for (const buf of this.state) this.backend.fill(buf, 0);
    this.steps = 0;
  }
}
