// The inspector: the selected node's op (with its formula and when to use it), its id, a form
// generated from its parameter schema, its inputs in order, what it outputs, and its problems.
// With nothing selected it summarises the model; with several nodes, what can be done to them.
import { useState } from 'react';
import type { NodeSpec } from '../../engine/spec/schema';
import { useAppStore } from '../store/store';
import {
  connectNodes,
  deleteSelection,
  disconnect,
  duplicateSelection,
  moveMergeInput,
  renameTo,
} from './editorActions';
import { formatFlops, formatParams, formatShape } from './format';
import { checkNodeId, connectionProblem, edgeKey, inputEdges, isMergeOp } from './graphEdits';
import { shapeReport } from './modelProblems';
import { opHelp } from './opHelp';
import { OpHelpText } from './OpTooltip';
import { paramFields } from './paramFields';
import { ParamInput } from './ParamInput';

function NodeIdField({ node }: { node: NodeSpec }) {
  const model = useAppStore((s) => s.spec.model);
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? node.id;
  const problem = draft === null ? null : checkNodeId(model, draft, node.id);
  const commit = () => {
    if (draft !== null && !problem) renameTo(node.id, draft);
    setDraft(null);
  };
  return (
    <div className="inspector-field">
      <label htmlFor="inspector-node-id">id</label>
      <input
        id="inspector-node-id"
        type="text"
        value={text}
        spellCheck={false}
        aria-invalid={problem !== null}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(null);
        }}
        data-testid="inspector-id"
      />
      <span className={problem ? 'field-hint field-error' : 'field-hint'}>
        {problem ?? 'names the node in messages; Enter to rename'}
      </span>
    </div>
  );
}

function InputsSection({ node }: { node: NodeSpec }) {
  const model = useAppStore((s) => s.spec.model);
  const report = shapeReport(model);
  const inputs = inputEdges(model, node.id);
  const merge = isMergeOp(node.op);
  if (node.op === 'input') return null;
  const candidates = model.nodes.filter((n) => connectionProblem(model, n.id, node.id) === null);
  return (
    <section className="inspector-section">
      <h4>Inputs{merge ? ' (in order)' : ''}</h4>
      {inputs.length === 0 && <p className="inspector-muted">Not connected yet.</p>}
      <ol className="inspector-inputs">
        {inputs.map((edge, i) => {
          const info = report.nodes.get(edge.from);
          return (
            <li key={edgeKey(edge)}>
              <span className="input-name">{edge.from}</span>
              <span className="input-shape">{info ? formatShape(info.shape) : '?'}</span>
              {merge && (
                <>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Move ${edge.from} up`}
                    disabled={i === 0}
                    onClick={() => moveMergeInput(node.id, i, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Move ${edge.from} down`}
                    disabled={i === inputs.length - 1}
                    onClick={() => moveMergeInput(node.id, i, 1)}
                  >
                    ↓
                  </button>
                </>
              )}
              <button
                type="button"
                className="icon-button"
                aria-label={`Disconnect ${edge.from}`}
                title="Remove this edge"
                onClick={() => disconnect(edgeKey(edge))}
              >
                ×
              </button>
            </li>
          );
        })}
      </ol>
      {candidates.length > 0 && (
        <select
          className="inspector-connect"
          aria-label={`Connect an input to ${node.id}`}
          value=""
          onChange={(e) => {
            if (e.target.value) connectNodes(e.target.value, node.id);
          }}
          data-testid="inspector-connect"
        >
          <option value="">Connect input from…</option>
          {candidates.map((n) => (
            <option key={n.id} value={n.id}>
              {n.id} ({opHelp[n.op].title})
            </option>
          ))}
        </select>
      )}
    </section>
  );
}

function NodeInspector({ node }: { node: NodeSpec }) {
  const model = useAppStore((s) => s.spec.model);
  const report = shapeReport(model);
  const info = report.nodes.get(node.id);
  const problems = report.problems.filter((p) => p.nodeId === node.id);
  const help = opHelp[node.op];
  const fields = paramFields(node.op);
  return (
    <div className="inspector-node" data-testid="inspector-node">
      <header className="inspector-head">
        <span className={`inspector-op group-${help.group}`}>{help.title}</span>
      </header>
      <p className="inspector-help">
        <OpHelpText op={node.op} />
      </p>
      <NodeIdField key={node.id} node={node} />
      {fields.length > 0 && (
        <section className="inspector-section">
          <h4>Parameters</h4>
          {fields.map((f) => (
            <ParamInput key={`${node.id}:${f.key}`} node={node} field={f} />
          ))}
        </section>
      )}
      <InputsSection node={node} />
      <section className="inspector-section">
        <h4>Output</h4>
        {info ? (
          <dl className="inspector-stats">
            <dt>shape</dt>
            <dd data-testid="inspector-shape">{formatShape(info.shape)}</dd>
            <dt>size</dt>
            <dd>{formatParams(info.paramCount)}</dd>
            <dt>cost</dt>
            <dd>{formatFlops(info.flops)} / sample</dd>
          </dl>
        ) : (
          <p className="inspector-muted">Unknown until the problems below are fixed.</p>
        )}
      </section>
      {problems.length > 0 && (
        <ul className="inspector-problems">
          {problems.map((p, i) => (
            <li key={i} className={`problem ${p.severity}`}>
              {p.message}
            </li>
          ))}
        </ul>
      )}
      <div className="inspector-actions">
        <button type="button" className="button small" onClick={duplicateSelection}>
          Duplicate
        </button>
        <button type="button" className="button small danger" onClick={deleteSelection}>
          Delete
        </button>
      </div>
    </div>
  );
}

function ModelSummary() {
  const model = useAppStore((s) => s.spec.model);
  const report = shapeReport(model);
  return (
    <div className="inspector-summary" data-testid="inspector-summary">
      <dl className="inspector-stats">
        <dt>nodes</dt>
        <dd>{model.nodes.length}</dd>
        <dt>size</dt>
        <dd data-testid="model-params">{formatParams(report.totalParams)}</dd>
        <dt>cost</dt>
        <dd>{formatFlops(report.totalFlops)} / sample</dd>
      </dl>
      <p className="inspector-muted">
        Select a node to edit it. Shift-click or Shift-drag to select several.
      </p>
      <ul className="inspector-keys">
        <li>
          <kbd>Del</kbd> delete
        </li>
        <li>
          <kbd>Ctrl</kbd>+<kbd>C</kbd> / <kbd>V</kbd> copy, paste
        </li>
        <li>
          <kbd>Ctrl</kbd>+<kbd>D</kbd> duplicate
        </li>
        <li>
          <kbd>Ctrl</kbd>+<kbd>Z</kbd> undo
        </li>
        <li>
          <kbd>Shift</kbd>+<kbd>Ctrl</kbd>+<kbd>Z</kbd> redo
        </li>
      </ul>
    </div>
  );
}

export function Inspector() {
  const nodes = useAppStore((s) => s.spec.model.nodes);
  const selectedNodeIds = useAppStore((s) => s.selectedNodeIds);
  const selectedEdgeIds = useAppStore((s) => s.selectedEdgeIds);
  const selected = nodes.filter((n) => selectedNodeIds.includes(n.id));
  let body;
  if (selected.length === 1) body = <NodeInspector node={selected[0]} />;
  else if (selected.length > 1 || selectedEdgeIds.length > 0) {
    const parts = [
      selected.length > 0 && `${selected.length} node${selected.length > 1 ? 's' : ''}`,
      selectedEdgeIds.length > 0 &&
        `${selectedEdgeIds.length} edge${selectedEdgeIds.length > 1 ? 's' : ''}`,
    ].filter(Boolean);
    body = (
      <div className="inspector-multi">
        <p>{parts.join(' and ')} selected.</p>
        <div className="inspector-actions">
          {selected.length > 0 && (
            <button type="button" className="button small" onClick={duplicateSelection}>
              Duplicate
            </button>
          )}
          <button type="button" className="button small danger" onClick={deleteSelection}>
            Delete
          </button>
        </div>
      </div>
    );
  } else body = <ModelSummary />;
  return (
    <aside className="inspector" data-testid="inspector" aria-label="Inspector">
      <h3 className="inspector-title">Inspector</h3>
      {body}
    </aside>
  );
}
