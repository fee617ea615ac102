// Conformance cases: the fused optimizer updates over several steps (state carried between
// them), with L1/L2 decay and a clipping scale, and global gradient-norm clipping.
import type { ConformanceCase } from './runner';
import { randomArray } from './runner';
import type { OptimizerKind } from '../backend';

const configs: { kind: OptimizerKind; momentum: number; nesterov: boolean; label: string }[] = [
  { kind: 'sgd', momentum: 0, nesterov: false, label: 'sgd' },
  { kind: 'sgd', momentum: 0.9, nesterov: false, label: 'sgd, momentum 0.9' },
  { kind: 'sgd', momentum: 0.9, nesterov: true, label: 'sgd, Nesterov 0.9' },
  { kind: 'adam', momentum: 0, nesterov: false, label: 'adam' },
  { kind: 'rmsprop', momentum: 0, nesterov: false, label: 'rmsprop' },
  { kind: 'adagrad', momentum: 0, nesterov: false, label: 'adagrad' },
];

export const optimCases: ConformanceCase[] = [
  ...configs.flatMap((c, i) =>
    [
      { N: 1001, decayAndScale: false },
      { N: 1001, decayAndScale: true },
      // A multiple of 4 takes the vec4 kernel.
      { N: 1000, decayAndScale: true },
    ].map(({ N, decayAndScale }): ConformanceCase => ({
      kernel: 'optimizerUpdate',
      name: `${c.label}, ${N} values, 3 steps${decayAndScale ? ', L1 + L2 decay and a gradient scale' : ''}`,
      inputs: {
        w: randomArray(N, 900 + i),
        grad: randomArray(N, 910 + i),
        s1: new Float32Array(N),
        s2: new Float32Array(N),
        scale: new Float32Array([0.37]),
      },
      outputs: ['w', 's1', 's2'],
      call(backend, b) {
        const hyper = {
          lr: 0.05,
          step: 1,
          l1: decayAndScale ? 1e-3 : 0,
          l2: decayAndScale ? 1e-2 : 0,
          gradScale: decayAndScale ? b.scale : null,
        };
        const p = {
          kind: c.kind,
          param: b.w,
          grad: b.grad,
          state1: c.kind === 'sgd' && c.momentum === 0 ? null : b.s1,
          state2: c.kind === 'adam' ? b.s2 : null,
          n: N,
          hyper,
          momentum: c.momentum,
          nesterov: c.nesterov,
          beta1: 0.9,
          beta2: 0.999,
          rho: 0.9,
          eps: 1e-8,
        };
        for (let step = 1; step <= 3; step++) {
          hyper.step = step;
          backend.optimizerUpdate(p);
        }
      },
    })),
  ),
  ...[
    { maxNorm: 1, label: 'norm above the limit' },
    { maxNorm: 1e6, label: 'norm below the limit' },
  ].map(({ maxNorm, label }): ConformanceCase => ({
    kernel: 'clipGradients',
    name: `3 buffers (5, 300, 1000 values), ${label}`,
    inputs: {
      g0: randomArray(5, 950),
      g1: randomArray(300, 951),
      g2: randomArray(1000, 952),
      sum: new Float32Array(1),
      scale: new Float32Array(1),
    },
    outputs: ['sum', 'scale'],
    call(backend, b) {
      backend.clipGradients({
        grads: [b.g0, b.g1, b.g2],
        sizes: [5, 300, 1000],
        maxNorm,
        sumSquares: b.sum,
        scale: b.scale,
      });
    },
  })),
];
