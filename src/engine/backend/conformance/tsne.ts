// Conformance cases: the exact t-SNE gradient with Q's normalisation and the KL statistic, with
// and without early exaggeration, at sizes that are not multiples of the workgroup, and the
// reference optimiser's gains-and-momentum step (zero gradients and velocities included).
import type { ConformanceCase } from './runner';
import { randomArray } from './runner';

/** A random symmetric joint-probability matrix: zero diagonal, entries ≥ 0, summing to 1. */
function jointProbabilities(n: number, seed: number): Float32Array {
  const r = randomArray(n * n, seed);
  const p = new Float32Array(n * n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = Math.exp(r[i * n + j]);
      p[i * n + j] = v;
      p[j * n + i] = v;
      sum += 2 * v;
    }
  }
  for (let k = 0; k < p.length; k++) p[k] /= sum;
  return p;
}

const gradientShapes = [
  { n: 2, exaggeration: 1, measure: true },
  { n: 37, exaggeration: 12, measure: false },
  { n: 300, exaggeration: 1, measure: true },
  { n: 513, exaggeration: 12, measure: true },
];

export const tsneCases: ConformanceCase[] = [
  ...gradientShapes.map(({ n, exaggeration, measure }, i): ConformanceCase => ({
    kernel: 'tsneGradient',
    name: `${n} points, exaggeration ${exaggeration}${measure ? ', KL statistic' : ''}`,
    inputs: {
      y: randomArray(2 * n, 900 + i, 3),
      p: jointProbabilities(n, 910 + i),
      grad: randomArray(2 * n, 920 + i),
      stats: new Float32Array([7, 7]),
    },
    outputs: ['grad', 'stats'],
    call(backend, b) {
      backend.tsneGradient({
        y: b.y,
        p: b.p,
        n,
        exaggeration,
        measure,
        grad: b.grad,
        stats: b.stats,
      });
    },
  })),
  ...[3, 1000].map((n, i): ConformanceCase => {
    const grad = randomArray(2 * n, 940 + i);
    const velocity = randomArray(2 * n, 950 + i, 0.1);
    grad[0] = 0;
    velocity[1] = 0;
    const gains = new Float32Array(2 * n);
    for (let k = 0; k < gains.length; k++) gains[k] = 0.005 + (k % 7) * 0.3;
    return {
      kernel: 'tsneUpdate',
      name: `${n} points, twice (gains, momentum 0.5 then 0.8)`,
      inputs: { y: randomArray(2 * n, 960 + i), grad, velocity, gains },
      outputs: ['y', 'velocity', 'gains'],
      call(backend, b) {
        const p = {
          y: b.y,
          grad: b.grad,
          velocity: b.velocity,
          gains: b.gains,
          count: 2 * n,
          learningRate: 200,
          momentum: 0.5,
          minGain: 0.01,
        };
        backend.tsneUpdate(p);
        p.momentum = 0.8;
        backend.tsneUpdate(p);
      },
    };
  }),
];
