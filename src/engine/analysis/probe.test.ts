import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import { compile, type Program } from '../graph/compile';
import { SeededRandom } from '../rng';
import { parseExperimentSpec } from '../spec/parse';
import type { ExperimentSpec } from '../spec/schema';
import { ActivationProbe } from './probe';

type NodeList = { id: string; op: string; params: Record<string, unknown> }[];

function specOf(nodes: NodeList): ExperimentSpec {
  const r = parseExperimentSpec({
    version: 1,
    model: { nodes, edges: nodes.slice(1).map((n, i) => ({ from: nodes[i].id, to: n.id })) },
    data: { dataset: 'mnist' },
    train: { optimizer: { kind: 'adam', lr: 0.01 }, batchSize: 3, epochs: 1, seed: 5 },
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.spec;
}

/** A small LeNet: every kind of layer the feature maps show, batch norm and dropout included. */
const CONVNET: NodeList = [
  { id: 'in', op: 'input', params: { shape: [1, 8, 8] } },
  { id: 'c1', op: 'conv2d', params: { filters: 3, kernel: 3 } },
  { id: 'r1', op: 'relu', params: {} },
  { id: 'p1', op: 'maxpool2d', params: { size: 2 } },
  { id: 'bn', op: 'batchnorm', params: {} },
  { id: 'c2', op: 'conv2d', params: { filters: 4, kernel: 2 } },
  { id: 't2', op: 'tanh', params: {} },
  { id: 'flat', op: 'flatten', params: {} },
  { id: 'f3', op: 'dense', params: { units: 5 } },
  { id: 'drop', op: 'dropout', params: { rate: 0.4 } },
  { id: 'r3', op: 'relu', params: {} },
  { id: 'logits', op: 'dense', params: { units: 3 } },
  { id: 'loss', op: 'softmaxCrossEntropy', params: {} },
];

/** A tiny net for the saliency check: no kinks to cross (tanh, average pooling), and dropout. */
const SMOOTH: NodeList = [
  { id: 'in', op: 'input', params: { shape: [1, 5, 5] } },
  { id: 'c1', op: 'conv2d', params: { filters: 2, kernel: 3 } },
  { id: 't1', op: 'tanh', params: {} },
  { id: 'p1', op: 'avgpool2d', params: { size: 2, stride: 1 } },
  { id: 'drop', op: 'dropout', params: { rate: 0.5 } },
  { id: 'f2', op: 'dense', params: { units: 4 } },
  { id: 's2', op: 'sigmoid', params: {} },
  { id: 'logits', op: 'dense', params: { units: 3 } },
  { id: 'loss', op: 'softmaxCrossEntropy', params: {} },
];

/** The same with batch norm after the first layer: saliency through running statistics. */
const SMOOTH_BN: NodeList = [
  ...SMOOTH.slice(0, 3),
  { id: 'bn', op: 'batchnorm', params: {} },
  ...SMOOTH.slice(3),
];

const cpuData = (program: Program, id: string) =>
  (program.nodes.find((n) => n.id === id)!.output as unknown as { data: Float32Array }).data;

function randomImages(count: number, size: number, seed: number): Float32Array {
  const rng = new SeededRandom(seed, 3);
  return Float32Array.from({ length: count * size }, () => Math.floor(rng.uniform() * 256));
}

/** Weights away from their initial values, and running statistics that are not 0 and 1. */
function perturb(program: Program, seed: number): void {
  const rng = new SeededRandom(seed, 11);
  for (const buf of [...program.params.map((p) => p.value), ...program.buffers]) {
    const data = (buf as unknown as { data: Float32Array }).data;
    const isVar = buf.label.endsWith('runningVar');
    for (let i = 0; i < data.length; i++)
      data[i] = isVar ? 0.5 + rng.uniform() : data[i] + 0.3 * rng.normal();
  }
}

describe('ActivationProbe (CPU backend)', () => {
  const normalization = { scale: 1 / 255, shift: -0.5 };

  it('gives every layer the activation a normal forward pass computes, for one sample of a batch', async () => {
    const backend = new CpuBackend();
    const spec = specOf(CONVNET);
    const run = compile(spec, backend, { batch: 3 }); // fused, as training compiles it
    perturb(run, 1);
    const images = randomImages(3, 64, 2);
    run.state.training = false;
    backend.write(
      run.input,
      images.map((v) => v * normalization.scale + normalization.shift),
    );
    run.forward();

    const probe = await ActivationProbe.create(spec, backend, { normalization });
    const sample = 1;
    const result = await probe.run(run, images.subarray(sample * 64, (sample + 1) * 64), {
      filters: true,
    });
    const ids = result.activations.map((a) => a.nodeId);
    expect(ids).toEqual(['c1', 'r1', 'p1', 'bn', 'c2', 't2', 'f3', 'drop', 'r3', 'logits']);
    for (const a of result.activations) {
      const size = a.values.length;
      const want = cpuData(run, a.nodeId).subarray(sample * size, (sample + 1) * size);
      // Training fuses each ReLU into the conv or dense before it: that buffer holds relu(·).
      const fused = run.nodes.some(
        (n) => n.id !== a.nodeId && n.output === run.nodes.find((m) => m.id === a.nodeId)!.output,
      );
      const got = fused ? a.values.map((v) => Math.max(0, v)) : a.values;
      for (let i = 0; i < size; i++) expect(got[i]).toBeCloseTo(want[i], 5);
    }
    expect(result.activations[0].shape).toEqual([3, 6, 6]);
    // Not trivially equal: the pre-activations have both signs.
    expect(result.activations[0].values.some((v) => v < 0)).toBe(true);
    expect(result.activations[0].values.some((v) => v > 0)).toBe(true);

    const logits = cpuData(run, 'logits').subarray(3 * sample, 3 * sample + 3);
    expect(Array.from(result.scores)).toEqual(Array.from(logits));
    const p = result.probabilities!;
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(result.predicted).toBe(Array.from(p).indexOf(Math.max(...p)));

    // Filters: each conv's weights, as the run holds them.
    expect(result.filters.map((f) => [f.nodeId, f.shape, f.first])).toEqual([
      ['c1', [3, 1, 3, 3], true],
      ['c2', [4, 3, 2, 2], false],
    ]);
    const c1Weight = run.nodes.find((n) => n.id === 'c1')!.module.params[0].value;
    expect(Array.from(result.filters[0].values)).toEqual(
      Array.from((c1Weight as unknown as { data: Float32Array }).data),
    );
    // Batch norm in evaluation passes the gradient through its running statistics.
    expect(probe.saliencyUnavailable).toBeNull();
  });

  it('leaves the run alone: its weights, activations and metrics are as they were', async () => {
    const backend = new CpuBackend();
    const spec = specOf(SMOOTH);
    const run = compile(spec, backend, { batch: 3 });
    const before = await Promise.all(
      [...run.owned].map(async (b) => Array.from(await backend.read(b))),
    );
    const probe = await ActivationProbe.create(spec, backend, { normalization });
    await probe.run(run, randomImages(1, 25, 9), { filters: true, saliency: true });
    const after = await Promise.all(
      [...run.owned].map(async (b) => Array.from(await backend.read(b))),
    );
    expect(after).toEqual(before);
  });

  it('follows the weights, and shows a dense first layer’s weights as images', async () => {
    const backend = new CpuBackend();
    const spec = specOf([
      { id: 'in', op: 'input', params: { shape: [1, 4, 4] } },
      { id: 'flat', op: 'flatten', params: {} },
      { id: 'h', op: 'dense', params: { units: 6 } },
      { id: 'r', op: 'relu', params: {} },
      { id: 'logits', op: 'dense', params: { units: 2 } },
      { id: 'loss', op: 'softmaxCrossEntropy', params: {} },
    ]);
    const run = compile(spec, backend, { batch: 2 });
    const probe = await ActivationProbe.create(spec, backend, { normalization });
    const input = randomImages(1, 16, 4);
    const first = await probe.run(run, input, { filters: true });
    expect(first.filters.map((f) => [f.nodeId, f.op, f.shape])).toEqual([
      ['h', 'dense', [6, 1, 4, 4]],
    ]);
    perturb(run, 3);
    const second = await probe.run(run, input);
    expect(Array.from(second.scores)).not.toEqual(Array.from(first.scores));
    expect(second.filters).toEqual([]);
  });

  it.each([
    ['a tiny net', SMOOTH],
    ['a tiny net with batch norm', SMOOTH_BN],
  ] as const)(
    'saliency on %s: the gradient of a class score equals its finite-difference estimate',
    async (_, nodes) => {
      const backend = new CpuBackend();
      const spec = specOf([...nodes]);
      const run = compile(spec, backend, { batch: 2 });
      perturb(run, 7);
      const probe = await ActivationProbe.create(spec, backend, { normalization });
      expect(probe.saliencyUnavailable).toBeNull();
      const input = randomImages(1, 25, 8);
      const base = await probe.run(run, input, { saliency: true });
      expect(base.saliency!.classIndex).toBe(base.predicted);
      for (const classIndex of [0, 1, 2]) {
        const { saliency } = await probe.run(run, input, {
          saliency: true,
          saliencyClass: classIndex,
        });
        expect(saliency!.classIndex).toBe(classIndex);
        // Central differences in raw input units (grey levels).
        const h = 2;
        for (let i = 0; i < input.length; i++) {
          const at = async (d: number) => {
            const x = Float32Array.from(input);
            x[i] += d;
            return (await probe.run(run, x)).scores[classIndex];
          };
          const numeric = ((await at(h)) - (await at(-h))) / (2 * h);
          const analytic = saliency!.values[i];
          expect(Math.abs(analytic - numeric)).toBeLessThanOrEqual(
            2e-5 + 2e-2 * Math.max(Math.abs(analytic), Math.abs(numeric)),
          );
        }
        // Not zero everywhere (the check above would pass for a dead net).
        expect(Math.max(...saliency!.values.map(Math.abs))).toBeGreaterThan(1e-4);
      }
    },
  );

  it('refuses an input of the wrong size, a class that does not exist, and use after dispose', async () => {
    const backend = new CpuBackend();
    const spec = specOf(SMOOTH);
    const run = compile(spec, backend, { batch: 2 });
    const probe = await ActivationProbe.create(spec, backend, { normalization });
    await expect(probe.run(run, new Float32Array(24))).rejects.toThrow(/24 values/);
    await expect(
      probe.run(run, new Float32Array(25), { saliency: true, saliencyClass: 3 }),
    ).rejects.toThrow(/no class 3/);
    probe.dispose();
    await expect(probe.run(run, new Float32Array(25))).rejects.toThrow(/after dispose/);
  });
});
