// Conformance cases: fills, activations and their derivatives (NaN and huge inputs
// included), broadcast and in-place add, x + a·y + b·z, strided block copies.
import type { UnaryOp } from '../backend';
import type { ConformanceCase } from './runner';
import { randomArray } from './runner';

const ops: UnaryOp[] = ['relu', 'leakyRelu', 'tanh', 'sigmoid', 'abs'];

/** Random values with the awkward ones mixed in: 0, ±huge, NaN. */
function awkward(n: number, seed: number): Float32Array {
  const a = randomArray(n, seed, 3);
  const special = [0, -0, 100, -100, 1e30, -1e30, NaN];
  special.forEach((v, i) => {
    if (i < n) a[i] = v;
  });
  return a;
}

export const elementwiseCases: ConformanceCase[] = [
  // 1,000 takes the vec4 kernel, 1,001 the scalar one.
  ...[1000, 1001].map((n, i): ConformanceCase => ({
    kernel: 'combine',
    name: `${n.toLocaleString('en')} values, x + 0.75·y − 2.5·z`,
    inputs: {
      x: randomArray(n, 470 + i),
      y: randomArray(n, 472 + i),
      z: randomArray(n, 474 + i),
      out: new Float32Array(n),
    },
    outputs: ['out'],
    call(backend, buf) {
      backend.combine({ x: buf.x, y: buf.y, z: buf.z, out: buf.out, a: 0.75, b: -2.5, n });
    },
  })),
  ...[1, 1000, 65_536 * 4 + 3].flatMap((n, i) =>
    (['f32', 'i32'] as const).map((dtype): ConformanceCase => ({
      kernel: 'fill',
      name: `${dtype}, ${n.toLocaleString('en')} of ${n + 5}`,
      inputs: {
        buf: dtype === 'f32' ? randomArray(n + 5, 300 + i) : new Int32Array(n + 5).fill(7),
      },
      outputs: ['buf'],
      call(backend, buf) {
        backend.fill(buf.buf, dtype === 'f32' ? -2.5 : -3, n);
      },
    })),
  ),
  {
    kernel: 'fill',
    name: 'u8, a whole buffer of 10 bytes',
    inputs: { buf: new Uint8Array(10).fill(9) },
    outputs: ['buf'],
    call(backend, buf) {
      backend.fill(buf.buf, 200);
    },
  },
  // Sizes that are multiples of 4 take the vec4 kernels, the others the scalar ones.
  ...ops.flatMap((op, i) => [
    ...[1001, 1000].map((n): ConformanceCase => ({
      kernel: 'unary',
      name: `${op}, ${n.toLocaleString('en')} values with 0, ±100, ±1e30, NaN`,
      inputs: { x: awkward(n, 400 + i), y: new Float32Array(n) },
      outputs: ['y'],
      call(backend, buf) {
        backend.unary({ op, x: buf.x, y: buf.y, n, alpha: 0.1 });
      },
    })),
    {
      kernel: 'unary',
      name: `${op}, in place, 36 values`,
      inputs: { x: awkward(36, 415 + i) },
      outputs: ['x'],
      call(backend, buf) {
        backend.unary({ op, x: buf.x, y: buf.x, n: 36, alpha: 0.2 });
      },
    } satisfies ConformanceCase,
    {
      kernel: 'unary',
      name: `${op}, in place`,
      inputs: { x: awkward(37, 410 + i) },
      outputs: ['x'],
      call(backend, buf) {
        backend.unary({ op, x: buf.x, y: buf.x, n: 37, alpha: 0.2 });
      },
    } satisfies ConformanceCase,
    ...[false, true].map((accumulate): ConformanceCase => ({
      kernel: 'unaryBackward',
      name: `${op}, 999 values${accumulate ? ', accumulate' : ''}`,
      inputs: {
        x: randomArray(999, 420 + i, 2),
        y: new Float32Array(999),
        dy: randomArray(999, 430 + i),
        dx: randomArray(999, 440 + i),
      },
      outputs: ['dx'],
      call(backend, buf) {
        const p = { op, x: buf.x, y: buf.y, n: 999, alpha: 0.1 };
        backend.unary(p);
        backend.unaryBackward({ ...p, dy: buf.dy, dx: buf.dx, accumulate });
      },
    })),
  ]),
  ...[
    { n: 1, bSize: 1 },
    { n: 770, bSize: 770 },
    { n: 770, bSize: 10 },
    { n: 96, bSize: 1 },
    { n: 768, bSize: 12 },
  ].map(({ n, bSize }, i): ConformanceCase => ({
    kernel: 'add',
    name: `${n} values, b of ${bSize}`,
    inputs: {
      a: randomArray(n, 500 + i),
      b: randomArray(bSize, 510 + i),
      out: new Float32Array(n),
    },
    outputs: ['out'],
    call(backend, buf) {
      backend.add({ a: buf.a, b: buf.b, out: buf.out, n, bSize });
    },
  })),
  {
    kernel: 'add',
    name: 'in place (out = a), b of 8',
    inputs: { a: randomArray(72, 522), b: randomArray(8, 523) },
    outputs: ['a'],
    call(backend, buf) {
      backend.add({ a: buf.a, b: buf.b, out: buf.a, n: 72, bSize: 8 });
    },
  },
  {
    kernel: 'add',
    name: 'in place (out = a), b of 7',
    inputs: { a: randomArray(70, 520), b: randomArray(7, 521) },
    outputs: ['a'],
    call(backend, buf) {
      backend.add({ a: buf.a, b: buf.b, out: buf.a, n: 70, bSize: 7 });
    },
  },
  ...[false, true].map((accumulate): ConformanceCase => ({
    kernel: 'copyBlocks',
    name: `5 blocks of 7, strided and offset${accumulate ? ', accumulate' : ''}`,
    inputs: { src: randomArray(60, 530), dst: randomArray(80, 531) },
    outputs: ['dst'],
    call(backend, buf) {
      backend.copyBlocks({
        src: buf.src,
        dst: buf.dst,
        blocks: 5,
        blockSize: 7,
        srcOffset: 3,
        srcStride: 11,
        dstOffset: 2,
        dstStride: 15,
        accumulate,
      });
    },
  })),
  ...[false, true].map((accumulate): ConformanceCase => ({
    kernel: 'copyBlocks',
    name: `6 blocks of 8, strides and offsets of whole vec4s${accumulate ? ', accumulate' : ''}`,
    inputs: { src: randomArray(80, 532), dst: randomArray(100, 533) },
    outputs: ['dst'],
    call(backend, buf) {
      backend.copyBlocks({
        src: buf.src,
        dst: buf.dst,
        blocks: 6,
        blockSize: 8,
        srcOffset: 4,
        srcStride: 12,
        dstOffset: 8,
        dstStride: 16,
        accumulate,
      });
    },
  })),
];
