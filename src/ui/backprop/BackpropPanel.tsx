// "One batch, module by module": the forward value of every module and the gradient backprop
// sends into it, for the first of a batch of four training points, with each parameter's
// gradient norm. Traced on the page with the CPU modules at the experiment's initial weights
// (its seed), which for a 2-D toy net takes well under a millisecond; larger inputs are not
// offered (the trace of an image net would be too long to read, and too slow for the page).
import { useState } from 'react';
import { CpuBackend } from '../../engine/backend/cpu/cpuBackend';
import { makeToyDataset } from '../../engine/data/toy2d';
import { traceBatch, type ModuleTrace, type TracedNode } from '../../engine/analysis/moduleTrace';
import { inferShapes } from '../../engine/spec/inferShapes';
import type { ExperimentSpec } from '../../engine/spec/schema';
import { useAppStore } from '../store/store';
import { publishTrace } from './backpropLive';
import './backprop.css';

const BATCH = 4;
/** Above this the trace is refused: it runs on the page, which must not stall. */
const MAX_PARAMS = 20_000;
const SHOWN = 6;

function numbers(values: Float32Array | null, sample: number, size: number): string {
  if (values === null) return '—';
  const row = Array.from(values.subarray(sample * size, sample * size + Math.min(size, SHOWN)));
  return row.map((v) => v.toFixed(3)).join(', ') + (size > SHOWN ? `, … (${size})` : '');
}

function norm(values: Float32Array): string {
  let s = 0;
  for (const v of values) s += v * v;
  return Math.sqrt(s).toPrecision(3);
}

function runTrace(spec: ExperimentSpec): ModuleTrace | string {
  if (spec.data.dataset !== 'toy') return 'The trace is offered for the 2-D toy sets only.';
  const { totalParams } = inferShapes(spec.model);
  if (totalParams > MAX_PARAMS)
    return `This model has ${totalParams.toLocaleString('en')} parameters; the trace is for small nets (up to ${MAX_PARAMS.toLocaleString('en')}), which it can run on the page without stalling it.`;
  const data = makeToyDataset(spec.data, spec.train.seed);
  const split = data.train;
  const inputs = split.inputs as Float32Array;
  try {
    return traceBatch(spec, new CpuBackend(), {
      inputs: inputs.slice(0, BATCH * 2),
      labels: split.labels.slice(0, BATCH),
      targets: split.targets?.slice(0, BATCH * (data.targetSize ?? 1)),
      count: BATCH,
    });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function rule(n: TracedNode): string | null {
  if (n.consumers.length > 1)
    return `read by ${n.consumers.join(', ')}: its gradient is the sum of the ${n.consumers.length} gradients they send back`;
  if (n.op === 'add') return 'add: sends its gradient unchanged to each input';
  if (n.op === 'concat') return 'concat: sends each input its slice of the gradient';
  return null;
}

export function BackpropPanel() {
  const spec = useAppStore((s) => s.spec);
  const [result, setResult] = useState<{
    spec: ExperimentSpec;
    trace: ModuleTrace | string;
  } | null>(null);
  if (spec.data.dataset !== 'toy') return null;
  const trace = result?.spec === spec ? result.trace : null;
  return (
    <section
      className="panel backprop-panel"
      aria-label="One batch, module by module"
      data-testid="backprop-panel"
    >
      <div className="backprop-head">
        <h2 className="panel-title">One batch, module by module</h2>
        <button
          type="button"
          className="button"
          data-testid="backprop-trace"
          onClick={() => {
            const t = runTrace(spec);
            setResult({ spec, trace: t });
            if (typeof t !== 'string')
              publishTrace({ spec, fanOut: t.nodes.some((n) => n.consumers.length > 1) });
          }}
        >
          Trace one batch
        </button>
      </div>
      <p className="backprop-note">
        Forward and backward through the model’s own modules for {BATCH} training points, at the
        initial weights (seed {spec.train.seed}), not the run’s current ones. Values are those of
        the first point.
      </p>
      {typeof trace === 'string' && (
        <p className="backprop-error" role="alert">
          {trace}
        </p>
      )}
      {trace !== null && typeof trace !== 'string' && (
        <>
          <p data-testid="backprop-loss">
            Mean loss of the batch: <b>{trace.loss.toFixed(4)}</b>
          </p>
          <div className="backprop-scroll">
            <table className="backprop-table" data-testid="backprop-table">
              <thead>
                <tr>
                  <th scope="col">Module</th>
                  <th scope="col">Reads</th>
                  <th scope="col">Value</th>
                  <th scope="col">∂L/∂value</th>
                  <th scope="col">Parameter gradients ‖g‖</th>
                </tr>
              </thead>
              <tbody>
                {trace.nodes.map((n) => {
                  const note = rule(n);
                  return (
                    <tr key={n.id} data-testid={`backprop-row-${n.id}`}>
                      <th scope="row">
                        {n.id} <span className="backprop-op">{n.op}</span>
                        {note && <div className="backprop-rule">{note}</div>}
                      </th>
                      <td>{n.inputs.join(', ') || '—'}</td>
                      <td className="backprop-num">
                        {n.size === 0
                          ? `L = ${trace.loss.toFixed(4)} (batch mean)`
                          : numbers(n.value, 0, n.size)}
                      </td>
                      <td className="backprop-num">
                        {n.op === 'input'
                          ? numbers(trace.inputGrad, 0, n.size)
                          : numbers(n.grad, 0, n.size)}
                      </td>
                      <td className="backprop-num">
                        {n.params.length === 0
                          ? '—'
                          : n.params.map((p) => `${p.name} ${norm(p.grad)}`).join(', ')}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
