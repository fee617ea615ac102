// The current run's model as .onnx bytes: the trainer's weights, read off the device, handed to
// the engine's exporter. The file's output is the logits (the loss node's input). With it come
// the first test samples, normalised as the model sees them, and the logits the run's own
// backend computes for them, so the page can check the file in ONNX Runtime against ours.
import { rowSize } from '../engine/data/dataset';
import { datasetNormalization } from '../engine/data/registry';
import { exportOnnx, ONNX_INPUT, ONNX_OUTPUT } from '../engine/export/onnx';
import { normalizeValue } from '../engine/train/deviceDataset';
import type { Trainer } from '../engine/train/trainer';

/** Test samples and what the run's backend makes of them: what ONNX Runtime must reproduce. */
export interface OnnxReference {
  /** The file's input and output tensor names. */
  inputName: string;
  outputName: string;
  count: number;
  /** One sample's shape, as the model's input takes it (no batch axis). */
  inputShape: number[];
  /** count × sample values, normalised as the gather kernel normalises them (no augmentation). */
  inputs: Float32Array;
  /** count × outputs: the logits node's values on the run's backend, in evaluation mode. */
  logits: Float32Array;
  outputs: number;
  /** The samples' class labels; null for a model of values (regression, reconstruction). */
  labels: Int32Array | null;
  classNames: string[];
}

export type OnnxExport =
  | {
      ok: true;
      bytes: Uint8Array;
      step: number;
      tensors: number;
      /** Null when no reference was asked for. */
      reference: OnnxReference | null;
    }
  | { ok: false; message: string };

/**
 * The logits of the first `count` test samples with the current weights, in evaluation mode
 * (dropout off, batch norm's running statistics), batch by batch through the trainer's own
 * program. Call it between chunks of training (inside the worker's `exclusive`): it writes the
 * program's input and leaves the metrics zeroed, as an evaluation does, and nothing else.
 */
export async function onnxReferenceOf(t: Trainer, count: number): Promise<OnnxReference> {
  const { program, backend, dataset } = t;
  const split = dataset.test;
  const n = Math.max(0, Math.min(count, split.count));
  const size = rowSize(dataset);
  const normalization = datasetNormalization(t.spec.data, dataset);
  const inputs = new Float32Array(n * size);
  for (let r = 0; r < n; r++)
    for (let i = 0; i < size; i++)
      inputs[r * size + i] = normalizeValue(normalization, split.inputs[r * size + i], i, size);

  const report = program.report;
  const lossOp = t.spec.model.nodes.find((node) => node.id === report.lossId)?.op;
  const classifies = dataset.classes > 0 && lossOp !== 'meanSquaredError';
  const logitsId = report.nodes.get(report.lossId!)!.inputs[0];
  const outputs = report.nodes.get(logitsId)!.shape.reduce((a, b) => a * b, 1);
  const logitsBuffer = program.nodes.find((node) => node.id === logitsId)!.output;
  const logits = new Float32Array(n * outputs);
  const staged = new Float32Array(program.batch * size);
  const state = program.state;
  try {
    state.training = false;
    for (let first = 0; first < n; first += program.batch) {
      const rows = Math.min(program.batch, n - first);
      staged.fill(0);
      staged.set(inputs.subarray(first * size, (first + rows) * size));
      backend.write(program.input, staged);
      state.validRows = rows;
      program.forward();
      backend.submit();
      const out = (await backend.read(logitsBuffer)) as Float32Array;
      logits.set(out.subarray(0, rows * outputs), first * outputs);
    }
  } finally {
    backend.fill(program.metrics, 0);
    backend.submit();
    state.training = true;
    state.validRows = program.batch;
  }
  return {
    inputName: ONNX_INPUT,
    outputName: ONNX_OUTPUT,
    count: n,
    inputShape: [...report.nodes.get(report.inputId!)!.shape],
    inputs,
    logits,
    outputs,
    // Classes only where the model predicts them (not a regression or a reconstruction).
    labels: classifies ? split.labels.slice(0, n) : null,
    classNames: dataset.classNames,
  };
}

/** The .onnx file of the current weights, and (when `referenceCount` > 0) its reference. */
export async function onnxOfTrainer(t: Trainer, referenceCount = 0): Promise<OnnxExport> {
  try {
    const snapshot = await t.snapshot();
    const layout = t.weightLayout;
    const weights = layout.map((w, i) => ({ name: w.name, values: snapshot.values[i] }));
    const bytes = exportOnnx(t.spec, weights);
    const reference = referenceCount > 0 ? await onnxReferenceOf(t, referenceCount) : null;
    return { ok: true, bytes, step: snapshot.step, tensors: layout.length, reference };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
