// What went wrong with the run, each problem tied to what caused it.
import { useAppStore } from '../store/store';

const kindLabels = {
  'invalid-spec': 'Invalid experiment',
  'invalid-model': 'Model problem',
  dataset: 'Dataset problem',
  diverged: 'Training diverged',
  'out-of-memory': 'Out of memory',
  'device-lost': 'Device lost',
  internal: 'Internal error',
} as const;

export function RunErrors() {
  const errors = useAppStore((s) => s.run.errors);
  if (errors.length === 0) return null;
  return (
    <section className="run-errors" role="alert" data-testid="run-errors">
      {errors.map((e, i) => (
        <p key={i} className="run-error">
          <strong>{kindLabels[e.kind]}</strong>
          {e.nodeId && <code className="node-id">{e.nodeId}</code>}
          <span>{e.message}</span>
        </p>
      ))}
    </section>
  );
}
