import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import type { CpuBuffer } from '../backend/cpu/cpuBuffer';
import { SeededRandom } from '../rng';
import { parseExperimentSpec } from '../spec/parse';
import type { ExperimentSpec, ExperimentSpecInput } from '../spec/schema';
import { compile } from './compile';
import { ModelError } from './errors';

function specOf(model: ExperimentSpecInput['model']): ExperimentSpec {
  const r = parseExperimentSpec({
    version: 1,
    model,
    data: { dataset: 'toy', kind: 'spiral' },
    train: { optimizer: { kind: 'sgd', lr: 0.1 }, batchSize: 4, epochs: 1, seed: 3 },
    view: {},
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.spec;
}

/** in → a; a fans out to relu and tanh, which are added and concatenated with a again. */
const fanOut = specOf({
  nodes: [
    { id: 'in', op: 'input', params: { shape: [3] } },
    { id: 'a', op: 'dense', params: { units: 5 } },
    { id: 'r', op: 'relu', params: {} },
    { id: 't', op: 'tanh', params: {} },
    { id: 'sum', op: 'add', params: {} },
    { id: 'cat', op: 'concat', params: {} },
    { id: 'out', op: 'dense', params: { units: 3 } },
    { id: 'loss', op: 'softmaxCrossEntropy', params: {} },
  ],
  edges: [
    { from: 'in', to: 'a' },
    { from: 'a', to: 'r' },
    { from: 'a', to: 't' },
    { from: 'r', to: 'sum' },
    { from: 't', to: 'sum' },
    { from: 'sum', to: 'cat', port: 0 },
    { from: 'a', to: 'cat', port: 1 },
    { from: 'cat', to: 'out' },
    { from: 'out', to: 'loss' },
  ],
});

const data = (b: { size: number }) => (b as CpuBuffer).data as Float32Array;

describe('compile', () => {
  it('sums gradients where a value fans out: whole-program finite-difference check', () => {
    const backend = new CpuBackend();
    const program = compile(fanOut, backend, { batch: 4 });
    const rng = new SeededRandom(11, 1);
    const x = data(program.input);
    for (let i = 0; i < x.length; i++) x[i] = rng.normal();
    backend.write(program.labels, new Int32Array([0, 2, 1, 2]));
    const loss = () => {
      backend.fill(program.metrics, 0);
      program.forward();
      return data(program.metrics)[0] / 4;
    };
    loss();
    program.backward();
    let checked = 0;
    for (const p of program.params) {
      const w = data(p.value);
      const g = data(p.grad).slice();
      for (let i = 0; i < w.length; i += 2) {
        const orig = w[i];
        w[i] = orig + 1e-3;
        const plus = loss();
        w[i] = orig - 1e-3;
        const minus = loss();
        w[i] = orig;
        const numeric = (plus - minus) / 2e-3;
        expect(Math.abs(g[i] - numeric)).toBeLessThan(2e-3 + 2e-2 * Math.abs(numeric));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('a training step allocates no buffers', () => {
    const backend = new CpuBackend();
    const program = compile(fanOut, backend, { batch: 4 });
    let allocs = 0;
    const alloc = backend.alloc.bind(backend);
    backend.alloc = (...args) => {
      allocs++;
      return alloc(...args);
    };
    backend.write(program.labels, new Int32Array([0, 1, 2, 0]));
    for (let i = 0; i < 3; i++) {
      program.forward();
      program.backward();
    }
    expect(allocs).toBe(0);
  });

  it('fuses each ReLU into the conv2d or dense before it, with the same values and gradients', () => {
    const convNet = specOf({
      nodes: [
        { id: 'in', op: 'input', params: { shape: [1, 6, 6] } },
        { id: 'c', op: 'conv2d', params: { filters: 3, kernel: 3, padding: 1 } },
        { id: 'rc', op: 'relu', params: {} },
        { id: 'd', op: 'dense', params: { units: 4 } },
        { id: 'rd', op: 'relu', params: {} },
        { id: 'out', op: 'dense', params: { units: 3 } },
        { id: 'loss', op: 'softmaxCrossEntropy', params: {} },
      ],
      edges: [
        { from: 'in', to: 'c' },
        { from: 'c', to: 'rc' },
        { from: 'rc', to: 'd' },
        { from: 'd', to: 'rd' },
        { from: 'rd', to: 'out' },
        { from: 'out', to: 'loss' },
      ],
    });
    const run = (fuse: boolean) => {
      const backend = new CpuBackend();
      const program = compile(convNet, backend, { batch: 4, fuse });
      const rng = new SeededRandom(5, 1);
      const x = data(program.input);
      for (let i = 0; i < x.length; i++) x[i] = rng.normal();
      backend.write(program.labels, new Int32Array([0, 2, 1, 2]));
      program.forward();
      program.backward();
      const output = (id: string) => program.nodes.find((n) => n.id === id)!.output;
      return {
        shared: output('c') === output('rc') && output('d') === output('rd'),
        loss: data(program.metrics)[0],
        grads: program.params.map((p) => Array.from(data(p.grad))),
      };
    };
    const fused = run(true);
    const plain = run(false);
    expect(fused.shared).toBe(true);
    expect(plain.shared).toBe(false);
    expect(fused.loss).toBe(plain.loss);
    expect(fused.grads).toEqual(plain.grads);
  });

  it('only nodes that lead to the loss are compiled', () => {
    const spec = structuredClone(fanOut);
    spec.model.nodes.push({ id: 'side', op: 'sigmoid', params: {} });
    spec.model.edges.push({ from: 'a', to: 'side' });
    const program = compile(spec, new CpuBackend(), { batch: 2 });
    expect(program.nodes.map((n) => n.id)).not.toContain('side');
  });

  it('refuses a model with errors, listing them by node', () => {
    const spec = structuredClone(fanOut);
    spec.model.edges = spec.model.edges.filter((e) => e.to !== 'out');
    try {
      compile(spec, new CpuBackend(), { batch: 2 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ModelError);
      expect((e as ModelError).problems.some((p) => p.nodeId === 'out')).toBe(true);
    }
  });

  it('refuses, before allocating, a layer whose output does not fit one buffer', () => {
    const backend = new CpuBackend();
    // A GPU that allows 64 bytes per buffer: at batch 4, "a" (5 units) needs 80.
    (backend.limits as { maxBufferBytes: number }).maxBufferBytes = 64;
    let allocs = 0;
    const alloc = backend.alloc.bind(backend);
    backend.alloc = (...args) => {
      allocs++;
      return alloc(...args);
    };
    try {
      compile(fanOut, backend, { batch: 4 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ModelError);
      const error = e as ModelError;
      expect(error.kind).toBe('out-of-memory');
      const a = error.problems.find((p) => p.nodeId === 'a');
      expect(a?.message).toBe(
        'dense#a: its output at batch 4 needs 80 B in one buffer; this backend allows 64 B. ' +
          'Use a smaller batch, or fewer channels or units here.',
      );
      // Every layer is reported at once: r, t, sum and cat have outputs as large as a's or
      // larger; out's output fits (48 B) but its 33 parameters (132 B) do not; in fits.
      expect(error.problems.map((p) => p.nodeId).sort()).toEqual([
        'a',
        'cat',
        'out',
        'r',
        'sum',
        't',
      ]);
    }
    expect(allocs).toBe(0);
  });

  it('refuses a layer whose parameters do not fit one buffer, naming its size', () => {
    const backend = new CpuBackend();
    // Outputs at batch 1 are at most 10 floats (40 B); cat → out has 10×3 + 3 = 33 parameters.
    (backend.limits as { maxBufferBytes: number }).maxBufferBytes = 128;
    expect(() => compile(fanOut, backend, { batch: 1 })).toThrow(
      /^dense#out: its parameters need 132 B in one buffer; this backend allows 128 B/,
    );
  });

  it('names the size in GiB as a person reads it', () => {
    const spec = specOf({
      nodes: [
        { id: 'in', op: 'input', params: { shape: [3, 64, 64] } },
        { id: 'c1', op: 'conv2d', params: { filters: 1200, kernel: 3, padding: 1 } },
        { id: 'f', op: 'flatten', params: {} },
        { id: 'out', op: 'dense', params: { units: 3 } },
        { id: 'loss', op: 'softmaxCrossEntropy', params: {} },
      ],
      edges: [
        { from: 'in', to: 'c1' },
        { from: 'c1', to: 'f' },
        { from: 'f', to: 'out' },
        { from: 'out', to: 'loss' },
      ],
    });
    const backend = new CpuBackend();
    (backend.limits as { maxBufferBytes: number }).maxBufferBytes = 1024 ** 3;
    (backend as { name: string }).name = 'webgpu';
    expect(() => compile(spec, backend, { batch: 64 })).toThrow(
      /^conv2d#c1: its output at batch 64 needs 1\.2 GiB in one buffer; this GPU allows 1\.0 GiB/,
    );
  });
});
