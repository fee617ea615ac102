// A model (its spec and current weights) as an ONNX ModelProto, opset 17. The graph's output
// is the logits: the value the loss node reads, before any loss; dropout is the identity, batch
// norm uses its running statistics, as in evaluation.
import { inferShapes } from '../spec/inferShapes';
import type { ExperimentSpec, NodeSpec } from '../spec/schema';
import { isLossOp } from '../spec/ops';
import type { OnnxAttribute, OnnxModel, OnnxNode, OnnxTensor } from './onnxProto';
import { OnnxAttributeType, OnnxDataType, encodeOnnxModel } from './onnxProto';

export const ONNX_OPSET = 17;
export const ONNX_INPUT = 'input';
export const ONNX_OUTPUT = 'logits';

/** Named tensors as the trainer lays them out ("c1.c1.weight" or "c1.weight"). */
export type NamedWeights = { name: string; values: Float32Array }[];

const ints = (name: string, v: number[]): OnnxAttribute => ({
  name,
  type: OnnxAttributeType.INTS,
  ints: v,
});
const int = (name: string, i: number): OnnxAttribute => ({
  name,
  type: OnnxAttributeType.INT,
  i,
});
const float = (name: string, f: number): OnnxAttribute => ({
  name,
  type: OnnxAttributeType.FLOAT,
  f,
});

function floatTensor(name: string, dims: number[], values: Float32Array): OnnxTensor {
  const raw = new Uint8Array(values.length * 4);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return { name, dims, dataType: OnnxDataType.FLOAT, rawData: raw };
}

export function buildOnnxModel(spec: ExperimentSpec, weights: NamedWeights): OnnxModel {
  const report = inferShapes(spec.model);
  if (report.problems.length > 0 || report.order.length === 0)
    throw new Error('ONNX export: the model has errors; fix them first.');
  const byId = new Map(spec.model.nodes.map((n) => [n.id, n]));
  const loss = spec.model.nodes.find((n) => isLossOp(n.op));
  if (!loss) throw new Error('ONNX export: the model has no loss node.');
  const logitsId = report.nodes.get(loss.id)!.inputs[0];
  const input = spec.model.nodes.find((n) => n.op === 'input')!;

  const tensorName = (id: string): string =>
    id === input.id ? ONNX_INPUT : id === logitsId ? ONNX_OUTPUT : `t_${id}`;
  const weightMap = new Map(weights.map((w) => [w.name, w.values]));
  const weight = (id: string, name: string): Float32Array => {
    const v = weightMap.get(`${id}.${id}.${name}`) ?? weightMap.get(`${id}.${name}`);
    if (!v) throw new Error(`ONNX export: no ${id}.${name} among the weights.`);
    return v;
  };

  const nodes: OnnxNode[] = [];
  const initializer: OnnxTensor[] = [];
  const emit = (
    opType: string,
    id: string,
    inputs: string[],
    output: string,
    attrs: OnnxAttribute[] = [],
  ) => nodes.push({ name: id, opType, input: inputs, output: [output], attribute: attrs });

  // Only what the logits depend on is exported.
  const needed = new Set<string>([logitsId]);
  for (let i = report.order.length - 1; i >= 0; i--) {
    const id = report.order[i];
    if (needed.has(id)) for (const from of report.nodes.get(id)!.inputs) needed.add(from);
  }

  for (const id of report.order) {
    if (!needed.has(id)) continue;
    const node = byId.get(id)! as NodeSpec;
    const info = report.nodes.get(id)!;
    const ins = info.inputs.map(tensorName);
    const inShape = info.inputs.length > 0 ? report.nodes.get(info.inputs[0])!.shape : [];
    const out = tensorName(id);
    switch (node.op) {
      case 'input':
        break;
      case 'dense': {
        const features = inShape.reduce((a, b) => a * b, 1);
        let x = ins[0];
        if (inShape.length > 1) {
          x = `${out}_flat`;
          emit('Flatten', `${id}_flatten`, ins, x, [int('axis', 1)]);
        }
        const w = `${id}.weight`;
        initializer.push(floatTensor(w, [node.params.units, features], weight(id, 'weight')));
        const gemmIn = [x, w];
        if (node.params.bias) {
          initializer.push(floatTensor(`${id}.bias`, [node.params.units], weight(id, 'bias')));
          gemmIn.push(`${id}.bias`);
        }
        emit('Gemm', id, gemmIn, out, [int('transB', 1)]);
        break;
      }
      case 'conv2d': {
        const p = node.params;
        const w = `${id}.weight`;
        initializer.push(
          floatTensor(w, [p.filters, inShape[0], p.kernel, p.kernel], weight(id, 'weight')),
        );
        const convIn = [ins[0], w];
        if (p.bias) {
          initializer.push(floatTensor(`${id}.bias`, [p.filters], weight(id, 'bias')));
          convIn.push(`${id}.bias`);
        }
        emit('Conv', id, convIn, out, [
          ints('kernel_shape', [p.kernel, p.kernel]),
          ints('strides', [p.stride, p.stride]),
          ints('pads', [p.padding, p.padding, p.padding, p.padding]),
        ]);
        break;
      }
      case 'maxpool2d':
      case 'avgpool2d': {
        const p = node.params;
        const s = p.stride ?? p.size;
        const attrs = [
          ints('kernel_shape', [p.size, p.size]),
          ints('strides', [s, s]),
          ints('pads', [p.padding, p.padding, p.padding, p.padding]),
        ];
        if (node.op === 'avgpool2d') attrs.push(int('count_include_pad', 0));
        emit(node.op === 'maxpool2d' ? 'MaxPool' : 'AveragePool', id, ins, out, attrs);
        break;
      }
      case 'flatten':
        if (inShape.length > 1) emit('Flatten', id, ins, out, [int('axis', 1)]);
        else emit('Identity', id, ins, out);
        break;
      case 'reshape': {
        const shapeName = `${id}.shape`;
        initializer.push({
          name: shapeName,
          dims: [node.params.shape.length + 1],
          dataType: OnnxDataType.INT64,
          int64Data: [-1, ...node.params.shape],
        });
        emit('Reshape', id, [ins[0], shapeName], out);
        break;
      }
      case 'relu':
        emit('Relu', id, ins, out);
        break;
      case 'leakyRelu':
        emit('LeakyRelu', id, ins, out, [float('alpha', node.params.alpha)]);
        break;
      case 'tanh':
        emit('Tanh', id, ins, out);
        break;
      case 'sigmoid':
        emit('Sigmoid', id, ins, out);
        break;
      case 'abs':
        emit('Abs', id, ins, out);
        break;
      case 'softmax':
        emit('Softmax', id, ins, out, [int('axis', 1)]);
        break;
      case 'logSoftmax':
        emit('LogSoftmax', id, ins, out, [int('axis', 1)]);
        break;
      case 'dropout':
        emit('Identity', id, ins, out);
        break;
      case 'batchnorm': {
        const c = inShape[0];
        for (const [name, key] of [
          ['gamma', 'scale'],
          ['beta', 'bias'],
          ['runningMean', 'mean'],
          ['runningVar', 'var'],
        ] as const)
          initializer.push(floatTensor(`${id}.${key}`, [c], weight(id, name)));
        emit(
          'BatchNormalization',
          id,
          [ins[0], `${id}.scale`, `${id}.bias`, `${id}.mean`, `${id}.var`],
          out,
          [float('epsilon', node.params.eps)],
        );
        break;
      }
      case 'add': {
        let acc = ins[0];
        for (let i = 1; i < ins.length; i++) {
          const o = i === ins.length - 1 ? out : `${out}_sum${i}`;
          emit('Add', i === ins.length - 1 ? id : `${id}_${i}`, [acc, ins[i]], o);
          acc = o;
        }
        break;
      }
      case 'concat':
        emit('Concat', id, ins, out, [int('axis', 1)]);
        break;
      default:
        throw new Error(`ONNX export: ${node.op} (${id}) has no ONNX counterpart here.`);
    }
  }

  const dims = (shape: readonly number[]) => [
    { dimParam: 'batch' },
    ...shape.map((d) => ({ dimValue: d })),
  ];
  const valueInfo = (name: string, shape: readonly number[], docString: string) => ({
    name,
    docString,
    type: { tensorType: { elemType: OnnxDataType.FLOAT, shape: { dim: dims(shape) } } },
  });
  return {
    irVersion: 8,
    producerName: 'LayerCake',
    producerVersion: '1',
    modelVersion: 1,
    docString: `${spec.name}: outputs are the logits (the loss node's input), before any loss.`,
    graph: {
      name: spec.name.slice(0, 200) || 'model',
      node: nodes,
      initializer,
      input: [valueInfo(ONNX_INPUT, report.nodes.get(input.id)!.shape, 'normalised samples')],
      output: [valueInfo(ONNX_OUTPUT, report.nodes.get(logitsId)!.shape, 'logits')],
    },
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    metadataProps: [{ key: 'logits_node', value: logitsId }],
  };
}

/** The model as .onnx bytes. */
export function exportOnnx(spec: ExperimentSpec, weights: NamedWeights): Uint8Array {
  return encodeOnnxModel(buildOnnxModel(spec, weights));
}
