// The two live charts of a run: loss and accuracy against the step.
import { isLossOp, type LossOp } from '../../engine/spec/ops';
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

const lossNames: Record<LossOp, string> = {
  softmaxCrossEntropy: 'Cross-entropy loss',
  meanSquaredError: 'Mean squared error',
  hinge: 'Hinge loss',
};

export function TrainCharts() {
  const smoothing = useAppStore((s) => s.spec.view.smoothing);
  const logScale = useAppStore((s) => s.spec.view.logScale);
  const lossOp = useAppStore((s) => s.spec.model.nodes.find((n) => isLossOp(n.op))?.op);
  return (
    <div className="charts">
      <LiveChart
        title="Loss"
        yLabel={lossOp && isLossOp(lossOp) ? lossNames[lossOp] : 'Loss'}
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
