// Checks an exported .onnx file in ONNX Runtime Web, in a worker started for this one check and
// ended when it answers (see src/workers/onnxCheck.worker.ts): the page only hands over the
// file and the reference the engine worker computed, and reads back a few numbers.
import type { OnnxReference } from '../../workers/onnxExport';
import type { OnnxCheckRequest, OnnxCheckResponse } from '../../workers/onnxCheck.worker';

/** Test samples the page checks each export on (the "a few hundred"). */
export const ONNX_CHECK_SAMPLES = 256;

/** A check that has not answered in this long has failed (a wasm runtime that never loaded). */
const TIMEOUT_MS = 180_000;

export function checkOnnxFile(bytes: Uint8Array, ref: OnnxReference): Promise<OnnxCheckResponse> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('../../workers/onnxCheck.worker.ts', import.meta.url), {
      type: 'module',
      name: 'layercake-onnx-check',
    });
    const done = (answer: OnnxCheckResponse) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(answer);
    };
    const timer = setTimeout(
      () => done({ ok: false, message: 'ONNX Runtime did not answer within 3 minutes.' }),
      TIMEOUT_MS,
    );
    worker.onmessage = (e: MessageEvent<OnnxCheckResponse>) => done(e.data);
    worker.onerror = (e) =>
      done({ ok: false, message: `The ONNX check could not start: ${e.message || 'no worker'}.` });
    const request: OnnxCheckRequest = {
      bytes,
      inputName: ref.inputName,
      outputName: ref.outputName,
      count: ref.count,
      inputShape: ref.inputShape,
      inputs: ref.inputs,
      logits: ref.logits,
      outputs: ref.outputs,
      labels: ref.labels,
    };
    // The arrays are handed over, not copied: the page keeps none of them.
    worker.postMessage(request, [bytes.buffer, ref.inputs.buffer, ref.logits.buffer]);
  });
}
