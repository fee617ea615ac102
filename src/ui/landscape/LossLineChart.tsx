// The loss along the straight line from the initial weights (t = 0) to the current ones
// (t = 1), a little past both ends: whether training went down one smooth valley or over a ridge.
import { line, scaleLinear } from 'd3';
import type { LossLineFrame } from '../../engine/analysis/landscapeFrames';
import { CHART_MARGIN, ChartFrame } from './ChartFrame';

const WIDTH = 360;
const HEIGHT = 220;
const { left: LEFT, right: RIGHT, top: TOP, bottom: BOTTOM } = CHART_MARGIN;

export function LossLineChart({ frame }: { frame: LossLineFrame }) {
  const ts = Array.from(frame.t);
  const losses = Array.from(frame.losses);
  const finite = losses.filter(Number.isFinite);
  const x = scaleLinear()
    .domain([ts[0], ts[ts.length - 1]])
    .range([LEFT, WIDTH - RIGHT]);
  const y = scaleLinear()
    .domain([Math.min(...finite), Math.max(...finite)])
    .nice()
    .range([HEIGHT - BOTTOM, TOP]);
  const path = line<number>()
    .defined((_, i) => Number.isFinite(losses[i]))
    .x((_, i) => x(ts[i]))
    .y((v) => y(v))(losses);
  return (
    <ChartFrame
      width={WIDTH}
      height={HEIGHT}
      x={x}
      y={y}
      xTicks={6}
      yTicks={4}
      xTitle="t (0: initial weights, 1: now)"
      yTitle="loss"
      testId="landscape-line-chart"
      label="Loss along the line from the initial to the current weights"
    >
      {[0, 1].map((t) => (
        <line
          key={t}
          className="landscape-mark"
          x1={x(t)}
          x2={x(t)}
          y1={TOP}
          y2={HEIGHT - BOTTOM}
        />
      ))}
      <path d={path ?? ''} className="landscape-curve" />
    </ChartFrame>
  );
}
