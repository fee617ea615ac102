// The first page: pick a model, train it, watch it learn.
import { BackendNotice } from './BackendNotice';
import { RunControls } from './RunControls';
import { RunErrors } from './RunErrors';
import { RunStats } from './RunStats';
import { SpecSummary } from './SpecSummary';
import { StatusLine } from './StatusLine';
import { TemplatePicker } from './TemplatePicker';
import { TrainCharts } from './TrainCharts';

export function TrainPage() {
  return (
    <main className="train-page">
      <aside className="sidebar">
        <section className="panel">
          <h2 className="panel-title">Model</h2>
          <TemplatePicker />
        </section>
        <section className="panel">
          <h2 className="panel-title">Run</h2>
          <RunControls />
          <StatusLine />
        </section>
        <section className="panel">
          <h2 className="panel-title">Recipe</h2>
          <SpecSummary />
        </section>
      </aside>
      <div className="dashboard">
        <BackendNotice />
        <RunErrors />
        <RunStats />
        <TrainCharts />
      </div>
    </main>
  );
}
