// Under the canvas: every error and warning of the model; pressing one selects its node and
// brings it into view.
import { useReactFlow } from '@xyflow/react';
import { useAppStore } from '../store/store';
import { NODE_HEIGHT, NODE_WIDTH } from './autoLayout';
import { formatFlops, formatParams } from './format';
import { modelProblems, shapeReport } from './modelProblems';

export function ProblemsList() {
  const spec = useAppStore((s) => s.spec);
  const flow = useReactFlow();
  const problems = modelProblems(spec);
  const report = shapeReport(spec.model);
  const errors = problems.filter((p) => p.severity === 'error').length;

  const show = (nodeId: string) => {
    useAppStore.getState().setSelection({ nodes: [nodeId] });
    const node = flow.getNode(nodeId);
    if (node) {
      void flow.setCenter(node.position.x + NODE_WIDTH / 2, node.position.y + NODE_HEIGHT / 2, {
        zoom: Math.max(flow.getZoom(), 0.8),
        duration: 300,
      });
    }
  };

  if (problems.length === 0) {
    return (
      <div className="problems ok" data-testid="problems-list" data-count="0">
        <span className="problems-ok-mark" aria-hidden="true">
          ✓
        </span>
        No problems: {formatParams(report.totalParams)}, {formatFlops(report.totalFlops)} per
        sample.
      </div>
    );
  }
  return (
    <div className="problems" data-testid="problems-list" data-count={problems.length}>
      <h3 className="problems-title">
        {errors > 0
          ? `${errors} problem${errors > 1 ? 's' : ''} to fix before training`
          : 'Warnings'}
      </h3>
      <ul>
        {problems.map((p, i) => (
          <li key={i} className={`problem ${p.severity}`} data-testid="problem">
            <span className="problem-mark" aria-label={p.severity}>
              {p.severity === 'error' ? '✕' : '!'}
            </span>
            {p.nodeId ? (
              <button type="button" className="problem-link" onClick={() => show(p.nodeId!)}>
                {p.message}
              </button>
            ) : (
              <span>{p.message}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
