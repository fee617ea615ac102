// TensorFlow.js on the benchmark's models, trained the way a tfjs user trains: a tf.sequential
// model, tf.train.adam(1e-3), optimizer.minimize over softmax cross-entropy. Shared by the Node
// bench (bench/tfjsEngine.ts) and the browser bench page, so it imports nothing from Node.
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../src/engine/data/dataset';
import { BatchSampler, normalizeImages } from './batches';
import type { BenchModel, MnistBenchOptions, BenchResult } from './record';

/** Glorot uniform, U(±√(6/(fanIn+fanOut))), as the templates' 'glorot' init; zero biases. */
function glorot(seed: number) {
  return tf.initializers.glorotUniform({ seed });
}

export function buildModel(model: BenchModel, seed: number): tf.Sequential {
  const m = tf.sequential();
  if (model === 'mlp') {
    m.add(
      tf.layers.dense({
        inputShape: [784],
        units: 128,
        activation: 'relu',
        kernelInitializer: glorot(seed),
      }),
    );
    m.add(tf.layers.dense({ units: 10, kernelInitializer: glorot(seed + 1) }));
    return m;
  }
  // Channels-last: the only layout every tfjs backend trains convolutions in.
  m.add(
    tf.layers.conv2d({
      inputShape: [28, 28, 1],
      filters: 6,
      kernelSize: 5,
      activation: 'relu',
      kernelInitializer: glorot(seed),
    }),
  );
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(
    tf.layers.conv2d({
      filters: 16,
      kernelSize: 5,
      activation: 'relu',
      kernelInitializer: glorot(seed + 1),
    }),
  );
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 120, activation: 'relu', kernelInitializer: glorot(seed + 2) }));
  m.add(tf.layers.dense({ units: 84, activation: 'relu', kernelInitializer: glorot(seed + 3) }));
  m.add(tf.layers.dense({ units: 10, kernelInitializer: glorot(seed + 4) }));
  return m;
}

export function inputShape(model: BenchModel, batch: number): number[] {
  return model === 'mlp' ? [batch, 784] : [batch, 28, 28, 1];
}

/** Accuracy on the whole test split, in chunks so the activations stay small. */
export async function testAccuracy(
  m: tf.Sequential,
  model: BenchModel,
  data: Dataset,
): Promise<number> {
  const chunk = 1000;
  const x = new Float32Array(chunk * 784);
  let correct = 0;
  for (let first = 0; first < data.test.count; first += chunk) {
    const n = Math.min(chunk, data.test.count - first);
    normalizeImages(data.test.inputs, null, first, n, 784, x);
    const classes = tf.tidy(() => {
      const logits = m.predict(
        tf.tensor(x.subarray(0, n * 784), inputShape(model, n)),
      ) as tf.Tensor;
      return logits.argMax(-1);
    });
    const predicted = await classes.data();
    classes.dispose();
    for (let i = 0; i < n; i++) if (predicted[i] === data.test.labels[first + i]) correct++;
  }
  return correct / data.test.count;
}

export interface TfjsTiming {
  /** Read the loss back every this many steps (and at the end of every phase). */
  readEvery: number;
  /**
   * Where the firstStepMs clock starts: before building the model (the Node bench: data in
   * memory to the first step) or after it, at the train command (the browser bench).
   */
  clockFrom: 'build' | 'train';
}

/** Train `opts.model` on tfjs's current backend; throws if the backend cannot train it. */
export async function trainTfjs(
  data: Dataset,
  opts: MnistBenchOptions,
  backendInitMs: number,
  timing: TfjsTiming,
): Promise<BenchResult> {
  const sampler = new BatchSampler(data, opts.batch, opts.seed);
  const shape = inputShape(opts.model, opts.batch);
  let t0 = performance.now();
  const m = buildModel(opts.model, opts.seed);
  const optimizer = tf.train.adam(1e-3);
  if (timing.clockFrom === 'train') t0 = performance.now();
  let lastLoss = NaN;
  let stepsDone = 0;

  const step = (): tf.Scalar => {
    sampler.next();
    return tf.tidy(() => {
      // tf.tensor keeps a reference to the sampler's array on the cpu backend (the GPU backends
      // upload it when the first op uses it): it is only refilled after this tidy has disposed
      // the tensor.
      const xs = tf.tensor(sampler.x, shape);
      const ys = tf.oneHot(tf.tensor1d(sampler.y, 'int32'), 10);
      const loss = optimizer.minimize(
        () => tf.losses.softmaxCrossEntropy(ys, m.apply(xs, { training: true }) as tf.Tensor),
        true,
      );
      if (!loss) throw new Error('optimizer.minimize returned no loss');
      return loss;
    });
  };

  /** n steps; the loss is read back every readEvery steps and after the last one, so every
   * phase ends with its work finished. */
  const train = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) {
      const loss = step();
      stepsDone++;
      try {
        if (i === n - 1 || stepsDone % timing.readEvery === 0) lastLoss = (await loss.data())[0];
      } finally {
        loss.dispose();
      }
    }
  };

  try {
    return await timePhases(
      opts,
      t0,
      backendInitMs,
      train,
      () => lastLoss,
      () => (opts.evaluate ? testAccuracy(m, opts.model, data) : Promise.resolve(null)),
    );
  } finally {
    m.dispose();
    optimizer.dispose();
  }
}

/**
 * The phases every tfjs bench times the same way: one step (from `t0`: firstStepMs), the rest
 * of the warm-up, then `steps` timed steps; a missing kernel becomes "cannot train this model".
 */
export async function timePhases(
  opts: { warmup: number; steps: number; batch: number },
  t0: number,
  backendInitMs: number,
  train: (n: number) => Promise<void>,
  lastLoss: () => number,
  accuracy: () => Promise<number | null> = () => Promise.resolve(null),
): Promise<BenchResult> {
  try {
    await train(1);
    const firstStepMs = performance.now() - t0;
    await train(opts.warmup - 1);
    const t1 = performance.now();
    await train(opts.steps);
    const seconds = (performance.now() - t1) / 1000;
    if (!Number.isFinite(lastLoss())) throw new Error(`training diverged: loss ${lastLoss()}`);
    return {
      samplesPerSec: (opts.steps * opts.batch) / seconds,
      msPerStep: (seconds * 1000) / opts.steps,
      firstStepMs,
      backendInitMs,
      testAccuracy: await accuracy(),
      finalLoss: lastLoss(),
    };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const missing = /Kernel '(\w+)' not registered for backend '(\w+)'/.exec(message);
    if (missing)
      throw new Error(
        `tfjs '${missing[2]}' has no ${missing[1]} kernel, so it cannot train this model`,
      );
    throw e;
  }
}
