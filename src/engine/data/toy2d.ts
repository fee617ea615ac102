// The 2-D classification sets of TensorFlow Playground (circle, xor, gaussians, spiral), drawn
// as it draws them in its ±6 plane, then divided by 6 so inputs lie in about [−1, 1]: inputs of
// unit scale keep the default initialisations and learning rates in their working range.
// Gaussians and spiral take 2 to 8 classes; circle and xor are two-class by nature. The
// regression sets (plane, waves, bumps) give each point one real-valued target in [−1, 1].
import { RandomStream, SeededRandom } from '../rng';
import {
  toyRegressionKinds,
  type DataSpec,
  type ToyDatasetKind,
  type ToyRegressionKind,
} from '../spec/schema';
import type { DataSplit, Dataset } from './dataset';

export type ToyDataSpec = Extract<DataSpec, { dataset: 'toy' }>;

/** TF Playground's plane is [−6, 6]²; inputs are that divided by 6. */
const PLANE_HALF_WIDTH = 6;

/** Points as generated, in plane units, before shuffling and splitting. */
class Points {
  readonly xy: Float32Array;
  readonly labels: Int32Array;
  readonly targets: Float32Array;
  private n = 0;
  constructor(capacity: number) {
    this.xy = new Float32Array(2 * capacity);
    this.labels = new Int32Array(capacity);
    this.targets = new Float32Array(capacity);
  }
  add(x: number, y: number, label: number): void {
    this.xy[2 * this.n] = x / PLANE_HALF_WIDTH;
    this.xy[2 * this.n + 1] = y / PLANE_HALF_WIDTH;
    this.labels[this.n++] = label;
  }
  addValue(x: number, y: number, target: number): void {
    this.targets[this.n] = target;
    this.add(x, y, 0);
  }
}

/**
 * Uniform draws only: SeededRandom.normal() reads the counters 2c and 2c+1 of the same stream,
 * so mixing it with uniform() would reuse draws. Normals come from two uniforms here instead.
 */
class Draw {
  private readonly rng: SeededRandom;
  constructor(seed: number) {
    this.rng = new SeededRandom(seed, RandomStream.toyData);
  }
  uniform(a: number, b: number): number {
    return a + (b - a) * this.rng.uniform();
  }
  /** Box–Muller; 1 − u keeps the logarithm finite. */
  normal(mean: number, std: number): number {
    const r = Math.sqrt(-2 * Math.log(1 - this.rng.uniform()));
    return mean + std * r * Math.cos(2 * Math.PI * this.rng.uniform());
  }
  shuffle(order: Int32Array): void {
    this.rng.shuffle(order);
  }
}

/** Samples per class: as even as possible, the first classes taking the remainder. */
function perClass(samples: number, classes: number, k: number): number {
  return Math.floor(samples / classes) + (k < samples % classes ? 1 : 0);
}

/** Inside (1) a disc of radius 2.5 or in a ring 3.5–5 (0); noise moves the point the label is read at. */
function circle(points: Points, samples: number, noise: number, draw: Draw): void {
  const radius = 5;
  for (let k = 0; k < 2; k++) {
    const [rMin, rMax] = k === 1 ? [0, radius * 0.5] : [radius * 0.7, radius];
    for (let i = 0; i < perClass(samples, 2, k); i++) {
      const r = draw.uniform(rMin, rMax);
      const angle = draw.uniform(0, 2 * Math.PI);
      const x = r * Math.sin(angle);
      const y = r * Math.cos(angle);
      const nx = x + draw.uniform(-radius, radius) * noise;
      const ny = y + draw.uniform(-radius, radius) * noise;
      points.add(x, y, Math.hypot(nx, ny) < radius * 0.5 ? 1 : 0);
    }
  }
}

/** Label 1 where x·y ≥ 0 (first and third quadrants), read at a noisy copy of the point. */
function xor(points: Points, samples: number, noise: number, draw: Draw): void {
  const padding = 0.3; // keeps points off the axes, where the label flips
  for (let i = 0; i < samples; i++) {
    let x = draw.uniform(-5, 5);
    x += x > 0 ? padding : -padding;
    let y = draw.uniform(-5, 5);
    y += y > 0 ? padding : -padding;
    const nx = x + draw.uniform(-5, 5) * noise;
    const ny = y + draw.uniform(-5, 5) * noise;
    points.add(x, y, nx * ny >= 0 ? 1 : 0);
  }
}

/**
 * One Gaussian blob per class on a circle; for two classes at (2, 2) and (−2, −2) as in the
 * Playground, for more spread so neighbouring centres stay 4 apart, up to radius 4 (7 and 8
 * classes sit 3.1 apart), so the blobs stay inside the plane. Variance 0.5 + 7·noise
 * extends the Playground's map of noise 0–0.5 onto variance 0.5–4.
 */
function gaussians(
  points: Points,
  samples: number,
  noise: number,
  classes: number,
  draw: Draw,
): void {
  const centreRadius = Math.min(4, Math.max(2 * Math.SQRT2, 2 / Math.sin(Math.PI / classes)));
  const std = Math.sqrt(0.5 + 7 * noise);
  for (let k = 0; k < classes; k++) {
    const angle = Math.PI / 4 + (2 * Math.PI * k) / classes;
    const cx = centreRadius * Math.cos(angle);
    const cy = centreRadius * Math.sin(angle);
    for (let i = 0; i < perClass(samples, classes, k); i++) {
      points.add(draw.normal(cx, std), draw.normal(cy, std), k);
    }
  }
}

/** Interleaved arms turning 1.75 times out to radius 5, arm k rotated by 2πk/classes. */
function spiral(points: Points, samples: number, noise: number, classes: number, draw: Draw): void {
  for (let k = 0; k < classes; k++) {
    const n = perClass(samples, classes, k);
    const turn = (2 * Math.PI * k) / classes;
    for (let i = 0; i < n; i++) {
      const r = (i / n) * 5;
      const t = 1.75 * (i / n) * 2 * Math.PI + turn;
      const x = r * Math.sin(t) + draw.uniform(-1, 1) * noise;
      const y = r * Math.cos(t) + draw.uniform(-1, 1) * noise;
      points.add(x, y, k);
    }
  }
}

/** A point's target in [−1, 1], as a function of where it is in the ±6 plane. */
type Surface = (x: number, y: number) => number;

/** TF Playground's plane: rises from −1 at (−5, −5) to 1 at (5, 5). */
const plane: Surface = (x, y) => (x + y) / 10;

/** sin(0.6x)·cos(0.6y): a 2 × 3 chequer of smooth hills and hollows over ±5. */
const waves: Surface = (x, y) => Math.sin(0.6 * x) * Math.cos(0.6 * y);

/** Six bumps up and down in a 3 × 2 grid, as TF Playground's "multi Gaussian" (smooth here). */
const BUMPS = [
  [-4, 2.5, 1],
  [0, 2.5, -1],
  [4, 2.5, 1],
  [-4, -2.5, -1],
  [0, -2.5, 1],
  [4, -2.5, -1],
] as const;
const bumps: Surface = (x, y) => {
  let t = 0;
  for (const [cx, cy, sign] of BUMPS) t += sign * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / 2);
  return t;
};

const surfaces: Record<ToyRegressionKind, Surface> = { plane, waves, bumps };

/**
 * Uniform points over ±5; as in the Playground, noise moves where the surface is read (up to
 * ±5·noise), and the target is clipped to [−1, 1] (the plane read beyond the corners).
 */
function regression(
  points: Points,
  samples: number,
  noise: number,
  surface: Surface,
  draw: Draw,
): void {
  for (let i = 0; i < samples; i++) {
    const x = draw.uniform(-5, 5);
    const y = draw.uniform(-5, 5);
    const nx = x + draw.uniform(-5, 5) * noise;
    const ny = y + draw.uniform(-5, 5) * noise;
    points.addValue(x, y, Math.max(-1, Math.min(1, surface(nx, ny))));
  }
}

/** Whether a toy set's points carry a real-valued target rather than a class. */
export function isRegressionToy(kind: ToyDatasetKind): kind is ToyRegressionKind {
  return (toyRegressionKinds as readonly string[]).includes(kind);
}

function classNames(spec: ToyDataSpec, classes: number): string[] {
  if (spec.kind === 'circle') return ['outside', 'inside'];
  if (spec.kind === 'xor') return ['different signs', 'same sign'];
  return Array.from({ length: classes }, (_, k) => String.fromCharCode(65 + k)); // A, B, ...
}

function split(
  points: Points,
  order: Int32Array,
  from: number,
  to: number,
  withTargets: boolean,
): DataSplit {
  const count = to - from;
  const inputs = new Float32Array(2 * count);
  const labels = new Int32Array(count);
  const targets = new Float32Array(withTargets ? count : 0);
  for (let i = 0; i < count; i++) {
    const src = order[from + i];
    inputs[2 * i] = points.xy[2 * src];
    inputs[2 * i + 1] = points.xy[2 * src + 1];
    labels[i] = points.labels[src];
    if (withTargets) targets[i] = points.targets[src];
  }
  return withTargets ? { inputs, labels, targets, count } : { inputs, labels, count };
}

/** Circle and xor are two-class by nature; gaussians and spiral take `classes`; regression sets have none. */
export function toyClassCount(spec: ToyDataSpec): number {
  if (isRegressionToy(spec.kind)) return 0;
  return spec.kind === 'circle' || spec.kind === 'xor' ? 2 : spec.classes;
}

/** Points in the training split (the rest are the test split); each split has at least one. */
export function toyTrainCount(spec: ToyDataSpec): number {
  return Math.min(spec.samples - 1, Math.max(1, Math.round(spec.samples * spec.trainFraction)));
}

/** The toy set a spec describes; the same spec and seed always give the same points. */
export function makeToyDataset(spec: ToyDataSpec, seed: number): Dataset {
  const { kind, samples, noise } = spec;
  const classes = toyClassCount(spec);
  const draw = new Draw(seed);
  const points = new Points(samples);
  const regressing = isRegressionToy(kind);
  if (regressing) regression(points, samples, noise, surfaces[kind], draw);
  else if (kind === 'circle') circle(points, samples, noise, draw);
  else if (kind === 'xor') xor(points, samples, noise, draw);
  else if (kind === 'gaussians') gaussians(points, samples, noise, classes, draw);
  else spiral(points, samples, noise, classes, draw);

  // Shuffle before splitting, or the test split would hold only the last classes.
  const order = Int32Array.from({ length: samples }, (_, i) => i);
  draw.shuffle(order);
  const trainCount = toyTrainCount(spec);
  return {
    name: `toy:${kind}`,
    sampleShape: [2],
    classes,
    classNames: regressing ? [] : classNames(spec, classes),
    ...(regressing ? { targetSize: 1 } : {}),
    train: split(points, order, 0, trainCount, regressing),
    test: split(points, order, trainCount, samples, regressing),
  };
}
