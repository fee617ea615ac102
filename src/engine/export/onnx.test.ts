import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backend/cpu/cpuBackend';
import { compile } from '../graph/compile';
import { SeededRandom } from '../rng';
import { inferShapes } from '../spec/inferShapes';
import type { TemplateName } from '../spec/templates';
import { templateSpec, templates } from '../spec/templates';
import type { NamedWeights } from './onnx';
import { exportOnnx, ONNX_INPUT, ONNX_OUTPUT } from './onnx';
import { decodeOnnxModel } from './onnxProto';

const BATCH = 8;

async function trained(name: TemplateName) {
  const spec = templateSpec(name);
  const backend = new CpuBackend();
  const program = compile(spec, backend, { batch: BATCH, fuse: false });
  // Running statistics away from (0, 1), so the export must carry them.
  const rng = new SeededRandom(7, 0);
  for (const b of program.buffers) {
    const v = new Float32Array(b.size);
    for (let i = 0; i < v.length; i++)
      v[i] = b.label.endsWith('Var') ? 0.5 + rng.uniform() : rng.uniform() - 0.5;
    backend.write(b, v);
  }
  const weights: NamedWeights = [];
  for (const b of [...program.params.map((p) => p.value), ...program.buffers])
    weights.push({ name: b.label, values: (await backend.read(b)) as Float32Array });
  return { spec, backend, program, weights };
}

describe('ONNX export', () => {
  for (const name of Object.keys(templates) as TemplateName[]) {
    it(`${name}: a valid graph in topological order, every initializer the right size`, async () => {
      const { spec, weights } = await trained(name);
      const model = decodeOnnxModel(exportOnnx(spec, weights));
      expect(model.opsetImport[0].version).toBeGreaterThanOrEqual(13);
      const g = model.graph;
      expect(g.input[0].name).toBe(ONNX_INPUT);
      expect(g.output[0].name).toBe(ONNX_OUTPUT);
      const known = new Set([ONNX_INPUT, ...g.initializer.map((t) => t.name)]);
      for (const node of g.node) {
        for (const i of node.input) expect(known.has(i), `${node.name} reads ${i}`).toBe(true);
        for (const o of node.output) known.add(o);
      }
      expect(known.has(ONNX_OUTPUT)).toBe(true);
      for (const t of g.initializer) {
        const size = t.dims.reduce((a, b) => a * b, 1);
        if (t.dataType === 1) expect(t.rawData!.length).toBe(size * 4);
        else expect(t.int64Data!.length).toBe(size);
      }
      const ops = new Set(g.node.map((n) => n.opType));
      const specOps = new Set(spec.model.nodes.map((n) => n.op));
      if (specOps.has('dense')) expect(ops.has('Gemm')).toBe(true);
      if (specOps.has('conv2d')) expect(ops.has('Conv')).toBe(true);
      if (specOps.has('maxpool2d')) expect(ops.has('MaxPool')).toBe(true);
      if (specOps.has('batchnorm')) expect(ops.has('BatchNormalization')).toBe(true);
      if (specOps.has('dropout')) expect(ops.has('Dropout')).toBe(false);
      const params = weights.filter((w) => !/running/.test(w.name));
      const total = params.reduce((n, w) => n + w.values.length, 0);
      const report = inferShapes(spec.model);
      const count = [...report.nodes.values()].reduce((n, i) => n + i.paramCount, 0);
      expect(total).toBe(count);
    });
  }

  for (const name of ['mlp', 'lenet5', 'convnetBatchNorm', 'cifarVgg'] as TemplateName[]) {
    it(`${name}: onnxruntime gives the engine's logits (max |Δ| < 1e-4)`, async () => {
      const { spec, backend, program, weights } = await trained(name);
      const bytes = exportOnnx(spec, weights);
      const rng = new SeededRandom(11, 0);
      const x = new Float32Array(program.input.size);
      for (let i = 0; i < x.length; i++) x[i] = rng.uniform() * 2 - 1;
      backend.write(program.input, x);
      program.state.training = false;
      program.forward();
      const logitsId = spec.model.edges.find((e) =>
        spec.model.nodes.some((n) => n.id === e.to && n.op === 'softmaxCrossEntropy'),
      )!.from;
      const ours = (await backend.read(
        program.nodes.find((n) => n.id === logitsId)!.output,
      )) as Float32Array;

      ort.env.wasm.numThreads = 1;
      const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
      const shape = [BATCH, ...inferShapes(spec.model).nodes.get('input')!.shape];
      const result = await session.run({ [ONNX_INPUT]: new ort.Tensor('float32', x, shape) });
      const theirs = result[ONNX_OUTPUT].data as Float32Array;
      expect(theirs.length).toBe(ours.length);
      let max = 0;
      for (let i = 0; i < ours.length; i++) max = Math.max(max, Math.abs(ours[i] - theirs[i]));
      console.log(`${name}: max |onnxruntime − engine| = ${max.toExponential(2)}`);
      expect(max).toBeLessThan(1e-4);
    }, 60_000);
  }
});
