// Times LeNet-5's two convolutions (forward + backward) on the CPU backend at batch 64, and the
// same two layers in TensorFlow.js's cpu backend for scale. Not a test: run
//   npx tsx bench/conv.ts
// and read the milliseconds per call.
import * as tf from '@tensorflow/tfjs';
import type { WindowGeometry } from '../src/engine/backend/backend';
import { CpuBackend } from '../src/engine/backend/cpu/cpuBackend';
import { f32 } from '../src/engine/backend/cpu/cpuBuffer';

const batch = 64;
const warmup = 5;
const runs = 30;

interface Layer {
  name: string;
  geom: WindowGeometry;
  /** The first layer's input is the data: no gradient, so no backward-data pass. */
  needsInputGrad: boolean;
}

const layers: Layer[] = [
  {
    name: 'conv1 6@5×5 on 1×28×28',
    geom: {
      batch,
      inC: 1,
      inH: 28,
      inW: 28,
      outC: 6,
      outH: 24,
      outW: 24,
      kH: 5,
      kW: 5,
      stride: 1,
      pad: 0,
    },
    needsInputGrad: false,
  },
  {
    name: 'conv2 16@5×5 on 6×12×12',
    geom: {
      batch,
      inC: 6,
      inH: 12,
      inW: 12,
      outC: 16,
      outH: 8,
      outW: 8,
      kH: 5,
      kW: 5,
      stride: 1,
      pad: 0,
    },
    needsInputGrad: true,
  },
];

function time(run: () => void): number {
  for (let i = 0; i < warmup; i++) run();
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) run();
  return (performance.now() - t0) / runs;
}

function randomize(a: Float32Array): void {
  for (let i = 0; i < a.length; i++) a[i] = Math.random() - 0.5;
}

function benchOurs(layer: Layer): { forward: number; filter: number; data: number } {
  const g = layer.geom;
  const be = new CpuBackend();
  const x = be.alloc(g.batch * g.inC * g.inH * g.inW, 'f32', 'x');
  const w = be.alloc(g.outC * g.inC * g.kH * g.kW, 'f32', 'w');
  const b = be.alloc(g.outC, 'f32', 'b');
  const y = be.alloc(g.batch * g.outC * g.outH * g.outW, 'f32', 'y');
  const dy = be.alloc(y.size, 'f32', 'dy');
  const dx = be.alloc(x.size, 'f32', 'dx');
  const dw = be.alloc(w.size, 'f32', 'dw');
  const db = be.alloc(b.size, 'f32', 'db');
  for (const buf of [x, w, b, dy]) randomize(f32(buf));
  const fwd = { geom: g, x, w, b, y };
  const bwdFilter = { geom: g, x, dy, dw, db, accumulate: false };
  const bwdData = { geom: g, dy, w, dx, accumulate: false };
  return {
    forward: time(() => be.conv2d(fwd)),
    filter: time(() => be.conv2dBackwardFilter(bwdFilter)),
    data: layer.needsInputGrad ? time(() => be.conv2dBackwardData(bwdData)) : 0,
  };
}

/** Forward + backward of one layer in tfjs (channels-last, its native layout). */
function benchTfjs(layer: Layer): number {
  const g = layer.geom;
  const x = tf.randomUniform([g.batch, g.inH, g.inW, g.inC]) as tf.Tensor4D;
  const w = tf.randomUniform([g.kH, g.kW, g.inC, g.outC]) as tf.Tensor4D;
  const b = tf.randomUniform([g.outC]) as tf.Tensor1D;
  const dy = tf.randomUniform([g.batch, g.outH, g.outW, g.outC]) as tf.Tensor4D;
  const loss = (...args: tf.Tensor[]): tf.Scalar => {
    const [xx, ww, bb] = layer.needsInputGrad ? args : [x, ...args];
    return tf.sum(
      tf.mul(tf.add(tf.conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, g.stride, 'valid'), bb), dy),
    );
  };
  const wrt = layer.needsInputGrad ? [x, w, b] : [w, b];
  const run = (): void => {
    tf.tidy(() => {
      const { value, grads } = tf.valueAndGrads(loss)(wrt);
      // dataSync waits for the work, as a training step that reads its loss would.
      value.dataSync();
      for (const t of grads) t.dataSync();
    });
  };
  return time(run);
}

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
  let oursTotal = 0;
  let tfTotal = 0;
  console.log(
    `LeNet-5 convolutions, batch ${batch}, ms per call (mean of ${runs} after ${warmup} warm-up)`,
  );
  for (const layer of layers) {
    const ours = benchOurs(layer);
    const sum = ours.forward + ours.filter + ours.data;
    const theirs = benchTfjs(layer);
    oursTotal += sum;
    tfTotal += theirs;
    console.log(
      `${layer.name}: forward ${ours.forward.toFixed(2)}  backward-filter ${ours.filter.toFixed(2)}  ` +
        `backward-data ${layer.needsInputGrad ? ours.data.toFixed(2) : '—'}  total ${sum.toFixed(2)}  ` +
        `| tfjs cpu ${theirs.toFixed(2)}  (×${(theirs / sum).toFixed(1)})`,
    );
  }
  console.log(
    `both layers: ours ${oursTotal.toFixed(2)} ms, tfjs cpu ${tfTotal.toFixed(2)} ms (×${(tfTotal / oursTotal).toFixed(1)})`,
  );
}

void main();
