// The live charts of a run: loss and accuracy against steps or epochs, with the view controls
// (axis, smoothing, log scale) that change how they are drawn, never the run.
import { dataSignature } from '../../engine/data/fit';
import { viewSpecSchema } from '../../engine/spec/schema';
import { isLossOp, type LossOp } from '../../engine/spec/ops';
import { runSeries } from '../store/runSeries';
import { useAppStore } from '../store/store';
import type { XAxis } from './chartLayout';
import { HelpTip, SliderField } from './FormFields';
import { LiveChart, type Curve } from './LiveChart';
import { enumOptions } from './schemaField';
import { withView } from './specEdits';

const TRAIN_COLOR = '#2563eb';
const ACCURACY_COLOR = '#0f9d76';
const TEST_COLOR = '#e8590c';

const lossCurves: Curve[] = [
  {
    series: runSeries.trainLoss,
    label: 'Training (smoothed)',
    shortLabel: 'Training',
    color: TRAIN_COLOR,
    kind: 'line',
  },
  { series: runSeries.testLoss, label: 'Test', color: TEST_COLOR, kind: 'points' },
];
const accuracyCurves: Curve[] = [
  {
    series: runSeries.trainAccuracy,
    label: 'Training (smoothed)',
    shortLabel: 'Training',
    color: ACCURACY_COLOR,
    kind: 'line',
  },
  { series: runSeries.testAccuracy, label: 'Test', color: TEST_COLOR, kind: 'points' },
];
const accuracyDomain: readonly [number, number] = [0, 1];

const lossNames: Record<LossOp, string> = {
  softmaxCrossEntropy: 'Cross-entropy loss',
  meanSquaredError: 'Mean squared error',
  hinge: 'Hinge loss',
};

const view = viewSpecSchema.unwrap().shape;
const axisChoices = enumOptions(view.xAxis);
const axisLabels: Record<XAxis, string> = { step: 'Steps', epoch: 'Epochs' };

const formatLoss = (v: number) => (Number.isFinite(v) ? v.toPrecision(4) : String(v));
const formatAccuracy = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : '—');

function editView(label: string, patch: Parameters<typeof withView>[1], coalesce?: string) {
  useAppStore.getState().editSpec(label, (s) => withView(s, patch), coalesce);
}

function ChartToolbar() {
  const { smoothing, logScale, xAxis } = useAppStore((s) => s.spec.view);
  return (
    <div className="chart-toolbar" role="toolbar" aria-label="Chart view">
      <div className="segmented" role="radiogroup" aria-label="Horizontal axis">
        {axisChoices.map((axis) => (
          <button
            key={axis}
            type="button"
            role="radio"
            aria-checked={xAxis === axis}
            className={xAxis === axis ? 'segment selected' : 'segment'}
            data-testid={`axis-${axis}`}
            onClick={() => editView(`chart axis ${axisLabels[axis]}`, { xAxis: axis })}
          >
            {axisLabels[axis]}
          </button>
        ))}
        <HelpTip name="xAxis" />
      </div>
      <SliderField
        name="smoothing"
        schema={view.smoothing}
        step={0.01}
        value={smoothing}
        format={(v) => v.toFixed(2)}
        onChange={(v) => editView('smoothing', { smoothing: v }, 'view.smoothing')}
      />
      <label className="toolbar-check">
        <input
          type="checkbox"
          checked={logScale}
          data-testid="field-logScale"
          onChange={(e) => editView('log scale', { logScale: e.target.checked })}
        />
        Log-scale loss
        <HelpTip name="logScale" />
      </label>
    </div>
  );
}

export function TrainCharts() {
  const smoothing = useAppStore((s) => s.spec.view.smoothing);
  const logScale = useAppStore((s) => s.spec.view.logScale);
  const xAxis = useAppStore((s) => s.spec.view.xAxis);
  const stepsPerEpoch = useAppStore((s) => s.run.stepsPerEpoch);
  const totalSteps = useAppStore((s) => s.run.totalSteps);
  const lossOp = useAppStore((s) => s.spec.model.nodes.find((n) => isLossOp(n.op))?.op);
  // A regression set has no accuracy to draw.
  const regression = useAppStore((s) => dataSignature(s.spec.data).targetSize !== undefined);
  return (
    <section className="charts-panel" aria-label="Training curves">
      <ChartToolbar />
      <div className="charts">
        <LiveChart
          title="Loss"
          yLabel={lossOp && isLossOp(lossOp) ? lossNames[lossOp] : 'Loss'}
          curves={lossCurves}
          formatValue={formatLoss}
          smoothing={smoothing}
          logScale={logScale}
          xAxis={xAxis}
          stepsPerEpoch={stepsPerEpoch}
          totalSteps={totalSteps}
          testId="loss-chart"
          fileName="layercake-loss"
        />
        {!regression && (
          <LiveChart
            title="Accuracy"
            yLabel="Accuracy"
            curves={accuracyCurves}
            yDomain={accuracyDomain}
            yFormat=".0%"
            formatValue={formatAccuracy}
            smoothing={smoothing}
            xAxis={xAxis}
            stepsPerEpoch={stepsPerEpoch}
            totalSteps={totalSteps}
            testId="accuracy-chart"
            fileName="layercake-accuracy"
          />
        )}
      </div>
    </section>
  );
}
