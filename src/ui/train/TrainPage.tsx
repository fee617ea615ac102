// The playground: the recipe and run controls on the left; the model graph, the live numbers
// and charts, (for 2-D data) the decision boundary, and (for images) the inside of the network
// on the right.
import { BackpropPanel } from '../backprop/BackpropPanel';
import { EditorPanel } from '../editor/EditorPanel';
import { RunsPanel } from '../runs/RunsPanel';
import { LinkNotice, StorageNotice } from '../share/LinkNotice';
import { InsightsSection } from '../viz/InsightsSection';
import { RepresentationsPanel } from '../viz/RepresentationsPanel';
import { ToyView } from '../viz/ToyView';
import { BackendNotice } from './BackendNotice';
import { DataPanel } from './DataPanel';
import { HyperParameters } from './HyperParameters';
import { RunControls } from './RunControls';
import { RunErrors } from './RunErrors';
import { RunStats } from './RunStats';
import { SpecSummary } from './SpecSummary';
import { StatusLine } from './StatusLine';
import { TemplatePicker } from './TemplatePicker';
import { TrainCharts } from './TrainCharts';
import { LandscapePanel } from '../landscape/LandscapePanel';
import './dashboard.css';

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
        <DataPanel />
        <HyperParameters />
        <section className="panel">
          <h2 className="panel-title">Recipe</h2>
          <SpecSummary />
        </section>
      </aside>
      <div className="dashboard">
        <LinkNotice />
        <StorageNotice />
        <BackendNotice />
        <RunErrors />
        <EditorPanel />
        <RunStats />
        <ToyView />
        <BackpropPanel />
        <TrainCharts />
        <LandscapePanel />
        <InsightsSection />
        <RepresentationsPanel />
        <RunsPanel />
      </div>
    </main>
  );
}
