// Download the current model's weights, or load a weights file into it: the worker reads them
// off the device and checks a loaded file tensor by tensor against the model.
import { useRef, useState } from 'react';
import { getEngine } from '../app/engineClient';
import { useAppStore } from '../store/store';
import { downloadBlob } from '../train/download';

/** A larger file could not be a LayerCake model's weights (200 M parameters at most). */
const MAX_WEIGHTS_BYTES = 800 * 1024 * 1024 + 1024 * 1024;

function fileNameOf(name: string, step: number): string {
  const base = name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-|-$/g, '') || 'model';
  return `${base}-step-${step}.lcweights`;
}

export function WeightsControls() {
  const state = useAppStore((s) => s.run.state);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
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
    const result = await getEngine().exportOnnx();
    if (!result.ok) return setMessage({ ok: false, text: result.message });
    const name = useAppStore.getState().spec.name;
    downloadBlob(
      new Blob([result.bytes as Uint8Array<ArrayBuffer>], { type: 'application/onnx' }),
      fileNameOf(name, result.step).replace(/\.lcweights$/, '') + '.onnx',
    );
    setMessage({
      ok: true,
      text: `Exported ONNX (opset 17) at step ${result.step.toLocaleString('en')}; its output "logits" is the loss node's input.`,
    });
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
    </div>
  );
}
