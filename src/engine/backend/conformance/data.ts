// Conformance cases: minibatch gather from byte and f32 data sets, the image gather with
// per-channel normalisation and augmentation, and seeded random fills.
import type { ConformanceCase } from './runner';
import { randomArray, randomInts } from './runner';

function bytes(n: number, seed: number): Uint8Array {
  return Uint8Array.from(randomInts(n, 256, seed));
}

/** Image gathers: colour and grey, plain (evaluation) and augmented with every crop and mirror. */
const imageGatherCases: ConformanceCase[] = (
  [
    ['colour 3×32×32, per-channel normalised, no augmentation', 3, 32, 32, 0, false, 0],
    ['colour 3×32×32, crop with padding 4 and mirror', 3, 32, 32, 4, true, 17],
    ['grey 1×7×5 (odd sizes), crop with padding 2, no mirror', 1, 7, 5, 2, false, 3],
    ['four channels 4×6×6, mirror only, a draw past 2³² / batch', 4, 6, 6, 0, true, 90_000_000],
  ] as const
).map(([name, channels, height, width, pad, flip, draw], k) => {
  const rowSize = channels * height * width;
  const scale = [0.02, 0.018, 0.021, 0.5].slice(0, channels);
  const shift = [-1.9, -2, -1.7, 0.25].slice(0, channels);
  return {
    kernel: 'gatherImages',
    name,
    inputs: {
      src: bytes(20 * rowSize, 1200 + k),
      labels: randomInts(20, 10, 1210 + k),
      indices: randomInts(48, 20, 1220 + k),
      out: new Float32Array(24 * rowSize),
      labelsOut: new Int32Array(24),
    },
    outputs: ['out', 'labelsOut'],
    call(backend, b) {
      backend.gatherImages({
        src: b.src,
        labels: b.labels,
        indices: b.indices,
        offset: 5,
        batch: 24,
        channels,
        height,
        width,
        out: b.out,
        labelsOut: b.labelsOut,
        scale,
        shift,
        pad,
        flip,
        seed: 77,
        draw,
      });
    },
  } satisfies ConformanceCase;
});

export const dataCases: ConformanceCase[] = [
  ...imageGatherCases,
  {
    kernel: 'gather',
    name: 'bytes, rows of 785 (not a multiple of 4), normalised, with labels',
    inputs: {
      src: bytes(40 * 785, 1100),
      labels: randomInts(40, 10, 1101),
      indices: randomInts(96, 40, 1102),
      out: new Float32Array(32 * 785),
      labelsOut: new Int32Array(32),
    },
    outputs: ['out', 'labelsOut'],
    call(backend, b) {
      backend.gather({
        src: b.src,
        labels: b.labels,
        indices: b.indices,
        offset: 33,
        batch: 32,
        rowSize: 785,
        out: b.out,
        labelsOut: b.labelsOut,
        scale: 1 / 255 / 0.3081,
        shift: -0.1307 / 0.3081,
      });
    },
  },
  {
    kernel: 'gather',
    name: 'bytes, rows of 784 (four pixels a word), normalised, with labels',
    inputs: {
      src: bytes(40 * 784, 1105),
      labels: randomInts(40, 10, 1106),
      indices: randomInts(96, 40, 1107),
      out: new Float32Array(32 * 784),
      labelsOut: new Int32Array(32),
    },
    outputs: ['out', 'labelsOut'],
    call(backend, b) {
      backend.gather({
        src: b.src,
        labels: b.labels,
        indices: b.indices,
        offset: 7,
        batch: 32,
        rowSize: 784,
        out: b.out,
        labelsOut: b.labelsOut,
        scale: 1 / 255 / 0.3081,
        shift: -0.1307 / 0.3081,
      });
    },
  },
  {
    kernel: 'gather',
    name: 'f32 rows of 8, no labels',
    inputs: {
      src: randomArray(8 * 50, 1112),
      indices: randomInts(64, 50, 1113),
      out: new Float32Array(8 * 64),
    },
    outputs: ['out'],
    call(backend, b) {
      backend.gather({
        src: b.src,
        labels: null,
        indices: b.indices,
        offset: 0,
        batch: 64,
        rowSize: 8,
        out: b.out,
        labelsOut: null,
        scale: 2,
        shift: -1,
      });
    },
  },
  {
    kernel: 'gather',
    name: 'f32 rows of 2, no labels',
    inputs: {
      src: randomArray(2 * 500, 1110),
      indices: randomInts(64, 500, 1111),
      out: new Float32Array(2 * 64),
    },
    outputs: ['out'],
    call(backend, b) {
      backend.gather({
        src: b.src,
        labels: null,
        indices: b.indices,
        offset: 0,
        batch: 64,
        rowSize: 2,
        out: b.out,
        labelsOut: null,
        scale: 1,
        shift: 0,
      });
    },
  },
  {
    kernel: 'randomFill',
    // The draws are identical bits; the affine map is f64 on the CPU and f32 on a GPU.
    name: 'uniform on [−0.3, 0.5), 10,007 values',
    inputs: { buf: new Float32Array(10_007) },
    outputs: ['buf'],
    tolerance: 1e-6,
    call(backend, b) {
      backend.randomFill({
        buf: b.buf,
        n: 10_007,
        distribution: 'uniform',
        a: -0.3,
        b: 0.5,
        seed: 77,
        counter: 1000,
      });
    },
  },
  {
    kernel: 'randomFill',
    name: 'normal N(0.1, 0.05²), 10,007 values',
    inputs: { buf: new Float32Array(10_007) },
    outputs: ['buf'],
    // Not bit for bit: log and sqrt are the GPU's own, a few ulps off, and our cos is within 4e-7.
    tolerance: 1e-6,
    call(backend, b) {
      backend.randomFill({
        buf: b.buf,
        n: 10_007,
        distribution: 'normal',
        a: 0.1,
        b: 0.05,
        seed: 78,
        counter: 0,
      });
    },
  },
];
