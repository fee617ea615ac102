// Conformance cases: minibatch gather from byte and f32 data sets, and seeded random fills.
import type { ConformanceCase } from './runner';
import { randomArray, randomInts } from './runner';

function bytes(n: number, seed: number): Uint8Array {
  return Uint8Array.from(randomInts(n, 256, seed));
}

export const dataCases: ConformanceCase[] = [
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
    // GPU log and cos are accurate to a few ulps; near u = 1 the logarithm magnifies that.
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
