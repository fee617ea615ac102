// Exact t-SNE on a Backend: P lives on the device, and each iteration is two kernel calls (the
// gradient with Q's normalisation, then the optimiser step), recorded back to back, so a chunk
// of iterations is one submit on WebGPU and the layout is read back once per chunk. n² memory
// and work: for up to a few thousand points.
import type { Backend, DeviceBuffer } from '../../backend/backend';
import type { TsneGradientParams, TsneUpdateParams } from '../../backend/tsneKernels';
import { centre } from './barnesHut';
import { learningRateFor, type TsneFrame, type TsneOptions, type TsneSolver } from './options';

/** Largest n the exact method takes: P is n² floats (3,000 points: 36 MB). */
export const MAX_EXACT_POINTS = 5000;

export class ExactTsne implements TsneSolver {
  readonly method = 'exact' as const;
  iteration = 0;
  private readonly owned: DeviceBuffer[] = [];
  private readonly gradient: TsneGradientParams;
  private readonly update: TsneUpdateParams;
  private disposed = false;

  constructor(
    private readonly backend: Backend,
    readonly n: number,
    p: Float32Array,
    private readonly plogp: number,
    initial: Float32Array,
    private readonly options: TsneOptions,
  ) {
    if (n > MAX_EXACT_POINTS)
      throw new Error(`exact t-SNE takes at most ${MAX_EXACT_POINTS} points; use Barnes-Hut`);
    const alloc = (size: number, label: string, data?: Float32Array) => {
      const buf = backend.alloc(size, 'f32', `tsne.${label}`);
      this.owned.push(buf);
      if (data) backend.write(buf, data);
      else backend.fill(buf, 0);
      return buf;
    };
    const y = alloc(2 * n, 'y', initial);
    const grad = alloc(2 * n, 'grad');
    this.gradient = {
      y,
      p: alloc(n * n, 'p', p),
      n,
      exaggeration: 1,
      measure: false,
      grad,
      stats: alloc(2, 'stats'),
    };
    const gains = alloc(2 * n, 'gains');
    backend.fill(gains, 1);
    this.update = {
      y,
      grad,
      velocity: alloc(2 * n, 'velocity'),
      gains,
      count: 2 * n,
      learningRate: learningRateFor(options, n),
      momentum: options.momentum,
      minGain: options.minGain,
    };
  }

  /** Compiles the kernels (WebGPU) before the first iteration. */
  async prepare(): Promise<void> {
    await this.backend.prepare(() => {
      this.backend.tsneGradient(this.gradient);
      this.backend.tsneUpdate(this.update);
    });
  }

  async advance(count: number): Promise<TsneFrame> {
    if (this.disposed) throw new Error('t-SNE: used after dispose');
    const o = this.options;
    const steps = Math.max(1, count);
    const { gradient, update, backend } = this;
    for (let k = 0; k < steps; k++) {
      const it = this.iteration++;
      gradient.exaggeration = it < o.exaggerationIterations ? o.exaggeration : 1;
      gradient.measure = k === steps - 1;
      update.momentum = it < o.momentumSwitch ? o.momentum : o.finalMomentum;
      backend.tsneGradient(gradient);
      backend.tsneUpdate(update);
    }
    backend.submit();
    const [y, stats] = await Promise.all([backend.read(gradient.y), backend.read(gradient.stats)]);
    const layout = y as Float32Array;
    centre(layout, this.n);
    // Keep the device copy centred too: the gains make the step not quite zero-sum.
    backend.write(gradient.y, layout);
    const kl = this.plogp + stats[1] + Math.log(stats[0]);
    return { iteration: this.iteration, kl, layout };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const buf of this.owned) this.backend.free(buf);
  }
}
