// The two live charts of a run: loss and accuracy against the step.
import { runSeries } from '../store/runSeries';
import { useAppStore } from '../store/store';
import { LiveChart, type Curve } from './LiveChart';

const TRAIN_COLOR = '#2563eb';
const ACCURACY_COLOR = '#0f9d76';
const TEST_COLOR = '#e8590c';

const lossCurves: Curve[] = [
  { series: runSeries.trainLoss, label: 'Training (smoothed)', color: TRAIN_COLOR, kind: 'line' },
  { series: runSeries.testLoss, label: 'Test', color: TEST_COLOR, kind: 'points' },
];
const accuracyCurves: Curve[] = [
  {
    series: runSeries.trainAccuracy,
    label: 'Training (smoothed)',
    color: ACCURACY_COLOR,
    kind: 'line',
  },
  { series: runSeries.testAccuracy, label: 'Test', color: TEST_COLOR, kind: 'points' },
];
const accuracyDomain: [number, number] = [0, 1];

export function TrainCharts() {
  const smoothing = useAppStore((s) => s.spec.view.smoothing);
  const logScale = useAppStore((s) => s.spec.view.logScale);
  return (
    <div className="charts">
      <LiveChart
        title="Loss"
        yLabel="Cross-entropy loss"
        curves={lossCurves}
        smoothing={smoothing}
        logScale={logScale}
        testId="loss-chart"
      />
      <LiveChart
        title="Accuracy"
        yLabel="Accuracy"
        curves={accuracyCurves}
        yDomain={accuracyDomain}
        yFormat=".0%"
        smoothing={smoothing}
        testId="accuracy-chart"
      />
    </div>
  );
}
