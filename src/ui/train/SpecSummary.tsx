// The recipe of the chosen experiment, in words: data, model size, optimiser and schedule.
import { describeDataset } from '../../engine/data/fit';
import { useAppStore } from '../store/store';
import { useDataSplits } from './useDataSplits';

export function SpecSummary() {
  const spec = useAppStore((s) => s.spec);
  const { optimizer, batchSize, epochs, seed, testSamples } = spec.train;
  const splits = useDataSplits();
  const tested =
    testSamples !== null && testSamples < splits.test
      ? `, tested on the first ${testSamples.toLocaleString('en')}`
      : '';
  const rows: [string, string][] = [
    [
      'Dataset',
      `${spec.data.dataset === 'toy' ? `Toy: ${spec.data.kind}` : describeDataset(spec.data)} (${splits.train.toLocaleString('en')} / ${splits.test.toLocaleString('en')}${tested})`,
    ],
    ['Layers', String(spec.model.nodes.filter((n) => n.op !== 'input').length)],
    ['Optimizer', `${optimizer.kind}, lr ${optimizer.lr}`],
    ['Batch size', String(batchSize)],
    ['Epochs', String(epochs)],
    ['Seed', String(seed)],
  ];
  return (
    <dl className="spec-summary" data-testid="spec-summary">
      {rows.map(([k, v]) => (
        <div key={k} className="spec-row">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
