// The Trainer runs an experiment: shuffled minibatches gathered on the device, forward,
// backward and update per step, metrics streamed as events, evaluation on the test split,
// early stopping with the best weights kept, and a divergence guard that pauses on NaN.
import type { Backend, PrepareReport } from '../backend/backend';
import { withTestLimit, type Dataset } from '../data/dataset';
import { dataFitProblems } from '../data/fit';
import { imageGather, inputNormalization } from '../data/registry';
import { compile, type Program } from '../graph/compile';
import { ModelError } from '../graph/errors';
import { formatBytes } from '../graph/memory';
import { Optimizer } from '../optim/optimizer';
import { learningRate } from '../optim/schedule';
import type { ExperimentSpec } from '../spec/schema';
import { DeviceDataset, type DataOrderState } from './deviceDataset';
import type { EngineEvent, MetricsEvent } from './events';
import { MetricsRing, type StepMetrics } from './metricsRing';
import { divergenceAdvice } from './divergence';
import { TestScores } from './testScores';

export interface EvalResult {
  loss: number;
  accuracy: number;
  samples: number;
}

export interface WeightSnapshot {
  step: number;
  values: Float32Array[];
}

/**
 * Everything a run needs to continue exactly where it was, on this or another backend: the
 * model (parameters and running statistics), the optimizer's state and step count, the step
 * counters, the data order, and the early-stopping bookkeeping. Resuming from it gives the
 * same losses, bit for bit on the same backend, as a run that never stopped.
 */
export interface TrainerCheckpoint {
  step: number;
  stepInEpoch: number;
  /** Parameters, then running statistics, in the program's order. */
  model: Float32Array[];
  /** The optimizer's state buffers, in `Optimizer.stateBuffers()` order. */
  optimizer: Float32Array[];
  optimizerSteps: number;
  order: DataOrderState;
  finished: boolean;
  bestLoss: number;
  best: WeightSnapshot | null;
  evalsSinceBest: number;
  /** Time spent training and since the first step, so throughput and elapsed time carry on. */
  trainMs: number;
  elapsedMs: number;
}

/** Read the ring at least this often (steps), so metrics and NaN checks stay current. */
const READ_EVERY_STEPS = 16;
/** At most this many metrics events per second. */
const METRICS_INTERVAL_MS = 100;

export class Trainer {
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
  private stepIndex = 0;
  private stepInEpoch = 0;
  private isFinished = false;
  private isDiverged = false;
  /**
   * Wall-clock time spent training (inside trainSteps, evaluations excepted) before `clockFrom`.
   * Wall clock, not the time spent recording: on WebGPU recording returns long before the GPU
   * has run the step, and the throughput must count the GPU's time too.
   */
  private trainMs = 0;
  /** performance.now() when the training clock last started; null while it is stopped. */
  private clockFrom: number | null = null;
  /** performance.now() at the first step (shifted back on resume); null before it. */
  private startedAt: number | null = null;
  private readonly pendingPoints: StepMetrics[] = [];
  private lastEmit = 0;
  private lastEmitStep = 0;
  private lastEmitTrainMs = 0;
  private bestLoss = Infinity;
  private best: WeightSnapshot | null = null;
  private evalsSinceBest = 0;
  private readonly ring: MetricsRing;
  private readonly classification: boolean;
  /** Every test sample's class scores from each evaluation (classification only). */
  private readonly testScores: TestScores | null;
  private latestScores: { step: number; scores: Float32Array } | null = null;

  private constructor(
    readonly spec: ExperimentSpec,
    readonly backend: Backend,
    readonly program: Program,
    private readonly data: DeviceDataset,
    private readonly optimizer: Optimizer,
    private readonly onEvent: (e: EngineEvent) => void,
  ) {
    this.stepsPerEpoch = data.stepsPerEpoch;
    this.totalSteps = data.stepsPerEpoch * spec.train.epochs;
    this.ring = new MetricsRing(backend, program.metrics);
    const loss = spec.model.nodes.find((n) => n.id === program.report.lossId)!;
    this.classification = loss.op !== 'meanSquaredError';
    const scoresId = program.report.nodes.get(loss.id)!.inputs[0];
    const scoresShape = program.report.nodes.get(scoresId)!.shape;
    const scores = program.nodes.find((n) => n.id === scoresId)!.output;
    this.testScores =
      this.classification && scoresShape.length === 1
        ? new TestScores(
            backend,
            scores,
            program.batch,
            scoresShape[0],
            data.testBatches,
            data.test.count,
          )
        : null;
  }

  static async create(
    spec: ExperimentSpec,
    backend: Backend,
    fullDataset: Dataset,
    onEvent: (e: EngineEvent) => void,
  ): Promise<Trainer> {
    // Everything the run reports of its tests (curves, confusions, mistakes) is of this subset.
    const dataset = withTestLimit(fullDataset, spec.train.testSamples);
    const batch = spec.train.batchSize;
    if (dataset.train.count < batch) {
      throw new ModelError('invalid-model', [
        {
          severity: 'error',
          message: `The batch size ${batch} is larger than the ${dataset.train.count} training samples.`,
        },
      ]);
    }
    checkFitsDevice(backend, dataset);
    const program = compile(spec, backend, {
      batch,
      datasetBytes: DeviceDataset.bytes(dataset),
      targetSize: dataset.targetSize,
    });
    checkFitsDataset(spec, program, dataset);
    const data = new DeviceDataset(
      backend,
      dataset,
      batch,
      inputNormalization(spec.data),
      spec.train.seed,
      { input: program.input, labels: program.labels, targets: program.targets },
      imageGather(spec.data, dataset),
    );
    const optimizer = new Optimizer(backend, spec.train, program.params);
    const trainer = new Trainer(spec, backend, program, data, optimizer, onEvent);
    backend.submit();
    // Every kernel a training step and an evaluation batch launch, compiled before the first
    // step (on WebGPU, in parallel and asynchronously), so step one does not stall on it.
    const compiling = (compiled: number, total: number) =>
      onEvent({
        type: 'status',
        state: 'compiling',
        message: `Compiling GPU kernels… ${compiled} of ${total}`,
        progress: total > 0 ? compiled / total : 1,
      });
    trainer.preparation = await backend.prepare(() => {
      trainer.recordTrainStep(0);
      trainer.optimizer.setStepCount(0);
      program.state.training = false;
      data.gatherTestBatch(0);
      program.forward();
      trainer.testScores?.capture(0);
      program.state.training = true;
    }, compiling);
    await backend.sync();
    return trainer;
  }

  /**
   * A trainer that continues from `checkpoint` (taken from a trainer of the same spec and
   * dataset, on any backend): the next step it takes is step `checkpoint.step + 1`, with the
   * same batch, dropout mask and optimizer state the original would have used.
   */
  static async resume(
    spec: ExperimentSpec,
    backend: Backend,
    dataset: Dataset,
    checkpoint: TrainerCheckpoint,
    onEvent: (e: EngineEvent) => void,
  ): Promise<Trainer> {
    const trainer = await Trainer.create(spec, backend, dataset, onEvent);
    try {
      trainer.applyCheckpoint(checkpoint);
    } catch (error) {
      trainer.dispose();
      throw error;
    }
    await backend.sync();
    return trainer;
  }

  /** What getting the kernels ready took (zero on backends with nothing to compile). */
  preparation: PrepareReport = { pipelines: 0, ms: 0 };
  private disposed = false;

  /** The data set this trainer trains on. */
  get dataset(): Dataset {
    return this.data.dataset;
  }

  get stepsDone(): number {
    return this.stepIndex;
  }

  get finished(): boolean {
    return this.isFinished;
  }

  get diverged(): boolean {
    return this.isDiverged;
  }

  get epoch(): number {
    return this.stepIndex / this.stepsPerEpoch;
  }

  get learningRate(): number {
    return learningRate(
      this.spec.train.schedule,
      this.spec.train.optimizer.lr,
      this.epoch,
      this.spec.train.epochs,
    );
  }

  /** Training time so far, the clock's current run included. */
  private trainingMs(): number {
    return this.trainMs + (this.clockFrom === null ? 0 : performance.now() - this.clockFrom);
  }

  private startClock(): void {
    this.clockFrom ??= performance.now();
  }

  private stopClock(): void {
    this.trainMs = this.trainingMs();
    this.clockFrom = null;
  }

  /** Train up to n steps; stops early at the end of the run, on divergence or early stopping. */
  async trainSteps(n: number): Promise<number> {
    this.startedAt ??= performance.now();
    this.startClock();
    try {
      return await this.runSteps(n);
    } finally {
      this.stopClock();
    }
  }

  private async runSteps(n: number): Promise<number> {
    const { backend, data } = this;
    let ran = 0;
    while (ran < n && !this.isFinished && !this.isDiverged) {
      if (this.stepInEpoch === 0) data.shuffle();
      this.recordTrainStep(this.stepInEpoch);
      backend.submit();
      this.stepIndex++;
      this.stepInEpoch++;
      ran++;

      const epochEnded = this.stepInEpoch === this.stepsPerEpoch;
      if (epochEnded) this.stepInEpoch = 0;
      if (this.ring.pending(this.stepIndex) >= READ_EVERY_STEPS || epochEnded || ran === n) {
        await this.collectMetrics();
      }
      if (this.isDiverged) break;
      if (epochEnded || this.stepIndex % this.spec.train.evalEverySteps === 0) {
        // Throughput is of training: the clock stops while the test split is evaluated.
        this.stopClock();
        await this.evaluateAndTrack();
        this.startClock();
      }
      if (this.stepIndex >= this.totalSteps && !this.isFinished) {
        this.isFinished = true;
        await this.flush();
        this.onEvent({
          type: 'status',
          state: 'finished',
          message: `Finished ${this.spec.train.epochs} epoch(s), ${this.stepIndex} steps.`,
        });
      }
    }
    return ran;
  }

  /** Records one training step (gather, forward, backward, update, metrics) without submitting it. */
  private recordTrainStep(stepInEpoch: number): void {
    const { program, data, optimizer } = this;
    const state = program.state;
    data.gatherTrainBatch(stepInEpoch, this.stepIndex);
    state.training = true;
    state.step = this.stepIndex;
    state.validRows = program.batch;
    program.forward();
    program.backward();
    optimizer.step(Math.floor(this.epoch), this.learningRate);
    this.ring.record(this.stepIndex);
  }

  /** Loss and accuracy over the whole test split, with the current weights. */
  async evaluate(): Promise<EvalResult> {
    const { program, backend, data } = this;
    const state = program.state;
    state.training = false;
    backend.fill(program.metrics, 0);
    for (let b = 0; b < data.testBatches; b++) {
      state.validRows = data.gatherTestBatch(b);
      program.forward();
      this.testScores?.capture(b);
    }
    backend.submit();
    const step = this.stepIndex;
    const [m, scores] = await Promise.all([
      backend.read(program.metrics),
      this.testScores?.read() ?? null,
    ]);
    if (scores !== null) this.latestScores = { step, scores };
    backend.fill(program.metrics, 0);
    state.training = true;
    state.validRows = program.batch;
    const samples = data.test.count;
    return { loss: m[0] / samples, accuracy: this.classification ? m[1] / samples : NaN, samples };
  }

  /**
   * The class scores of every test sample (count × classes) from the latest evaluation, and the
   * step it was taken at; null before the first, and for regression losses.
   */
  get latestTestScores(): { step: number; scores: Float32Array } | null {
    return this.latestScores;
  }

  /** Emit the metrics not yet sent, now. */
  async flush(): Promise<void> {
    await this.collectMetrics(true);
  }

  /** Every parameter and running statistic, copied off the device. */
  async snapshot(): Promise<WeightSnapshot> {
    const values: Float32Array[] = [];
    for (const buf of this.modelBuffers())
      values.push((await this.backend.read(buf)) as Float32Array);
    return { step: this.stepIndex, values };
  }

  /** The name ("c1.weight", "bn1.runningMean") and size of each snapshot value, in its order. */
  get weightLayout(): { name: string; size: number }[] {
    return this.modelBuffers().map((b) => ({ name: b.label, size: b.size }));
  }

  restore(snapshot: WeightSnapshot): void {
    this.modelBuffers().forEach((buf, i) => this.backend.write(buf, snapshot.values[i]));
    this.backend.submit();
  }

  /**
   * Everything needed to resume this run (see TrainerCheckpoint). Every buffer is read at
   * once, so on WebGPU this costs one wait for the device, not one per buffer. Take it
   * between calls to trainSteps, never while one is in flight.
   */
  async checkpoint(): Promise<TrainerCheckpoint> {
    const { backend } = this;
    const step = this.stepIndex;
    const buffers = [...this.modelBuffers(), ...this.optimizer.stateBuffers()];
    const values = (await Promise.all(buffers.map((b) => backend.read(b)))) as Float32Array[];
    const modelCount = this.modelBuffers().length;
    return {
      step,
      stepInEpoch: this.stepInEpoch,
      model: values.slice(0, modelCount),
      optimizer: values.slice(modelCount),
      optimizerSteps: this.optimizer.stepCount,
      order: this.data.orderState,
      finished: this.isFinished,
      bestLoss: this.bestLoss,
      best: this.best,
      evalsSinceBest: this.evalsSinceBest,
      trainMs: this.trainingMs(),
      elapsedMs: this.startedAt === null ? 0 : performance.now() - this.startedAt,
    };
  }

  private applyCheckpoint(c: TrainerCheckpoint): void {
    const model = this.modelBuffers();
    const state = this.optimizer.stateBuffers();
    const mismatch = (what: string, got: number, want: number) =>
      new Error(`This checkpoint does not belong to this run: ${what} ${got}, expected ${want}.`);
    if (c.model.length !== model.length)
      throw mismatch('model buffers', c.model.length, model.length);
    if (c.optimizer.length !== state.length)
      throw mismatch('optimizer buffers', c.optimizer.length, state.length);
    [...model, ...state].forEach((buf, i) => {
      const values = i < model.length ? c.model[i] : c.optimizer[i - model.length];
      if (values.length !== buf.size)
        throw mismatch(`"${buf.label}" values`, values.length, buf.size);
    });
    if (c.step > this.totalSteps || c.stepInEpoch >= this.stepsPerEpoch)
      throw mismatch('step', c.step, this.totalSteps);
    model.forEach((buf, i) => this.backend.write(buf, c.model[i]));
    state.forEach((buf, i) => this.backend.write(buf, c.optimizer[i]));
    this.optimizer.setStepCount(c.optimizerSteps);
    this.data.restoreOrder(c.order);
    this.stepIndex = c.step;
    this.stepInEpoch = c.stepInEpoch;
    this.program.state.step = c.step;
    this.ring.resumeAt(c.step);
    this.isFinished = c.finished;
    this.bestLoss = c.bestLoss;
    this.best = c.best;
    this.evalsSinceBest = c.evalsSinceBest;
    this.trainMs = c.trainMs;
    this.lastEmitTrainMs = c.trainMs;
    this.lastEmitStep = c.step;
    this.startedAt = c.step > 0 ? performance.now() - c.elapsedMs : null;
    this.backend.submit();
  }

  private modelBuffers() {
    return [...this.program.params.map((p) => p.value), ...this.program.buffers];
  }

  /** Frees every buffer the trainer allocated; the trainer is unusable afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const owned = [
      ...this.program.owned,
      ...this.data.ownedBuffers(),
      ...this.optimizer.ownedBuffers(),
      this.ring.buffer,
      ...(this.testScores ? [this.testScores.ownedBuffer] : []),
    ];
    for (const buf of owned) this.backend.free(buf);
  }

  private async evaluateAndTrack(): Promise<void> {
    const result = await this.evaluate();
    this.onEvent({
      type: 'eval',
      step: this.stepIndex,
      epoch: this.epoch,
      split: 'test',
      ...result,
    });
    const patience = this.spec.train.earlyStoppingPatience;
    if (patience === null) return;
    if (result.loss < this.bestLoss) {
      this.bestLoss = result.loss;
      this.best = await this.snapshot();
      this.evalsSinceBest = 0;
      return;
    }
    this.evalsSinceBest++;
    if (this.evalsSinceBest >= patience && this.best) {
      this.restore(this.best);
      this.isFinished = true;
      await this.flush();
      this.onEvent({
        type: 'status',
        state: 'finished',
        message:
          `Stopped early at step ${this.stepIndex}: the test loss has not improved for ${patience} evaluations. ` +
          `Restored the weights from step ${this.best.step} (test loss ${this.bestLoss.toFixed(4)}).`,
      });
    }
  }

  private async collectMetrics(forceEmit = false): Promise<void> {
    const points = await this.ring.read(this.stepIndex);
    for (const p of points) {
      this.pendingPoints.push(p);
      if (!Number.isFinite(p.lossSum)) {
        this.isDiverged = true;
        const message = `The loss became ${Number.isNaN(p.lossSum) ? 'NaN' : 'infinite'} at step ${p.step + 1}, so training paused. ${divergenceAdvice(this.spec, this.learningRate)}`;
        this.emitMetrics();
        this.onEvent({ type: 'error', kind: 'diverged', message });
        this.onEvent({ type: 'status', state: 'diverged', message });
        return;
      }
    }
    const now = performance.now();
    if (forceEmit || now - this.lastEmit >= METRICS_INTERVAL_MS) this.emitMetrics();
  }

  private emitMetrics(): void {
    const n = this.pendingPoints.length;
    if (n === 0) return;
    const batch = this.program.batch;
    const steps = new Float64Array(n);
    const loss = new Float32Array(n);
    const accuracy = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const p = this.pendingPoints[i];
      steps[i] = p.step + 1;
      loss[i] = p.lossSum / batch;
      accuracy[i] = this.classification ? p.correct / batch : NaN;
    }
    this.pendingPoints.length = 0;
    const stepsSince = this.stepIndex - this.lastEmitStep;
    const trainMs = this.trainingMs();
    const msSince = trainMs - this.lastEmitTrainMs;
    const event: MetricsEvent = {
      type: 'metrics',
      steps,
      loss,
      accuracy,
      epoch: this.epoch,
      samplesPerSec: msSince > 0 ? (stepsSince * batch * 1000) / msSince : 0,
      elapsedMs: performance.now() - (this.startedAt ?? performance.now()),
      learningRate: this.learningRate,
      totalSteps: this.totalSteps,
    };
    this.lastEmit = performance.now();
    this.lastEmitStep = this.stepIndex;
    this.lastEmitTrainMs = trainMs;
    this.onEvent(event);
  }
}

/** The model's input and output must match the data it will see. */
function checkFitsDataset(spec: ExperimentSpec, program: Program, dataset: Dataset): void {
  const problems = dataFitProblems(spec.model, program.report, dataset);
  if (problems.length > 0) throw new ModelError('invalid-model', problems);
}

/** Each split's samples go to the device as one buffer, so each must fit the largest one. */
function checkFitsDevice(backend: Backend, dataset: Dataset): void {
  const limit = backend.limits.maxBufferBytes;
  const problems = [];
  for (const [name, split] of [
    ['training', dataset.train],
    ['test', dataset.test],
  ] as const) {
    if (split.inputs.byteLength <= limit) continue;
    problems.push({
      severity: 'error' as const,
      message:
        `The ${dataset.name} ${name} split needs ${formatBytes(split.inputs.byteLength)} in one buffer; ` +
        `this ${backend.name === 'webgpu' ? 'GPU' : 'backend'} allows ${formatBytes(limit)}.`,
    });
  }
  if (problems.length > 0) throw new ModelError('out-of-memory', problems);
}
