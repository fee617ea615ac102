import { describe, expect, it } from 'vitest';
import type { OptimizerHyper, OptimizerKind, OptimizerUpdateParams } from '../backend';
import { CpuBuffer, f32 } from './cpuBuffer';
import { clipGradients, optimizerUpdate } from './optimizer';

// Expected numbers were computed independently, in double precision, from the textbook
// (PyTorch) update rules; the kernel stores in f32, hence the tolerance.
const W0 = [1, -2, 0.5];
const GRADS = [
  [0.5, -1, 0],
  [-0.25, 2, 0.1],
  [1, 0.5, -0.3],
];

function buffer(values: number[], label = 'buf'): CpuBuffer {
  const b = new CpuBuffer(values.length, 'f32', label);
  f32(b).set(values);
  return b;
}

function expectClose(actual: Float32Array, expected: number[], tol = 2e-6): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (Math.abs(actual[i] - expected[i]) > tol) {
      expect.fail(`element ${i}: got ${actual[i]}, expected ${expected[i]}`);
    }
  }
}

interface Setup {
  params: OptimizerUpdateParams;
  w: Float32Array;
  grad: Float32Array;
}

function setup(
  kind: OptimizerKind,
  hyper: Partial<OptimizerHyper>,
  options: Partial<OptimizerUpdateParams> = {},
  w0: number[] = W0,
): Setup {
  const n = w0.length;
  const needsState1 = kind !== 'sgd' || (options.momentum ?? 0) > 0;
  const params: OptimizerUpdateParams = {
    kind,
    param: buffer(w0, 'w'),
    grad: buffer(new Array<number>(n).fill(0), 'g'),
    state1: needsState1 ? buffer(new Array<number>(n).fill(0), 's1') : null,
    state2: kind === 'adam' ? buffer(new Array<number>(n).fill(0), 's2') : null,
    n,
    hyper: { lr: 0.1, step: 0, l1: 0, l2: 0, gradScale: null, ...hyper },
    momentum: 0,
    nesterov: false,
    beta1: 0.9,
    beta2: 0.999,
    rho: 0.9,
    eps: 1e-8,
    ...options,
  };
  return { params, w: f32(params.param), grad: f32(params.grad) };
}

/** Runs the three steps of GRADS and returns the weights after each. */
function run(s: Setup): number[][] {
  const after: number[][] = [];
  for (const g of GRADS) {
    s.grad.set(g);
    s.params.hyper.step++;
    optimizerUpdate(s.params);
    after.push(Array.from(s.w));
  }
  return after;
}

describe('optimizerUpdate', () => {
  it('sgd, no momentum, no state buffer, 3 steps', () => {
    const s = setup('sgd', { lr: 0.1 });
    const after = run(s);
    expectClose(new Float32Array(after[0]), [0.95, -1.9, 0.5]);
    expectClose(s.w, [1 - 0.1 * 1.25, -2 - 0.1 * 1.5, 0.5 + 0.1 * 0.2]);
  });

  it('sgd, momentum 0.9, 3 steps', () => {
    const s = setup('sgd', { lr: 0.1 }, { momentum: 0.9 });
    const after = run(s);
    // v1 = g1; v2 = 0.9·g1 + g2 = [0.2, 1.1, 0.1]; v3 = [1.18, 1.49, −0.21].
    expectClose(new Float32Array(after[0]), [0.95, -1.9, 0.5]);
    expectClose(new Float32Array(after[1]), [0.93, -2.01, 0.49]);
    expectClose(new Float32Array(after[2]), [0.812, -2.159, 0.511]);
    expectClose(f32(s.params.state1!), [1.18, 1.49, -0.21]);
  });

  it('sgd, nesterov momentum 0.9, 3 steps', () => {
    const s = setup('sgd', { lr: 0.1 }, { momentum: 0.9, nesterov: true });
    const after = run(s);
    // Step 1: w −= lr·(g + 0.9·g) = 0.19·g.
    expectClose(new Float32Array(after[0]), [0.905, -1.81, 0.5]);
    expectClose(new Float32Array(after[1]), [0.912, -2.109, 0.481]);
    expectClose(new Float32Array(after[2]), [0.7058, -2.2931, 0.5299]);
  });

  it('adam, bias-corrected, 3 steps', () => {
    const s = setup('adam', { lr: 0.01 });
    const after = run(s);
    // Step 1: m̂ = g, v̂ = g², so w −= lr·g/(|g| + ε) ≈ lr·sign(g); a zero gradient moves nothing.
    expectClose(new Float32Array(after[0]), [0.99, -1.99, 0.5]);
    expectClose(new Float32Array(after[1]), [0.98733663, -1.99366104, 0.492558633]);
    expectClose(new Float32Array(after[2]), [0.980755514, -1.99781755, 0.496801067]);
  });

  it('adam, moments after 3 steps', () => {
    const s = setup('adam', { lr: 0.01 });
    run(s);
    // m3 = 0.9·(0.9·0.1·g1 + 0.1·g2) + 0.1·g3, v likewise with g² and 0.999/0.001.
    const m = GRADS[0].map((g1, i) => 0.081 * g1 + 0.09 * GRADS[1][i] + 0.1 * GRADS[2][i]);
    const v = GRADS[0].map(
      (g1, i) => 0.000998001 * g1 * g1 + 0.000999 * GRADS[1][i] ** 2 + 0.001 * GRADS[2][i] ** 2,
    );
    expectClose(f32(s.params.state1!), m, 1e-7);
    expectClose(f32(s.params.state2!), v, 1e-9);
  });

  it('rmsprop, rho 0.9, 3 steps', () => {
    const s = setup('rmsprop', { lr: 0.01 });
    const after = run(s);
    // Step 1: s = 0.1·g², so w −= 0.01·g/(√0.1·|g|) = 0.0316228·sign(g).
    expectClose(new Float32Array(after[0]), [0.968377225, -1.96837722, 0.5]);
    expectClose(new Float32Array(after[1]), [0.98312142, -1.99694865, 0.468377233]);
    expectClose(new Float32Array(after[2]), [0.954935628, -2.00427314, 0.498528365]);
  });

  it('adagrad, 3 steps', () => {
    const s = setup('adagrad', { lr: 0.1 }, { eps: 1e-10 });
    const after = run(s);
    // Step 1: s = g², so w −= 0.1·sign(g); step 2, element 0: s = 0.3125, w += 0.025/√0.3125.
    expectClose(new Float32Array(after[0]), [0.9, -1.9, 0.5]);
    expectClose(new Float32Array(after[1]), [0.94472136, -1.98944272, 0.4]);
    expectClose(new Float32Array(after[2]), [0.857434203, -2.01126451, 0.49486833]);
  });

  it('sgd, L2 decay adds l2·w to the gradient', () => {
    const s = setup('sgd', { lr: 0.1, l2: 0.5, step: 1 });
    optimizerUpdate(s.params);
    // Zero gradient: w −= 0.1·0.5·w = 0.05·w.
    expectClose(s.w, [0.95, -1.9, 0.475]);
  });

  it('sgd, L1 decay adds l1·sign(w) and leaves zeros at zero', () => {
    const s = setup('sgd', { lr: 0.1, l1: 0.2, step: 1 }, {}, [1, -2, 0]);
    s.grad.set([0.5, 0.5, 0.5]);
    optimizerUpdate(s.params);
    // g = [0.5 + 0.2, 0.5 − 0.2, 0.5 + 0].
    expectClose(s.w, [0.93, -2.03, -0.05]);
  });

  it('adam, L2 decay enters the moments (coupled decay, not AdamW)', () => {
    const s = setup('adam', { lr: 0.01, l2: 0.1, step: 1 });
    optimizerUpdate(s.params);
    // g = 0.1·w, and Adam's first step moves by lr·sign(g); AdamW would move by lr·0.1·w.
    expectClose(s.w, [0.99, -1.99, 0.49]);
  });

  it('sgd, gradScale multiplies the gradient but not the decay', () => {
    const s = setup('sgd', { lr: 0.1, l2: 0.5, step: 1, gradScale: buffer([0.25], 'scale') });
    s.grad.set([4, 4, 4]);
    optimizerUpdate(s.params);
    // g = 0.25·4 + 0.5·w = [1.5, 0, 1.25].
    expectClose(s.w, [0.85, -2, 0.375]);
  });

  it('updates only the first n elements', () => {
    const s = setup('sgd', { lr: 1, step: 1 });
    s.grad.set([1, 1, 1]);
    s.params.n = 2;
    optimizerUpdate(s.params);
    expectClose(s.w, [0, -3, 0.5]);
  });

  it('adam without its state buffers is a programming error', () => {
    const s = setup('adam', { lr: 0.01, step: 1 });
    s.params.state2 = null;
    expect(() => optimizerUpdate(s.params)).toThrow(/adam needs its state buffers/);
  });
});

describe('clipGradients', () => {
  function clip(grads: number[][], maxNorm: number, sizes = grads.map((g) => g.length)) {
    const sumSquares = buffer([NaN], 'sumSquares');
    const scale = buffer([NaN], 'scale');
    clipGradients({ grads: grads.map((g) => buffer(g)), sizes, maxNorm, sumSquares, scale });
    return { sumSquares: f32(sumSquares)[0], scale: f32(scale)[0] };
  }

  it('clip, norm 13 over two buffers, max 6.5 → scale 0.5', () => {
    const r = clip([[3, 4], [12]], 6.5);
    expect(r.sumSquares).toBe(169);
    expect(r.scale).toBe(0.5);
  });

  it('clip, norm below the maximum → scale 1', () => {
    const r = clip([[3, 4], [12]], 20);
    expect(r.sumSquares).toBe(169);
    expect(r.scale).toBe(1);
  });

  it('clip, all-zero gradients → scale 1', () => {
    const r = clip([[0, 0], [0]], 1);
    expect(r.sumSquares).toBe(0);
    expect(r.scale).toBe(1);
  });

  it('clip, counts only the first `sizes[b]` elements of each buffer', () => {
    const r = clip(
      [
        [3, 4, 100],
        [12, 100],
      ],
      6.5,
      [2, 1],
    );
    expect(r.sumSquares).toBe(169);
    expect(r.scale).toBe(0.5);
  });

  it('clip then update: the scale reaches the optimizer through gradScale', () => {
    const grad = [3, 4, 0];
    const sumSquares = buffer([0], 'sumSquares');
    const scale = buffer([0], 'scale');
    const s = setup('sgd', { lr: 1, step: 1, gradScale: scale });
    s.grad.set(grad);
    clipGradients({ grads: [s.params.grad], sizes: [3], maxNorm: 1, sumSquares, scale });
    optimizerUpdate(s.params);
    expectClose(s.w, [1 - 0.6, -2 - 0.8, 0.5]);
  });
});
