// The worker's side of the representations map: a layer's activations on the first N test
// samples, with their labels, for t-SNE. Like the other probes it never touches the run: a
// GridProbe compiles a second program of the same spec, copies the current weights into it on
// the device and runs forward in evaluation mode. The inputs are normalised here as the data
// set's gather would (per channel for colour images) and handed to the probe as they are.
// 'input' is the raw samples themselves (grey levels over 255), the map of pixel space.
import { GridProbe } from '../engine/analysis/gridProbe';
import { rowSize } from '../engine/data/dataset';
import { datasetNormalization } from '../engine/data/registry';
import { isLossOp } from '../engine/spec/ops';
import { normalizeValue } from '../engine/train/deviceDataset';
import type { Trainer } from '../engine/train/trainer';

/** A few thousand test samples at most: t-SNE is for that scale, and so is a transfer. */
export const MAX_REPRESENTATION_SAMPLES = 5000;
/** The input node's id in the answer: the raw samples, not a layer. */
export const INPUT_REPRESENTATION = 'input';

export interface LayerActivations {
  /** The training step of the weights used. */
  step: number;
  nodeId: string;
  count: number;
  /** Values per sample (the layer's output size). */
  dim: number;
  /** count × dim. */
  values: Float32Array;
  /** count class labels of the samples. */
  labels: Int32Array;
  classNames: string[];
}

export async function layerActivationsOf(
  t: Trainer,
  nodeId: string,
  count: number,
): Promise<LayerActivations> {
  const d = t.dataset;
  const size = rowSize(d);
  const n = Math.max(1, Math.min(MAX_REPRESENTATION_SAMPLES, d.test.count, Math.floor(count)));
  const inputs = d.test.inputs;
  const labels = Int32Array.from(d.test.labels.subarray(0, n));
  const answer = (dim: number, values: Float32Array): LayerActivations => ({
    step: t.stepsDone,
    nodeId,
    count: n,
    dim,
    values,
    labels,
    classNames: d.classNames,
  });
  if (nodeId === INPUT_REPRESENTATION) {
    const raw = Float32Array.from(inputs.subarray(0, n * size));
    if (inputs instanceof Uint8Array) for (let k = 0; k < raw.length; k++) raw[k] /= 255;
    return answer(size, raw);
  }
  const node = t.program.nodes.find((x) => x.id === nodeId);
  if (node === undefined) throw new Error(`The model has no node "${nodeId}".`);
  if (isLossOp(node.op)) throw new Error(`"${nodeId}" is the loss; map its input instead.`);
  const normalization = datasetNormalization(t.spec.data, d);
  const points = new Float32Array(n * size);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < size; j++)
      points[i * size + j] = normalizeValue(normalization, inputs[i * size + j], j, size);
  const probe = await GridProbe.create(t.spec, t.backend, {
    points,
    nodeIds: [nodeId],
    normalization: { scale: 1, shift: 0 },
    targetSize: d.targetSize,
    maxBatch: 256,
  });
  try {
    const [values] = await probe.run(t.program);
    return answer(values.length / n, values);
  } finally {
    probe.dispose();
  }
}
