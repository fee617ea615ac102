// The trace shows what backprop really computes: at a dense layer the gradient sent to its
// input is ∂L/∂y·W; where a value fans out, its gradient is the sum of what each reader sends
// back (ReLU's mask, tanh's 1 − h², concat's slice).
import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import { SeededRandom } from '../rng';
import { parseExperimentSpec } from '../spec/parse';
import type { ExperimentSpec } from '../spec/schema';
import { traceBatch, type TracedNode } from './moduleTrace';

function fanOutSpec(): ExperimentSpec {
  const r = parseExperimentSpec({
    version: 2,
    model: {
      nodes: [
        { id: 'in', op: 'input', params: { shape: [2] } },
        { id: 'a', op: 'dense', params: { units: 4 } },
        { id: 'r', op: 'relu', params: {} },
        { id: 't', op: 'tanh', params: {} },
        { id: 'sum', op: 'add', params: {} },
        { id: 'cat', op: 'concat', params: {} },
        { id: 'out', op: 'dense', params: { units: 2 } },
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
    },
    data: { dataset: 'toy', kind: 'xor' },
    train: { optimizer: { kind: 'sgd', lr: 0.1 }, batchSize: 4, epochs: 1, seed: 5 },
    view: {},
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.spec;
}

function trace() {
  const rng = new SeededRandom(3, 1);
  const inputs = Float32Array.from({ length: 8 }, () => rng.normal());
  return traceBatch(fanOutSpec(), new CpuBackend(), {
    inputs,
    labels: new Int32Array([0, 1, 1, 0]),
    count: 4,
  });
}

const node = (nodes: TracedNode[], id: string) => nodes.find((n) => n.id === id)!;

describe('traceBatch', () => {
  it('keeps every module’s value, gradient and parameters, nothing fused', () => {
    const t = trace();
    expect(t.nodes.map((n) => n.id)).toEqual(['in', 'a', 'r', 't', 'sum', 'cat', 'out', 'loss']);
    expect(Number.isFinite(t.loss) && t.loss > 0).toBe(true);
    const a = node(t.nodes, 'a');
    expect(a.consumers.sort()).toEqual(['cat', 'r', 't']);
    expect(a.params.map((p) => p.name).sort()).toEqual(['bias', 'weight']);
    const r = node(t.nodes, 'r');
    for (let i = 0; i < r.value.length; i++) expect(r.value[i]).toBe(Math.max(0, a.value[i]));
    expect(node(t.nodes, 'cat').inputs).toEqual(['sum', 'a']);
  });

  it('dense: the gradient sent to its input is ∂L/∂y·W', () => {
    const t = trace();
    const a = node(t.nodes, 'a');
    const w = a.params.find((p) => p.name === 'weight')!;
    const [units, inputs] = w.shape;
    for (let b = 0; b < 4; b++)
      for (let j = 0; j < inputs; j++) {
        let s = 0;
        for (let u = 0; u < units; u++) s += a.grad![b * units + u] * w.value[u * inputs + j];
        expect(t.inputGrad![b * inputs + j]).toBeCloseTo(s, 5);
      }
  });

  it('fan-out: a value’s gradient is the sum of what its readers send back', () => {
    const t = trace();
    const a = node(t.nodes, 'a');
    const r = node(t.nodes, 'r');
    const th = node(t.nodes, 't');
    const cat = node(t.nodes, 'cat');
    const units = a.size;
    for (let b = 0; b < 4; b++)
      for (let u = 0; u < units; u++) {
        const i = b * units + u;
        const viaRelu = a.value[i] > 0 ? r.grad![i] : 0;
        const viaTanh = th.grad![i] * (1 - th.value[i] ** 2);
        const viaConcat = cat.grad![b * cat.size + units + u];
        expect(a.grad![i]).toBeCloseTo(viaRelu + viaTanh + viaConcat, 5);
      }
    // Add sends its gradient unchanged to each input.
    const sum = node(t.nodes, 'sum');
    expect(Array.from(r.grad!)).toEqual(Array.from(sum.grad!));
    expect(Array.from(th.grad!)).toEqual(Array.from(sum.grad!.subarray(0, sum.grad!.length)));
  });
});
