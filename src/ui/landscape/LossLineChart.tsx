// The loss along the straight line from the initial weights (t = 0) to the current ones
// (t = 1), a little past both ends: whether training went down one smooth valley or over a ridge.
import { line, scaleLinear } from 'd3';
import type { LossLineFrame } from '../../engine/analysis/landscapeFrames';
import { AxisTicks } from '../lab/AxisTicks';

const WIDTH = 360;
const HEIGHT = 220;
const LEFT = 54;
const RIGHT = 10;
const TOP = 10;
const BOTTOM = 36;

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
    <svg
      className="landscape-line"
      width={WIDTH}
      height={HEIGHT}
      data-testid="landscape-line-chart"
      role="img"
      aria-label="Loss along the line from the initial to the current weights"
    >
      <rect
        x={LEFT}
        y={TOP}
        width={WIDTH - LEFT - RIGHT}
        height={HEIGHT - TOP - BOTTOM}
        className="landscape-frame"
      />
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
      <g>
        <AxisTicks x={x} y={y} xTicks={6} yTicks={4} bottom={HEIGHT - BOTTOM} left={LEFT} />
        <text x={(LEFT + WIDTH - RIGHT) / 2} y={HEIGHT - 3} textAnchor="middle">
          t (0: initial weights, 1: now)
        </text>
        <text
          textAnchor="middle"
          transform={`translate(11,${(TOP + HEIGHT - BOTTOM) / 2}) rotate(-90)`}
        >
          loss
        </text>
      </g>
    </svg>
  );
}
