// A worker of its own that opens an exported .onnx file in ONNX Runtime Web (the wasm execution
// provider, one thread: the page is not cross-origin isolated, so there is no SharedArrayBuffer)
// and compares what it computes with our logits for the same inputs. It lives only for one
// check: the page starts it after an export and ends it when the answer comes, so the 14 MB
// runtime is loaded only by people who export, and never on the page's main thread.
import * as ort from 'onnxruntime-web/wasm';
// Served by the Vite build like any asset (the page's CSP allows only its own origin).
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import { compareOutputs, type OutputComparison } from '../engine/export/onnxCompare';

export interface OnnxCheckRequest {
  bytes: Uint8Array;
  inputName: string;
  outputName: string;
  count: number;
  inputShape: number[];
  inputs: Float32Array;
  /** Our logits, count × outputs. */
  logits: Float32Array;
  outputs: number;
  labels: Int32Array | null;
}

export type OnnxCheckResponse =
  | { ok: true; comparison: OutputComparison; runtime: string; ms: number }
  | { ok: false; message: string };

/** Samples per session.run: small enough that the activations of a VGG stay tens of MB. */
const CHUNK = 64;

async function check(r: OnnxCheckRequest): Promise<OnnxCheckResponse> {
  ort.env.wasm.wasmPaths = { wasm: ortWasmUrl };
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  const t0 = performance.now();
  const session = await ort.InferenceSession.create(r.bytes, { executionProviders: ['wasm'] });
  try {
    const size = r.inputShape.reduce((a, b) => a * b, 1);
    const theirs = new Float32Array(r.count * r.outputs);
    for (let first = 0; first < r.count; first += CHUNK) {
      const rows = Math.min(CHUNK, r.count - first);
      const x = new ort.Tensor('float32', r.inputs.slice(first * size, (first + rows) * size), [
        rows,
        ...r.inputShape,
      ]);
      const out = (await session.run({ [r.inputName]: x }))[r.outputName];
      const data = out.data as Float32Array;
      if (data.length !== rows * r.outputs)
        throw new Error(`ONNX Runtime gave ${data.length} outputs for ${rows} samples`);
      theirs.set(data, first * r.outputs);
    }
    return {
      ok: true,
      comparison: compareOutputs(r.logits, theirs, r.count, r.outputs, r.labels),
      runtime: `onnxruntime-web ${ort.env.versions.web ?? '?'}, wasm, 1 thread`,
      ms: performance.now() - t0,
    };
  } finally {
    await session.release();
  }
}

self.onmessage = (e: MessageEvent<OnnxCheckRequest>) => {
  check(e.data).then(
    (answer) => self.postMessage(answer),
    (error: unknown) =>
      self.postMessage({
        ok: false,
        message: `ONNX Runtime could not run the file: ${error instanceof Error ? error.message : String(error)}`,
      } satisfies OnnxCheckResponse),
  );
};
