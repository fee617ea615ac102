// λmax and λmin measured every N steps while training, against the stability bound 2/η of
// plain gradient descent at the spec's learning rate: the lecture's "divergence beyond
// 2/λmax" read the other way round, and negative λmin (a saddle direction) shaded.
import { line, scaleLinear } from 'd3';
import type { CurvatureFrame } from '../../engine/analysis/landscapeFrames';
import { formatLoss } from '../lab/ContourMap';
import { CHART_MARGIN, ChartFrame } from './ChartFrame';

const WIDTH = 380;
const HEIGHT = 220;
const { left: LEFT, right: RIGHT } = CHART_MARGIN;

export function CurvatureTrackChart({ frames }: { frames: readonly CurvatureFrame[] }) {
  const steps = frames.map((f) => f.step);
  const last = frames[frames.length - 1];
  const bound = 2 / last.learningRate;
  const highest = Math.max(...frames.map((f) => f.max));
  const lowest = Math.min(0, ...frames.map((f) => f.min));
  // The bound is drawn when it is near enough to read against λmax; far above, it is said.
  const showBound = bound <= 3 * Math.max(highest, 1e-12);
  const x = scaleLinear()
    .domain([Math.min(...steps), Math.max(...steps, Math.min(...steps) + 1)])
    .range([LEFT, WIDTH - RIGHT]);
  const y = scaleLinear()
    .domain([lowest, Math.max(highest, showBound ? bound : highest) * 1.08 || 1])
    .nice()
    .range([HEIGHT - CHART_MARGIN.bottom, CHART_MARGIN.top]);
  const curve = (pick: (f: CurvatureFrame) => number) =>
    line<CurvatureFrame>()
      .x((f) => x(f.step))
      .y((f) => y(pick(f)))(frames as CurvatureFrame[]) ?? '';
  const saddles = frames.filter((f) => f.min < 0).length;
  return (
    <figure className="landscape-figure">
      <ChartFrame
        width={WIDTH}
        height={HEIGHT}
        x={x}
        y={y}
        xTicks={5}
        yTicks={4}
        xTitle="step"
        yTitle="eigenvalue"
        testId="curvature-track-chart"
        label="Largest and smallest Hessian eigenvalue over the training steps"
      >
        {lowest < 0 && (
          <rect
            x={LEFT}
            y={y(0)}
            width={WIDTH - LEFT - RIGHT}
            height={y(lowest) - y(0)}
            className="curvature-negative"
          />
        )}
        {showBound && (
          <line
            className="landscape-mark"
            x1={LEFT}
            x2={WIDTH - RIGHT}
            y1={y(bound)}
            y2={y(bound)}
          />
        )}
        <path d={curve((f) => f.max)} className="landscape-curve" />
        <path d={curve((f) => f.min)} className="curvature-min" />
        {frames.map((f) => (
          <circle key={f.step} cx={x(f.step)} cy={y(f.max)} r={2.5} className="curvature-dot" />
        ))}
      </ChartFrame>
      <figcaption data-testid="curvature-track-caption">
        <span className="curvature-key-max">λmax</span> and{' '}
        <span className="curvature-key-min">λmin</span> at {frames.length} step
        {frames.length === 1 ? '' : 's'}; now λmax = {formatLoss(last.max)}, λmin ={' '}
        {formatLoss(last.min)}.{' '}
        {showBound
          ? `Dashed: 2/η = ${formatLoss(bound)}${last.max > bound ? ' — λmax is above it.' : '.'}`
          : `2/η = ${formatLoss(bound)} is far above λmax (η = ${last.learningRate}).`}{' '}
        {saddles > 0 && (
          <strong className="landscape-saddle">
            Negative curvature (a saddle direction) at {saddles} of them.
          </strong>
        )}
      </figcaption>
    </figure>
  );
}
