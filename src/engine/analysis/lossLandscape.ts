// The loss of a run's model around its current weights, on one fixed batch, without touching
// the run: a second program of the same spec holds the fixed batch and takes the weights by a
// device copy (as the probes do), reads them to the host once, and then evaluates
//   L(θ + a·d1 + b·d2)     on a grid of (a, b) (a 2-D slice, Li et al. 2018)
//   L((1 − t)·θ₀ + t·θ)    along the line from the initial weights (a 1-D slice)
//   H·v ≈ (∇L(θ + εv) − ∇L(θ − εv))/(2ε)   (Hessian-vector products by central differences of
// gradients), from which the Lanczos method gives λmax and λmin. Everything runs in evaluation mode
// (dropout off, batch norm on its running statistics), so the surface is a function of θ alone.
import type { Backend, DeviceBuffer } from '../backend/backend';
import { compile, type Program } from '../graph/compile';
import { shapeSize } from '../modules/module';
import { isLossOp } from '../spec/ops';
import type { ExperimentSpec } from '../spec/schema';
import { combine, filterNormalisedDirection } from './directions';
import { lanczosExtremes } from './lanczos';
import type { ExtremeEigenvalues } from './powerIteration';
import { unflatten } from './trajectory';
import { trajectoryPlane } from './trajectoryPca';
import { modelWeightCopies, type WeightCopies } from './weightCopies';

export interface FixedBatch {
  /** batch × input size values, as the program's input takes them (normalised). */
  inputs: Float32Array;
  /** batch class labels (classification losses). */
  labels: Int32Array | null;
  /** batch × target size values (regression losses). */
  targets: Float32Array | null;
  /** Rows in the batch. */
  count: number;
}

export interface SliceOptions {
  /** Points per side (21 to 61). */
  size: number;
  /** The grid spans a, b ∈ [−range, range] in units of the (filter-normalised) directions. */
  range: number;
  seed: number;
  /** Called after each row, e.g. to report progress or yield to other work. */
  onRow?: (row: number) => Promise<void> | void;
}

export interface LossSlice {
  size: number;
  range: number;
  /** size × size losses, row r at b = −range + 2·range·r/(size − 1), column c likewise for a. */
  losses: Float32Array;
  /** The loss at the centre (the current weights). */
  center: number;
}

export interface TrajectorySurface {
  size: number;
  /** The grid's range along the first and second principal directions (weight-space units). */
  a: [number, number];
  b: [number, number];
  /** size × size losses, row r at the r-th value of b, column c at the c-th of a. */
  losses: Float32Array;
  /** (a, b) of every snapshot, interleaved, the last one (0, 0): the current weights. */
  path: Float32Array;
  /** Fraction of the path's variance along each direction. */
  explained: [number, number];
  center: number;
}

/** [min, max] of `values` widened by a quarter on each side, and to at least `minWidth`. */
function paddedAxis(values: readonly number[] | Float64Array, minWidth = 0): [number, number] {
  let lo = Math.min(0, ...values);
  let hi = Math.max(0, ...values);
  const pad = 0.25 * (hi - lo);
  lo -= pad;
  hi += pad;
  const short = Math.max(minWidth, 1e-6) - (hi - lo);
  if (short > 0) {
    lo -= short / 2;
    hi += short / 2;
  }
  return [lo, hi];
}

/** Runs one unit of device work and returns what it returned. */
export type Turn = <T>(work: () => Promise<T>) => Promise<T>;

export class LossLandscape {
  /**
   * What each row of a slice, the whole line and each Hessian-vector product runs through; at
   * once by default. A worker passes its queue of trainer work, so a run keeps training between
   * the turns of a long computation instead of waiting for all of it.
   */
  turn: Turn = (work) => work();
  private copies: WeightCopies | null = null;
  private readonly scratch: Float32Array[];
  private readonly valueBuffers: DeviceBuffer[];
  private disposed = false;

  private constructor(
    readonly backend: Backend,
    private readonly program: Program,
    readonly batch: FixedBatch,
  ) {
    this.valueBuffers = program.params.map((p) => p.value);
    this.scratch = program.params.map((p) => new Float32Array(shapeSize(p.shape)));
    backend.write(program.input, batch.inputs);
    if (batch.labels !== null) backend.write(program.labels, batch.labels);
    if (batch.targets !== null && program.targets !== null)
      backend.write(program.targets, batch.targets);
    program.state.training = false;
    program.state.validRows = batch.count;
  }

  static create(spec: ExperimentSpec, backend: Backend, batch: FixedBatch, targetSize?: number) {
    const program = compile(spec, backend, { batch: batch.count, targetSize });
    return new LossLandscape(backend, program, batch);
  }

  /** Parameter shapes, in program order (the order of every weight list here). */
  get shapes(): number[][] {
    return this.program.params.map((p) => p.shape);
  }

  /** The run's current weights (and running statistics), copied on the device and read back. */
  async weightsOf(run: Program): Promise<Float32Array[]> {
    this.copies = modelWeightCopies(run, this.program, this.copies);
    for (const c of this.copies.copies) this.backend.copyBlocks(c);
    this.backend.submit();
    const read = await Promise.all(this.valueBuffers.map((b) => this.backend.read(b)));
    return read.map((r) => Float32Array.from(r as Float32Array));
  }

  /** Mean loss over the fixed batch at `weights`. */
  async lossAt(weights: readonly Float32Array[]): Promise<number> {
    const { backend, program } = this;
    for (let i = 0; i < weights.length; i++) backend.write(this.valueBuffers[i], weights[i]);
    backend.fill(program.metrics, 0);
    program.forward();
    backend.submit();
    const m = (await backend.read(program.metrics)) as Float32Array;
    return m[0] / this.batch.count;
  }

  /** ∇L at `weights`, flattened over every parameter, into `out`. */
  async gradientAt(weights: readonly Float32Array[], out: Float64Array): Promise<void> {
    const { backend, program } = this;
    for (let i = 0; i < weights.length; i++) backend.write(this.valueBuffers[i], weights[i]);
    backend.fill(program.metrics, 0);
    // Evaluation mode everywhere but at the loss, which writes its gradient only when training:
    // the gradient is then that of the very function the slices draw.
    const state = program.state;
    for (const node of program.nodes) {
      state.training = isLossOp(node.op);
      node.module.forward(state);
    }
    state.training = false;
    program.backward();
    backend.submit();
    const grads = await Promise.all(program.params.map((p) => backend.read(p.grad)));
    let o = 0;
    for (const g of grads) {
      out.set(g as Float32Array, o);
      o += g.length;
    }
  }

  /** The 2-D slice along two random filter-normalised directions about `center`. */
  async slice(center: readonly Float32Array[], options: SliceOptions): Promise<LossSlice> {
    const { size, range } = options;
    const d1 = filterNormalisedDirection(center, this.shapes, options.seed, 21);
    const d2 = filterNormalisedDirection(center, this.shapes, options.seed, 22);
    const axis: [number, number] = [-range, range];
    const losses = await this.plane(center, d1, d2, axis, axis, size, options.onRow);
    return { size, range, losses, center: await this.turn(() => this.lossAt(center)) };
  }

  /**
   * L(θ + a·d1 + b·d2) on a size × size grid, a over `aAxis` and b over `bAxis` (ends
   * included); row r at the r-th b, column c at the c-th a. θ, d1 and d2 go to the device once;
   * each point is then made there (one `combine` per parameter) and its loss copied into a row
   * buffer, so a row is one submit and one read of `size` numbers, not `size` uploads of the
   * weights and `size` waits for the device. One turn per row.
   */
  async plane(
    center: readonly Float32Array[],
    d1: readonly Float32Array[],
    d2: readonly Float32Array[],
    aAxis: readonly [number, number],
    bAxis: readonly [number, number],
    size: number,
    onRow?: (row: number) => Promise<void> | void,
  ): Promise<Float32Array> {
    const { backend, program } = this;
    const owned: DeviceBuffer[] = [];
    const upload = (values: Float32Array, label: string) => {
      const buf = backend.alloc(values.length, 'f32', label);
      owned.push(buf);
      backend.write(buf, values);
      return buf;
    };
    const losses = new Float32Array(size * size);
    const at = ([lo, hi]: readonly [number, number], k: number) =>
      lo + ((hi - lo) * k) / (size - 1);
    try {
      // One parameter object per weight and one copy, mutated point to point: the GPU backend
      // caches bind groups per object and reads the numbers when each kernel is recorded.
      const points = center.map((w, i) => ({
        x: upload(w, `landscape.center.${i}`),
        y: upload(d1[i], `landscape.d1.${i}`),
        z: upload(d2[i], `landscape.d2.${i}`),
        out: this.valueBuffers[i],
        a: 0,
        b: 0,
        n: w.length,
      }));
      const row = upload(new Float32Array(size), 'landscape.row');
      const keep = {
        src: program.metrics,
        dst: row,
        blocks: 1,
        blockSize: 1,
        srcOffset: 0,
        srcStride: 1,
        dstOffset: 0,
        dstStride: 1,
        accumulate: false,
      };
      for (let r = 0; r < size; r++) {
        await this.turn(async () => {
          for (let c = 0; c < size; c++) {
            for (const p of points) {
              p.a = at(aAxis, c);
              p.b = at(bAxis, r);
              backend.combine(p);
            }
            backend.fill(program.metrics, 0);
            program.forward();
            keep.dstOffset = c;
            backend.copyBlocks(keep);
          }
          backend.submit();
          const sums = (await backend.read(row)) as Float32Array;
          for (let c = 0; c < size; c++) losses[r * size + c] = sums[c] / this.batch.count;
        });
        await onRow?.(r);
      }
    } finally {
      for (const buf of owned) backend.free(buf);
    }
    return losses;
  }

  /**
   * The path through `snapshots` (θ₀ … θₙ, θₙ the current weights, flattened) on the plane of
   * its first two principal components about θₙ, and the loss on that same plane over the
   * path's extent and a margin, so that path and contours agree (Li et al. 2018, §7).
   */
  async trajectory(
    snapshots: readonly Float32Array[],
    size: number,
    onRow?: (row: number) => Promise<void> | void,
  ): Promise<TrajectorySurface> {
    const last = snapshots[snapshots.length - 1];
    const center = unflatten(last, this.scratch);
    const plane = trajectoryPlane(snapshots);
    const [d1, d2] = plane.directions.map((d) => unflatten(d, center));
    const xs = plane.coordinates.filter((_, i) => i % 2 === 0);
    const ys = plane.coordinates.filter((_, i) => i % 2 === 1);
    const aAxis = paddedAxis(xs);
    // The second component often explains little: give its axis at least a tenth of the
    // first's extent, so the grid shows the valley's walls and not only its floor.
    const bAxis = paddedAxis(ys, 0.1 * (aAxis[1] - aAxis[0]));
    const losses = await this.plane(center, d1, d2, aAxis, bAxis, size, onRow);
    return {
      size,
      a: aAxis,
      b: bAxis,
      losses,
      path: Float32Array.from(plane.coordinates),
      explained: plane.explained,
      center: await this.turn(() => this.lossAt(center)),
    };
  }

  /** L((1 − t)·θ₀ + t·θ₁) at `count` values of t evenly spaced over [tMin, tMax]. */
  async line(
    from: readonly Float32Array[],
    to: readonly Float32Array[],
    count: number,
    tMin = -0.25,
    tMax = 1.25,
  ) {
    const delta = to.map((w, i) => Float32Array.from(w, (v, k) => v - from[i][k]));
    const t = new Float32Array(count);
    const losses = new Float32Array(count);
    await this.turn(async () => {
      for (let k = 0; k < count; k++) {
        t[k] = tMin + ((tMax - tMin) * k) / (count - 1);
        combine(from, delta, t[k], null, 0, this.scratch);
        losses[k] = await this.lossAt(this.scratch);
      }
    });
    return { t, losses };
  }

  /**
   * λmax and λmin of the Hessian of the fixed batch's loss at `center`, by Lanczos on
   * finite-difference Hessian-vector products (two gradients each), at most `products` of them.
   */
  async curvature(
    center: readonly Float32Array[],
    products: number,
    seed = 1,
  ): Promise<ExtremeEigenvalues & { products: number }> {
    const n = center.reduce((s, w) => s + w.length, 0);
    let sumSquares = 0;
    for (const w of center) for (const v of w) sumSquares += v * v;
    // ε relative to the weights' scale: large enough to rise above f32 rounding of the
    // gradients, small enough for the difference to stay local.
    const eps = 1e-2 * Math.max(Math.sqrt(sumSquares / n), 1e-3);
    const plus = new Float64Array(n);
    const minus = new Float64Array(n);
    const shifted = center.map((w) => new Float32Array(w.length));
    const displaced = async (v: Float64Array, sign: number, out: Float64Array) => {
      let o = 0;
      for (let i = 0; i < center.length; i++) {
        const c = center[i];
        const s = shifted[i];
        for (let k = 0; k < c.length; k++) s[k] = c[k] + sign * eps * v[o + k];
        o += c.length;
      }
      await this.gradientAt(shifted, out);
    };
    const hessianTimes = async (v: Float64Array, out: Float64Array) => {
      await this.turn(async () => {
        await displaced(v, 1, plus);
        await displaced(v, -1, minus);
      });
      for (let i = 0; i < n; i++) out[i] = (plus[i] - minus[i]) / (2 * eps);
    };
    return lanczosExtremes(hessianTimes, n, { maxProducts: products, tolerance: 1e-3, seed });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const buf of this.program.owned) this.backend.free(buf);
  }
}
