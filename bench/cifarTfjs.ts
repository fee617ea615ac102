// The small VGG of the cifarVgg template in TensorFlow.js, trained the way a tfjs user trains it
// (tf.sequential, tf.train.adam(1e-3), optimizer.minimize over softmax cross-entropy), on CIFAR-10
// batches prepared as our trainer prepares them: a seeded shuffle per epoch, per-channel
// (x − mean)/std, a random crop from the image padded by 4 and a random left–right mirror.
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../src/engine/data/dataset';
import { RandomStream, SeededRandom } from '../src/engine/rng';
import type { BenchResult } from './record';
import { timePhases } from './tfjsModel';

const SIDE = 32;
const CHANNELS = 3;
const PLANE = SIDE * SIDE;
const ROW = CHANNELS * PLANE;

/** Minibatches of CIFAR-10, channels-last (tfjs's convolution layout), augmented. */
export class CifarBatches {
  readonly x: Float32Array;
  readonly y: Int32Array;
  private readonly order: Int32Array;
  private readonly random: SeededRandom;
  private cursor: number;
  private readonly scale: number[];
  private readonly shift: number[];

  constructor(
    private readonly data: Dataset,
    readonly batch: number,
    seed: number,
    private readonly pad = 4,
  ) {
    this.x = new Float32Array(batch * ROW);
    this.y = new Int32Array(batch);
    this.order = new Int32Array(data.train.count);
    this.random = new SeededRandom(seed, RandomStream.shuffle);
    this.cursor = this.order.length;
    const stats = data.channelStats ?? { mean: [0, 0, 0], std: [255, 255, 255] };
    this.scale = stats.std.map((s) => 1 / s);
    this.shift = stats.mean.map((m, c) => -m / stats.std[c]);
  }

  next(): void {
    if (this.cursor + this.batch > this.order.length) {
      for (let i = 0; i < this.order.length; i++) this.order[i] = i;
      this.random.shuffle(this.order);
      this.cursor = 0;
    }
    const { pad, x } = this;
    const pixels = this.data.train.inputs;
    for (let i = 0; i < this.batch; i++) {
      const sample = this.order[this.cursor + i];
      this.y[i] = this.data.train.labels[sample];
      const dy = Math.floor(this.random.uniform() * (2 * pad + 1)) - pad;
      const dx = Math.floor(this.random.uniform() * (2 * pad + 1)) - pad;
      const mirror = this.random.uniform() < 0.5;
      const src = sample * ROW;
      for (let r = 0; r < SIDE; r++) {
        for (let col = 0; col < SIDE; col++) {
          const sr = r + dy;
          const sc = (mirror ? SIDE - 1 - col : col) + dx;
          const inside = sr >= 0 && sr < SIDE && sc >= 0 && sc < SIDE;
          const dst = ((i * SIDE + r) * SIDE + col) * CHANNELS;
          for (let c = 0; c < CHANNELS; c++) {
            // Zero padding in the normalised space, as the gather kernel pads.
            x[dst + c] = inside
              ? pixels[src + c * PLANE + sr * SIDE + sc] * this.scale[c] + this.shift[c]
              : 0;
          }
        }
      }
    }
    this.cursor += this.batch;
  }
}

/** conv 3×3 (same, no bias) → batch norm → ReLU, for 32-32-pool-64-64-pool-128-pool, dropout, dense. */
export function buildCifarVgg(seed: number): tf.Sequential {
  const m = tf.sequential();
  let s = seed;
  const block = (filters: number, first = false) => {
    m.add(
      tf.layers.conv2d({
        ...(first ? { inputShape: [SIDE, SIDE, CHANNELS] } : {}),
        filters,
        kernelSize: 3,
        padding: 'same',
        useBias: false,
        // U(±1/√fanIn), as the template's convolutions: variance scaling by 1/3, uniform.
        kernelInitializer: tf.initializers.varianceScaling({
          scale: 1 / 3,
          mode: 'fanIn',
          distribution: 'uniform',
          seed: s++,
        }),
      }),
    );
    // tfjs's momentum is the running average's decay: 0.9 is our (PyTorch's) 0.1.
    m.add(tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 }));
    m.add(tf.layers.reLU());
  };
  block(32, true);
  block(32);
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  block(64);
  block(64);
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  block(128);
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dropout({ rate: 0.5 }));
  m.add(
    tf.layers.dense({ units: 10, kernelInitializer: tf.initializers.glorotUniform({ seed: s }) }),
  );
  return m;
}

/** `warmup` then `steps` timed steps of the VGG on tfjs's current backend, the loss read each step. */
export async function trainTfjsCifar(
  data: Dataset,
  opts: { batch: number; warmup: number; steps: number; seed: number },
  backendInitMs: number,
): Promise<BenchResult> {
  const batches = new CifarBatches(data, opts.batch, opts.seed);
  const t0 = performance.now();
  const m = buildCifarVgg(opts.seed);
  const optimizer = tf.train.adam(1e-3);
  let lastLoss = NaN;
  const train = async (n: number) => {
    for (let i = 0; i < n; i++) {
      batches.next();
      const loss = tf.tidy(() => {
        const xs = tf.tensor(batches.x, [opts.batch, SIDE, SIDE, CHANNELS]);
        const ys = tf.oneHot(tf.tensor1d(batches.y, 'int32'), 10);
        const l = optimizer.minimize(
          () => tf.losses.softmaxCrossEntropy(ys, m.apply(xs, { training: true }) as tf.Tensor),
          true,
        );
        if (!l) throw new Error('optimizer.minimize returned no loss');
        return l;
      });
      try {
        lastLoss = (await loss.data())[0];
      } finally {
        loss.dispose();
      }
    }
  };
  try {
    return await timePhases(opts, t0, backendInitMs, train, () => lastLoss);
  } finally {
    m.dispose();
    optimizer.dispose();
  }
}
