// The current run's model as .onnx bytes: the trainer's weights, read off the device, handed to
// the engine's exporter. The file's output is the logits (the loss node's input).
import { exportOnnx } from '../engine/export/onnx';
import type { Trainer } from '../engine/train/trainer';
import type { WeightsExport } from './engineApi';

export async function onnxOfTrainer(trainer: Trainer): Promise<WeightsExport> {
  try {
    const snapshot = await trainer.snapshot();
    const layout = trainer.weightLayout;
    const weights = layout.map((t, i) => ({ name: t.name, values: snapshot.values[i] }));
    const bytes = exportOnnx(trainer.spec, weights);
    return { ok: true, bytes, step: snapshot.step, tensors: layout.length };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
