// GEMM throughput of the CPU backend on the shapes that matter (a measurement, not a test):
//
//   npx tsx bench/gemm.ts          a table: GFLOP/s per shape and transpose combination
//   npx tsx bench/gemm.ts --json   the same as JSON
//
// Time is this process's CPU time, and each figure is the best of several windows, so other
// work on a busy machine does not count against the kernel. "naive" is the textbook triple
// loop (one dot product per element of C), for scale.
import { gemm } from '../src/engine/backend/cpu/matmul';

interface Shape {
  name: string;
  m: number;
  n: number;
  k: number;
  transA: boolean;
  transB: boolean;
}

const shape = (
  name: string,
  m: number,
  n: number,
  k: number,
  op: 'NN' | 'NT' | 'TN' | 'TT',
): Shape => ({
  name,
  m,
  n,
  k,
  transA: op[0] === 'T',
  transB: op[1] === 'T',
});

const shapes: Shape[] = [
  // MNIST MLP 784-128-10, batch 64: y = x·Wᵀ, dW = dYᵀ·x, dx = dY·W.
  shape('MLP fwd x·W1ᵀ', 64, 128, 784, 'NT'),
  shape('MLP dW1 = dYᵀ·x', 128, 784, 64, 'TN'),
  shape('MLP dx = dY·W1', 64, 784, 128, 'NN'),
  shape('MLP fwd h·W2ᵀ', 64, 10, 128, 'NT'),
  shape('MLP dW2 = dYᵀ·h', 10, 128, 64, 'TN'),
  shape('MLP dh = dY·W2', 64, 128, 10, 'NN'),
  // LeNet-5 by im2col over a batch of 64 (conv.ts's layouts).
  shape('conv1 fwd W·cols', 6, 64 * 576, 25, 'NN'),
  shape('conv1 dW = dY·colsᵀ', 6, 25, 64 * 576, 'NT'),
  shape('conv2 fwd W·cols', 16, 64 * 64, 150, 'NN'),
  shape('conv2 dcols = Wᵀ·dY', 150, 64 * 64, 16, 'TN'),
  shape('conv2 dW = dY·colsᵀ', 16, 150, 64 * 64, 'NT'),
  shape('square', 256, 256, 256, 'NN'),
  shape('square', 256, 256, 256, 'NT'),
  shape('square', 256, 256, 256, 'TN'),
  shape('square', 256, 256, 256, 'TT'),
  shape('odd sizes', 65, 129, 31, 'TT'),
];

type Gemm = typeof gemm;

function naiveGemm(
  a: Float32Array,
  _aOffset: number,
  b: Float32Array,
  _bOffset: number,
  c: Float32Array,
  _cOffset: number,
  m: number,
  n: number,
  k: number,
  transA: boolean,
  transB: boolean,
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++)
        s += (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
      c[i * n + j] = s;
    }
  }
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function gflops(f: Gemm, s: Shape, windows: number): number {
  const a = new Float32Array(s.m * s.k).map(() => Math.random() - 0.5);
  const b = new Float32Array(s.k * s.n).map(() => Math.random() - 0.5);
  const c = new Float32Array(s.m * s.n);
  const run = (): void => f(a, 0, b, 0, c, 0, s.m, s.n, s.k, s.transA, s.transB, false);
  for (let i = 0; i < 3; i++) run();
  let best = 0;
  for (let w = 0; w < windows; w++) {
    const t0 = cpuMs();
    let reps = 0;
    let elapsed = 0;
    do {
      run();
      reps++;
      elapsed = cpuMs() - t0;
    } while (elapsed < 60);
    best = Math.max(best, (2 * s.m * s.n * s.k * reps) / elapsed / 1e6);
  }
  return best;
}

const results = shapes.map((s) => ({
  ...s,
  op: `${s.transA ? 'T' : 'N'}${s.transB ? 'T' : 'N'}`,
  gflops: Number(gflops(gemm, s, 8).toFixed(2)),
  naiveGflops: Number(gflops(naiveGemm, s, 2).toFixed(2)),
}));

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(results, null, 2));
} else {
  console.log(`${'shape'.padEnd(22)} ${'m×n×k'.padEnd(14)} op  GFLOP/s  naive`);
  for (const r of results) {
    const size = `${r.m}×${r.n}×${r.k}`;
    console.log(
      `${r.name.padEnd(22)} ${size.padEnd(14)} ${r.op}  ${r.gflops.toFixed(2).padStart(7)}  ${r.naiveGflops.toFixed(2).padStart(5)}`,
    );
  }
}
