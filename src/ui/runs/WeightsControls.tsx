// Download the current model's weights, or load a weights file into it: the worker reads them
// off the device and checks a loaded file tensor by tensor against the model.
import { useRef, useState } from 'react';
import { getEngine } from '../app/engineClient';
import { useAppStore } from '../store/store';
import { downloadBlob } from '../train/download';
import { describeComparison, type OutputComparison } from '../../engine/export/onnxCompare';
import { checkOnnxFile, ONNX_CHECK_SAMPLES } from './onnxCheck';
import { downloadPytorchScript } from './pytorchDownload';
import { sampleNoun } from '../viz/sampleNoun';

/** A larger file could not be a LayerCake model's weights (200 M parameters at most). */
const MAX_WEIGHTS_BYTES = 800 * 1024 * 1024 + 1024 * 1024;

/** What a faithful export gives: the same class on ≥ 99 % of samples, outputs within 1e-4. */
function agrees(c: OutputComparison, classes: boolean): boolean {
  return (!classes || c.sameClass >= 0.99 * c.count) && c.maxAbsDiff < 1e-4;
}

function fileNameOf(name: string, step: number): string {
  const base = name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-|-$/g, '') || 'model';
  return `${base}-step-${step}.lcweights`;
}

export function WeightsControls() {
  const state = useAppStore((s) => s.run.state);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // The check belongs to the experiment it was made for; another one (a template picked, an
  // edit) hides it.
  const spec = useAppStore((s) => s.spec);
  const [check, setCheck] = useState<{
    state: 'running' | 'passed' | 'failed';
    text: string;
    spec: unknown;
  } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const loaded =
    state === 'ready' || state === 'paused' || state === 'finished' || state === 'diverged';

  const download = async () => {
    const result = await getEngine().exportWeights();
    if (!result.ok) return setMessage({ ok: false, text: result.message });
    const name = useAppStore.getState().spec.name;
    downloadBlob(
      new Blob([result.bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }),
      fileNameOf(name, result.step),
    );
    setMessage({
      ok: true,
      text: `Saved ${result.tensors} tensors at step ${result.step.toLocaleString('en')}.`,
    });
  };

  const downloadOnnx = async () => {
    setCheck(null);
    const result = await getEngine().exportOnnx(ONNX_CHECK_SAMPLES);
    if (!result.ok) return setMessage({ ok: false, text: result.message });
    const exported = useAppStore.getState().spec;
    const name = exported.name;
    // The Blob copies the bytes, so the file can go on to the check afterwards.
    downloadBlob(
      new Blob([result.bytes as Uint8Array<ArrayBuffer>], { type: 'application/onnx' }),
      fileNameOf(name, result.step).replace(/\.lcweights$/, '') + '.onnx',
    );
    setMessage({
      ok: true,
      text: `Exported ONNX (opset 17) at step ${result.step.toLocaleString('en')}; its output "logits" is the loss node's input.`,
    });
    if (result.reference === null || result.reference.count === 0) return setCheck(null);
    setCheck({
      state: 'running',
      text: 'Checking the file in ONNX Runtime (wasm)…',
      spec: exported,
    });
    const answer = await checkOnnxFile(result.bytes, result.reference);
    setCheck(
      answer.ok
        ? {
            state: agrees(answer.comparison, result.reference.labels !== null)
              ? 'passed'
              : 'failed',
            spec: exported,
            text: `Step ${result.step.toLocaleString('en')} checked in ONNX Runtime against this run on ${describeComparison(answer.comparison, `test ${sampleNoun(exported.data.dataset).many}`, result.reference.labels !== null)} (${answer.runtime}, ${(answer.ms / 1000).toFixed(1)} s).`,
          }
        : { state: 'failed', text: answer.message, spec: exported },
    );
  };

  const load = async (file: File) => {
    if (file.size > MAX_WEIGHTS_BYTES)
      return setMessage({
        ok: false,
        text: `${file.name} is ${(file.size / 2 ** 20).toFixed(0)} MB, larger than any model's weights.`,
      });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = await getEngine().importWeights(bytes);
    setMessage(
      result.ok
        ? {
            ok: true,
            text: `Loaded ${result.tensors} tensors from “${result.experiment}” (trained ${result.trainedSteps.toLocaleString('en')} steps); the test loss and accuracy are of these weights.`,
          }
        : { ok: false, text: result.message },
    );
  };

  return (
    <div className="weights-controls">
      <span className="weights-label">Current model’s weights</span>
      <button
        type="button"
        className="button small"
        data-testid="weights-download"
        disabled={!loaded}
        onClick={() => void download()}
      >
        Download
      </button>
      <button
        type="button"
        className="button small"
        data-testid="weights-load"
        disabled={!loaded}
        onClick={() => inputRef.current?.click()}
      >
        Load…
      </button>
      <button
        type="button"
        className="button small"
        data-testid="onnx-export"
        disabled={!loaded}
        title="Download the model as .onnx; its output is the logits (the input of the loss)"
        onClick={() => void downloadOnnx()}
      >
        Export ONNX
      </button>
      <button
        type="button"
        className="button small"
        data-testid="pytorch-export"
        title="Download a PyTorch script of this experiment: model, data, optimiser and training loop"
        onClick={() =>
          void downloadPytorchScript(useAppStore.getState().spec).then((m) => setMessage(m))
        }
      >
        Export PyTorch
      </button>
      <input
        ref={inputRef}
        type="file"
        accept=".lcweights,application/octet-stream"
        hidden
        data-testid="weights-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void load(file);
        }}
      />
      {message && (
        <span
          className={message.ok ? 'weights-message' : 'weights-message bad'}
          role="status"
          data-testid="weights-message"
        >
          {message.text}
        </span>
      )}
      {check && check.spec === spec && (
        <span
          className={check.state === 'failed' ? 'weights-message bad' : 'weights-message'}
          role="status"
          data-testid="onnx-check"
          data-state={check.state}
        >
          {check.text}
        </span>
      )}
    </div>
  );
}
