// Conformance cases: dropout (the mask bit for bit, and its backward pass) and batch
// normalisation in training and evaluation, dense and convolutional, forward and backward.
import type { Backend, DeviceBuffer } from '../backend';
import type { ConformanceCase } from './runner';
import { randomArray } from './runner';

function batchNormCase(
  batch: number,
  channels: number,
  spatial: number,
  seed: number,
): ConformanceCase[] {
  const n = batch * channels * spatial;
  const inputs = () => ({
    x: randomArray(n, seed, 2),
    y: new Float32Array(n),
    gamma: randomArray(channels, seed + 1),
    beta: randomArray(channels, seed + 2),
    runningMean: randomArray(channels, seed + 3),
    runningVar: new Float32Array(channels).fill(1.5),
    savedMean: new Float32Array(channels),
    savedInvStd: new Float32Array(channels),
  });
  const label = `${batch}×${channels}×${spatial}`;
  /** Forward (training or evaluation), then backward through it, on the case's buffers. */
  const forwardThenBackward =
    (training: boolean, backward: { accumulate: boolean; frozen?: boolean }) =>
    (backend: Backend, b: Record<string, DeviceBuffer>) => {
      const common = {
        x: b.x,
        gamma: b.gamma,
        savedMean: b.savedMean,
        savedInvStd: b.savedInvStd,
        batch,
        channels,
        spatial,
      };
      backend.batchNorm({
        ...common,
        y: b.y,
        beta: b.beta,
        runningMean: b.runningMean,
        runningVar: b.runningVar,
        eps: 1e-5,
        momentum: 0.1,
        training,
      });
      backend.batchNormBackward({
        ...common,
        dy: b.dy,
        dx: b.dx,
        dGamma: b.dGamma,
        dBeta: b.dBeta,
        ...backward,
      });
    };
  return [
    {
      kernel: 'batchNorm',
      name: `training, ${label}, running statistics after two steps`,
      inputs: inputs(),
      outputs: ['y', 'runningMean', 'runningVar', 'savedMean', 'savedInvStd'],
      call(backend, b) {
        const p = {
          x: b.x,
          y: b.y,
          gamma: b.gamma,
          beta: b.beta,
          runningMean: b.runningMean,
          runningVar: b.runningVar,
          savedMean: b.savedMean,
          savedInvStd: b.savedInvStd,
          batch,
          channels,
          spatial,
          eps: 1e-5,
          momentum: 0.1,
          training: true,
        };
        backend.batchNorm(p);
        backend.batchNorm(p);
      },
    },
    {
      kernel: 'batchNorm',
      name: `evaluation, ${label}`,
      inputs: inputs(),
      outputs: ['y'],
      call(backend, b) {
        backend.batchNorm({
          x: b.x,
          y: b.y,
          gamma: b.gamma,
          beta: b.beta,
          runningMean: b.runningMean,
          runningVar: b.runningVar,
          savedMean: b.savedMean,
          savedInvStd: b.savedInvStd,
          batch,
          channels,
          spatial,
          eps: 1e-3,
          momentum: 0.1,
          training: false,
        });
      },
    },
    {
      kernel: 'batchNormBackward',
      name: `${label}, through the running statistics (evaluation, frozen)`,
      inputs: {
        ...inputs(),
        dy: randomArray(n, seed + 7),
        dx: new Float32Array(n),
        dGamma: new Float32Array(channels),
        dBeta: new Float32Array(channels),
      },
      outputs: ['dx', 'dGamma', 'dBeta', 'savedMean', 'savedInvStd'],
      call: forwardThenBackward(false, { accumulate: false, frozen: true }),
    },
    {
      kernel: 'batchNormBackward',
      name: `${label}, accumulate`,
      inputs: {
        ...inputs(),
        dy: randomArray(n, seed + 5),
        dx: randomArray(n, seed + 6),
        dGamma: new Float32Array(channels),
        dBeta: new Float32Array(channels),
      },
      outputs: ['dx', 'dGamma', 'dBeta'],
      call: forwardThenBackward(true, { accumulate: true }),
    },
  ];
}

export const regularizeCases: ConformanceCase[] = [
  ...[
    { n: 1000, p: 0.5, counter: 0 },
    { n: 4099, p: 0.1, counter: 123_456 },
    { n: 17, p: 0.9, counter: 4_294_967_000 },
  ].map(({ n, p, counter }, i): ConformanceCase => ({
    kernel: 'dropout',
    name: `${n} values, p = ${p}, counter ${counter}: identical mask bits`,
    inputs: { x: randomArray(n, 800 + i), y: new Float32Array(n), mask: new Float32Array(n) },
    outputs: ['y', 'mask'],
    tolerance: 0,
    call(backend, b) {
      backend.dropout({ x: b.x, y: b.y, mask: b.mask, n, p, seed: 42 + i, counter });
    },
  })),
  ...[513, 512].map((n): ConformanceCase => ({
    kernel: 'dropoutBackward',
    name: `${n} values, accumulate`,
    inputs: {
      x: randomArray(n, 810),
      y: new Float32Array(n),
      mask: new Float32Array(n),
      dy: randomArray(n, 811),
      dx: randomArray(n, 812),
    },
    outputs: ['dx'],
    call(backend, b) {
      backend.dropout({ x: b.x, y: b.y, mask: b.mask, n, p: 0.3, seed: 5, counter: 9 });
      backend.dropoutBackward({ dy: b.dy, mask: b.mask, dx: b.dx, n, accumulate: true });
    },
  })),
  ...batchNormCase(64, 10, 1, 820),
  ...batchNormCase(7, 3, 25, 840),
  ...batchNormCase(2, 5, 300, 860),
];
