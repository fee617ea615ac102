import { describe, expect, it, vi } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import { f32 } from '../backend/cpu/cpuBuffer';
import type { Parameter } from '../modules/module';
import { optimizerSpecSchema, type OptimizerSpec } from '../spec/schema';
import { Optimizer, type OptimizerConfig } from './optimizer';

function param(backend: CpuBackend, label: string, values: number[], decay = true): Parameter {
  const value = backend.alloc(values.length, 'f32', label);
  const grad = backend.alloc(values.length, 'f32', `${label}.grad`);
  f32(value).set(values);
  return { name: label.split('.').pop() ?? label, value, grad, shape: [values.length], decay };
}

function config(
  optimizer: Partial<OptimizerSpec> & Pick<OptimizerSpec, 'kind'>,
  rest: Partial<OptimizerConfig> = {},
): OptimizerConfig {
  return {
    optimizer: optimizerSpecSchema.parse({ lr: 0.1, ...optimizer }),
    weightDecay: { l1: 0, l2: 0, startEpoch: 0 },
    clipNorm: null,
    ...rest,
  };
}

function expectClose(actual: Float32Array, expected: number[], tol = 2e-6): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (Math.abs(actual[i] - expected[i]) > tol) {
      expect.fail(`element ${i}: got ${actual[i]}, expected ${expected[i]}`);
    }
  }
}

describe('Optimizer', () => {
  it('state buffers: none for plain sgd, 1 for momentum/rmsprop/adagrad, 2 for adam', () => {
    const backend = new CpuBackend();
    const params = [param(backend, 'dense1.weight', [1, 2]), param(backend, 'dense1.bias', [0])];
    const count = (spec: Parameters<typeof config>[0]) =>
      new Optimizer(backend, config(spec), params).stateBuffers().length;
    expect(count({ kind: 'sgd' })).toBe(0);
    expect(count({ kind: 'sgd', momentum: 0.9 })).toBe(2);
    expect(count({ kind: 'rmsprop' })).toBe(2);
    expect(count({ kind: 'adagrad' })).toBe(2);
    expect(count({ kind: 'adam' })).toBe(4);
  });

  it('state buffers are labelled after their parameter and sized like it', () => {
    const backend = new CpuBackend();
    const opt = new Optimizer(backend, config({ kind: 'adam' }), [
      param(backend, 'dense1.weight', [1, 2, 3]),
    ]);
    expect(opt.stateBuffers().map((b) => [b.label, b.size])).toEqual([
      ['dense1.weight.firstMoment', 3],
      ['dense1.weight.secondMoment', 3],
    ]);
  });

  it('sgd, the learning rate passed to step() is the one used', () => {
    const backend = new CpuBackend();
    const w = param(backend, 'w', [1, 1]);
    f32(w.grad).set([1, -2]);
    const opt = new Optimizer(backend, config({ kind: 'sgd' }), [w]);
    opt.step(0, 0.1);
    opt.step(0, 0.01);
    expectClose(f32(w.value), [1 - 0.11, 1 + 0.22]);
  });

  it('adam, the step count starts at 1 and feeds bias correction', () => {
    const backend = new CpuBackend();
    const w = param(backend, 'w', [1, -2, 0.5]);
    const opt = new Optimizer(backend, config({ kind: 'adam', lr: 0.01 }), [w]);
    // Same gradient at every step: bias-corrected moments are g and g², so each step is lr·sign(g).
    f32(w.grad).set([0.5, -1, 0]);
    opt.step(0, 0.01);
    opt.step(0, 0.01);
    expect(opt.stepCount).toBe(2);
    expectClose(f32(w.value), [0.98, -1.98, 0.5]);
  });

  it('weight decay: only parameters with decay, only from startEpoch', () => {
    const backend = new CpuBackend();
    const weight = param(backend, 'weight', [1, -2]);
    const bias = param(backend, 'bias', [1, -2], false);
    const cfg = config({ kind: 'sgd' }, { weightDecay: { l1: 0, l2: 0.5, startEpoch: 2 } });
    const opt = new Optimizer(backend, cfg, [weight, bias]);
    opt.step(0, 0.1);
    opt.step(1.99, 0.1);
    expectClose(f32(weight.value), [1, -2]);
    opt.step(2, 0.1);
    expectClose(f32(weight.value), [0.95, -1.9]);
    expectClose(f32(bias.value), [1, -2]);
  });

  it('weight decay: L1 moves weights toward zero by lr·l1', () => {
    const backend = new CpuBackend();
    const weight = param(backend, 'weight', [1, -2]);
    const cfg = config({ kind: 'sgd' }, { weightDecay: { l1: 0.1, l2: 0, startEpoch: 0 } });
    new Optimizer(backend, cfg, [weight]).step(0, 0.1);
    expectClose(f32(weight.value), [0.99, -1.99]);
  });

  it('clipping: global norm over all parameters, 5 clipped to 1', () => {
    const backend = new CpuBackend();
    const a = param(backend, 'a', [0, 0]);
    const b = param(backend, 'b', [0]);
    f32(a.grad).set([3, 0]);
    f32(b.grad).set([4]);
    const opt = new Optimizer(backend, config({ kind: 'sgd' }, { clipNorm: 1 }), [a, b]);
    opt.step(0, 1);
    expectClose(f32(a.value), [-0.6, 0]);
    expectClose(f32(b.value), [-0.8]);
  });

  it('clipping off: gradients pass unscaled', () => {
    const backend = new CpuBackend();
    const a = param(backend, 'a', [0]);
    f32(a.grad).set([5]);
    new Optimizer(backend, config({ kind: 'sgd' }), [a]).step(0, 1);
    expectClose(f32(a.value), [-5]);
  });

  it('reset: zero state and step 0, so the next step is a first step again', () => {
    const backend = new CpuBackend();
    const w = param(backend, 'w', [0]);
    const opt = new Optimizer(backend, config({ kind: 'sgd', momentum: 0.9 }), [w]);
    f32(w.grad).set([1]);
    opt.step(0, 1);
    opt.step(0, 1);
    opt.reset();
    expect(opt.stepCount).toBe(0);
    expect(Array.from(f32(opt.stateBuffers()[0]))).toEqual([0]);
    f32(w.value).set([0]);
    opt.step(0, 1);
    expectClose(f32(w.value), [-1]);
  });

  it('snapshot round trip: state and step count restored, adam continues as if never stopped', () => {
    const backend = new CpuBackend();
    const grads = [
      [0.5, -1],
      [-0.25, 2],
      [1, 0.5],
    ];
    const runThrough = (interrupt: boolean): Float32Array => {
      const w = param(backend, 'w', [1, -2]);
      const opt = new Optimizer(backend, config({ kind: 'adam', lr: 0.01 }), [w]);
      for (let s = 0; s < grads.length; s++) {
        if (interrupt && s === 2) {
          const saved = opt.stateBuffers().map((b) => f32(b).slice());
          const steps = opt.stepCount;
          opt.reset();
          opt.stateBuffers().forEach((b, i) => backend.write(b, saved[i]));
          opt.setStepCount(steps);
        }
        f32(w.grad).set(grads[s]);
        opt.step(0, 0.01);
      }
      return f32(w.value);
    };
    expect(Array.from(runThrough(true))).toEqual(Array.from(runThrough(false)));
  });

  it('step() allocates no device buffers', () => {
    const backend = new CpuBackend();
    const w = param(backend, 'w', [1, 2]);
    const cfg = config(
      { kind: 'adam' },
      { clipNorm: 1, weightDecay: { l1: 0.1, l2: 0.1, startEpoch: 0 } },
    );
    const opt = new Optimizer(backend, cfg, [w]);
    const alloc = vi.spyOn(backend, 'alloc');
    opt.step(0, 0.1);
    opt.step(1, 0.1);
    expect(alloc).not.toHaveBeenCalled();
  });
});
