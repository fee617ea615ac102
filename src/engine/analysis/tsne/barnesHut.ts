// Barnes-Hut t-SNE (van der Maaten 2014) for 10⁴ points and more, on the CPU: the attraction
// runs over the sparse P of each point's 3·perplexity nearest neighbours, the repulsion over a
// quad-tree whose distant cells act as one body, so an iteration costs O(n log n):
//   ∂C/∂y_i = 4 (Σ_{j ∈ N(i)} α·p_ij·num_ij·(y_i − y_j) − Ẑ⁻¹ Σ_j num_ij²·(y_i − y_j))
// with Ẑ = Σ_{i≠j} num_ij estimated by the same tree. The update is the exact method's.
import { tsneUpdateArrays } from '../../backend/cpu/tsne';
import type { SparseAffinities } from './affinities';
import { learningRateFor, type TsneFrame, type TsneOptions, type TsneSolver } from './options';
import { QuadTree } from './quadTree';

/**
 * The Barnes-Hut gradient of layout y (n × 2) into grad; returns Ẑ and, when `measure`, also
 * Σ p_ij·log(1 + d²_ij) over P's entries (for KL = Σ p log p + that + log Ẑ).
 */
export function barnesHutGradient(
  y: Float32Array,
  n: number,
  p: SparseAffinities,
  exaggeration: number,
  theta: number,
  tree: QuadTree,
  grad: Float32Array,
  measure: boolean,
  /** 2n floats of scratch for the repulsions (made here when not given). */
  neg: Float64Array = new Float64Array(2 * n),
): { z: number; plog: number } {
  tree.build(y, n);
  const rep = REPULSION;
  let z = 0;
  let plog = 0;
  for (let i = 0; i < n; i++) {
    z += tree.repulsion(y[2 * i], y[2 * i + 1], theta, rep);
    neg[2 * i] = rep[0];
    neg[2 * i + 1] = rep[1];
  }
  const inv = z > 0 ? 1 / z : 0;
  const { rowStart, cols, values } = p;
  for (let i = 0; i < n; i++) {
    const yi0 = y[2 * i];
    const yi1 = y[2 * i + 1];
    let ax = 0;
    let ay = 0;
    for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
      const j = cols[e];
      const dx = yi0 - y[2 * j];
      const dy = yi1 - y[2 * j + 1];
      const d2 = dx * dx + dy * dy;
      const a = (exaggeration * values[e]) / (1 + d2);
      ax += a * dx;
      ay += a * dy;
      if (measure) plog += values[e] * Math.log1p(d2);
    }
    grad[2 * i] = 4 * (ax - neg[2 * i] * inv);
    grad[2 * i + 1] = 4 * (ay - neg[2 * i + 1] * inv);
  }
  return { z, plog };
}

const REPULSION = new Float64Array(2);

export class BarnesHutTsne implements TsneSolver {
  readonly method = 'barnesHut' as const;
  iteration = 0;
  private readonly y: Float32Array;
  private readonly grad: Float32Array;
  private readonly velocity: Float32Array;
  private readonly gains: Float32Array;
  private readonly tree = new QuadTree();
  private readonly neg: Float64Array;
  private readonly learningRate: number;

  constructor(
    readonly n: number,
    private readonly p: SparseAffinities,
    initial: Float32Array,
    private readonly options: TsneOptions,
  ) {
    this.y = Float32Array.from(initial);
    this.grad = new Float32Array(2 * n);
    this.velocity = new Float32Array(2 * n);
    this.gains = new Float32Array(2 * n).fill(1);
    this.neg = new Float64Array(2 * n);
    this.learningRate = learningRateFor(options, n);
  }

  async advance(count: number): Promise<TsneFrame> {
    const o = this.options;
    let kl = NaN;
    for (let k = 0; k < Math.max(1, count); k++) {
      const it = this.iteration;
      const measure = k === Math.max(1, count) - 1;
      const { z, plog } = barnesHutGradient(
        this.y,
        this.n,
        this.p,
        it < o.exaggerationIterations ? o.exaggeration : 1,
        o.theta,
        this.tree,
        this.grad,
        measure,
        this.neg,
      );
      if (measure) kl = this.p.plogp + plog + Math.log(z);
      tsneUpdateArrays(
        this.y,
        this.grad,
        this.velocity,
        this.gains,
        2 * this.n,
        this.learningRate,
        it < o.momentumSwitch ? o.momentum : o.finalMomentum,
        o.minGain,
      );
      centre(this.y, this.n);
      this.iteration++;
    }
    return { iteration: this.iteration, kl, layout: this.y.slice() };
  }

  dispose(): void {}
}

/** Moves the layout's mean to the origin (the cost does not change; the numbers stay small). */
export function centre(y: Float32Array, n: number): void {
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += y[2 * i];
    my += y[2 * i + 1];
  }
  mx /= n;
  my /= n;
  for (let i = 0; i < n; i++) {
    y[2 * i] -= mx;
    y[2 * i + 1] -= my;
  }
}
