// Conformance cases: matmul (every transpose, edges that are no multiple of any tile,
// degenerate 1×N and N×1, accumulate, the fused bias + ReLU epilogue) and sumRows.
import type { ConformanceCase } from './runner';
import { randomArray } from './runner';

interface Shape {
  m: number;
  n: number;
  k: number;
}

const shapes: Shape[] = [
  { m: 1, n: 1, k: 1 },
  { m: 1, n: 37, k: 5 },
  { m: 37, n: 1, k: 5 },
  { m: 33, n: 17, k: 5 },
  { m: 5, n: 6, k: 130 },
  { m: 65, n: 70, k: 3 },
  { m: 64, n: 128, k: 784 },
  // Multiples of 4 take the vec4 kernel: the smallest, and one with a partial tile.
  { m: 4, n: 4, k: 4 },
  { m: 36, n: 44, k: 20 },
  // Not multiples of 4 and past the small-product kernel's limit: the scalar blocked kernel.
  { m: 101, n: 103, k: 111 },
];

const transposes = [
  { transA: false, transB: false, op: 'A·B' },
  { transA: false, transB: true, op: 'A·Bᵀ' },
  { transA: true, transB: false, op: 'Aᵀ·B' },
  { transA: true, transB: true, op: 'Aᵀ·Bᵀ' },
];

function matmulCase(
  s: Shape,
  t: (typeof transposes)[number],
  epilogue: { accumulate: boolean; bias: boolean; relu: boolean },
  seed: number,
): ConformanceCase {
  const tags = [
    epilogue.accumulate ? 'accumulate' : '',
    epilogue.bias ? 'bias' : '',
    epilogue.relu ? 'relu' : '',
  ].filter(Boolean);
  return {
    kernel: 'matmul',
    name: `${t.op}, ${s.m}×${s.n}×${s.k}${tags.length ? `, ${tags.join(' + ')}` : ''}`,
    tunable: 'matmul',
    inputs: {
      a: randomArray(s.m * s.k, seed),
      b: randomArray(s.k * s.n, seed + 1),
      c: randomArray(s.m * s.n, seed + 2),
      bias: randomArray(s.n, seed + 3),
    },
    outputs: ['c'],
    call(backend, buf) {
      backend.matmul({
        a: buf.a,
        b: buf.b,
        c: buf.c,
        m: s.m,
        n: s.n,
        k: s.k,
        transA: t.transA,
        transB: t.transB,
        accumulate: epilogue.accumulate,
        bias: epilogue.bias ? buf.bias : undefined,
        activation: epilogue.relu ? 'relu' : 'none',
      });
    },
  };
}

export const linearCases: ConformanceCase[] = [
  ...shapes.flatMap((s, i) =>
    transposes.map((t, j) =>
      matmulCase(s, t, { accumulate: false, bias: false, relu: false }, 100 * i + 10 * j),
    ),
  ),
  matmulCase(shapes[3], transposes[1], { accumulate: true, bias: false, relu: false }, 900),
  matmulCase(shapes[3], transposes[0], { accumulate: false, bias: true, relu: true }, 910),
  matmulCase(shapes[6], transposes[1], { accumulate: false, bias: true, relu: true }, 920),
  matmulCase(shapes[5], transposes[2], { accumulate: true, bias: true, relu: false }, 930),
  matmulCase(shapes[8], transposes[3], { accumulate: true, bias: true, relu: true }, 940),
  ...[
    { rows: 1, cols: 1 },
    { rows: 64, cols: 10 },
    { rows: 3, cols: 300 },
  ].flatMap(({ rows, cols }, i) =>
    [false, true].map((accumulate): ConformanceCase => ({
      kernel: 'sumRows',
      name: `${rows}×${cols}${accumulate ? ', accumulate' : ''}`,
      inputs: { src: randomArray(rows * cols, 50 + i), dst: randomArray(cols, 60 + i) },
      outputs: ['dst'],
      call(backend, buf) {
        backend.sumRows({ src: buf.src, dst: buf.dst, rows, cols, accumulate });
      },
    })),
  ),
];
