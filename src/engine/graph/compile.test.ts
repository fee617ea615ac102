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
});
