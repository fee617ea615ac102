// The worker's side of the loss landscape of the run being trained: a 2-D slice around the
// current weights, the line from the initial weights, and the Hessian's extreme eigenvalues,
// all on one fixed seeded batch, in a program of their own (lossLandscape.ts). The run is never
// touched: its weights are copied on the device once per request, and the long computations
// take the trainer's queue one row (or one Hessian-vector product) at a time, so training goes
// on between them and a pause or reset is never held up for long.
import { fixedBatchOf } from '../engine/analysis/fixedBatch';
import type {
  CurvatureFrame,
  LandscapeAnswer,
  LossLineFrame,
  LossSliceFrame,
  TrajectoryFrame,
} from '../engine/analysis/landscapeFrames';
import { LossLandscape } from '../engine/analysis/lossLandscape';
import { flatten, TrajectoryRecorder } from '../engine/analysis/trajectory';
import { datasetNormalization } from '../engine/data/registry';
import type { EngineEvent } from '../engine/train/events';
import type { Trainer } from '../engine/train/trainer';

/** Samples in the fixed batch every landscape measurement uses. */
export const LANDSCAPE_BATCH = 256;
const BATCH_SEED = 7;
const DIRECTION_SEED = 11;
const LINE_POINTS = 31;
export const MIN_SLICE = 21;
export const MAX_SLICE = 61;
/** Hessian-vector products per measurement when curvature is tracked during training. */
const TRACKED_PRODUCTS = 10;

export interface LandscapeHost {
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  current(): Trainer | null;
  emit(event: EngineEvent): void;
}

class RunChanged extends Error {}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A requested grid size brought into [MIN_SLICE, MAX_SLICE] and made odd (a centre point). */
function gridSize(resolution: number): number {
  const size = Math.max(MIN_SLICE, Math.min(MAX_SLICE, Math.round(resolution) || MIN_SLICE));
  return size % 2 === 1 ? size : size + 1;
}

export class Landscape {
  private land: { trainer: Trainer; value: LossLandscape } | null = null;
  /** The parameters of a trainer before its first step: where the line starts. */
  private initial: { trainer: Trainer; weights: Float32Array[] } | null = null;
  /** The weights the run passed through, θ₀ first, for the trajectory on its PCA plane. */
  private path: { trainer: Trainer; recorder: TrajectoryRecorder } | null = null;
  /** Measure the curvature every this many steps while training; null: only when asked. */
  private trackEvery: number | null = null;
  private tracked: { trainer: Trainer; step: number; busy: boolean } | null = null;
  /** One computation at a time; a second request waits for the first. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly host: LandscapeHost) {}

  /** Keeps `t`'s initial weights, before it trains its first step (cheap once kept). */
  async keepInitial(t: Trainer): Promise<void> {
    if (this.initial?.trainer === t || t.stepsDone !== 0) return;
    const snapshot = await this.host.exclusive(() => t.snapshot());
    const weights = snapshot.values.slice(0, t.program.params.length).map((w) => w.slice());
    if (t.stepsDone === 0 && this.host.current() === t) {
      this.initial = { trainer: t, weights };
      const recorder = new TrajectoryRecorder();
      recorder.keep(0, flatten(weights));
      this.path = { trainer: t, recorder };
    }
  }

  /**
   * Between chunks of training: keeps the weights when the trajectory wants them, and starts a
   * tracked curvature measurement when one is due (not awaited: it takes its turns between
   * the following chunks, so training does not wait for it).
   */
  async afterChunk(t: Trainer): Promise<void> {
    const rec = this.path?.trainer === t ? this.path.recorder : null;
    if (rec !== null && rec.wants(t.stepsDone)) {
      const step = t.stepsDone;
      const read = await this.host.exclusive(() =>
        Promise.all(t.program.params.map((p) => t.backend.read(p.value))),
      );
      if (this.host.current() === t) rec.keep(step, flatten(read as Float32Array[]));
    }
    const every = this.trackEvery;
    if (every === null) return;
    if (this.tracked?.trainer !== t) this.tracked = { trainer: t, step: 0, busy: false };
    const track = this.tracked;
    if (track.busy || t.stepsDone < track.step + every) return;
    track.busy = true;
    track.step = t.stepsDone;
    void this.curvature(TRACKED_PRODUCTS).then((answer) => {
      track.busy = false;
      if (answer.ok && this.host.current() === t)
        this.host.emit({ type: 'curvature', frame: answer.frame });
    });
  }

  /** Tracks λmax and λmin every `steps` steps while training (null: stop). */
  trackCurvature(steps: number | null): void {
    this.trackEvery =
      steps === null || !Number.isFinite(steps) ? null : Math.max(1, Math.round(steps));
    if (this.tracked !== null) this.tracked.step = 0;
  }

  /** A run moved to another trainer (a lost GPU's run resumed on the CPU): its θ₀ stays. */
  carry(from: Trainer | null, to: Trainer): void {
    if (from !== null && this.initial?.trainer === from)
      this.initial = { trainer: to, weights: this.initial.weights };
    if (from !== null && this.path?.trainer === from)
      this.path = { trainer: to, recorder: this.path.recorder };
  }

  /** Frees the landscape program of a trainer that is going away. */
  drop(): void {
    const old = this.land;
    this.land = null;
    try {
      old?.value.dispose();
    } catch {
      // Its buffers went with a lost device.
    }
  }

  slice(
    resolution: number,
    span: number,
    onRow?: (done: number, of: number) => void,
  ): Promise<LandscapeAnswer<LossSliceFrame>> {
    const odd = gridSize(resolution);
    const range = Number.isFinite(span) && span > 0 ? Math.min(span, 10) : 1;
    return this.run(async (t, land, started) => {
      const center = await this.host.exclusive(() => this.weightsOf(t, land));
      const step = t.stepsDone;
      const s = await land.slice(center, {
        size: odd,
        range,
        seed: DIRECTION_SEED,
        onRow: (r) => onRow?.(r + 1, odd),
      });
      return { step, ...s, batch: land.batch.count, ms: performance.now() - started };
    });
  }

  line(): Promise<LandscapeAnswer<LossLineFrame>> {
    return this.run(async (t, land, started) => {
      const now = await this.host.exclusive(() => this.weightsOf(t, land));
      const from = this.initial?.trainer === t ? this.initial.weights : null;
      if (from === null)
        throw new Error('the initial weights of this run were not kept (it began elsewhere)');
      const step = t.stepsDone;
      const l = await land.line(from, now, LINE_POINTS);
      return { step, ...l, batch: land.batch.count, ms: performance.now() - started };
    });
  }

  /**
   * The path through the kept snapshots and the current weights on the plane of their first
   * two principal components, with the loss on that plane over a resolution × resolution grid.
   */
  trajectory(
    resolution: number,
    onRow?: (done: number, of: number) => void,
  ): Promise<LandscapeAnswer<TrajectoryFrame>> {
    const size = gridSize(resolution);
    return this.run(async (t, land, started) => {
      const rec = this.path?.trainer === t ? this.path.recorder : null;
      if (rec === null)
        throw new Error(
          'the weights of this run were not kept from its start (it began elsewhere)',
        );
      const now = await this.host.exclusive(() => this.weightsOf(t, land));
      const step = t.stepsDone;
      const kept = rec.snapshots.filter((s) => s.step < step);
      if (kept.length < 2)
        throw new Error('train a few more steps first: the path needs at least three points');
      const snaps = [...kept.map((s) => s.weights), flatten(now)];
      const tr = await land.trajectory(snaps, size, (r) => onRow?.(r + 1, size));
      return {
        step,
        ...tr,
        steps: Int32Array.from([...kept.map((s) => s.step), step]),
        batch: land.batch.count,
        ms: performance.now() - started,
      };
    });
  }

  curvature(products: number): Promise<LandscapeAnswer<CurvatureFrame>> {
    const n = Math.max(2, Math.min(100, Math.round(products) || 20));
    return this.run(async (t, land, started) => {
      const center = await this.host.exclusive(() => this.weightsOf(t, land));
      const step = t.stepsDone;
      const c = await land.curvature(center, n);
      return {
        step,
        max: c.max.value,
        min: c.min.value,
        products: c.products,
        learningRate: t.spec.train.optimizer.lr,
        optimizer: t.spec.train.optimizer.kind,
        batch: land.batch.count,
        ms: performance.now() - started,
      };
    });
  }

  private async weightsOf(t: Trainer, land: LossLandscape): Promise<Float32Array[]> {
    if (this.host.current() !== t) throw new RunChanged();
    return land.weightsOf(t.program);
  }

  private landOf(t: Trainer): LossLandscape {
    if (this.land?.trainer !== t) {
      this.drop();
      const d = t.dataset;
      const batch = fixedBatchOf(
        d,
        datasetNormalization(t.spec.data, d),
        LANDSCAPE_BATCH,
        BATCH_SEED,
      );
      const value = LossLandscape.create(t.spec, t.backend, batch, d.targetSize);
      // Each turn waits for the chunk of steps in flight, and gives up when the run changed.
      value.turn = (work) =>
        this.host.exclusive(() => {
          if (this.host.current() !== t) throw new RunChanged();
          return work();
        });
      this.land = { trainer: t, value };
    }
    return this.land.value;
  }

  private run<T>(
    work: (t: Trainer, land: LossLandscape, started: number) => Promise<T>,
  ): Promise<LandscapeAnswer<T>> {
    const answer = this.queue.then(async (): Promise<LandscapeAnswer<T>> => {
      const t = this.host.current();
      if (t === null) return { ok: false, message: 'No model is loaded.' };
      try {
        const land = await this.host.exclusive(async () => this.landOf(t));
        return { ok: true, frame: await work(t, land, performance.now()) };
      } catch (error) {
        if (error instanceof RunChanged || this.host.current() !== t)
          return { ok: false, message: 'The run changed while it was measured; ask again.' };
        return {
          ok: false,
          message: `The loss landscape could not be measured: ${messageOf(error)}`,
        };
      }
    });
    this.queue = answer.catch(() => undefined);
    return answer;
  }
}
