// The frame the landscape's line charts share: an SVG of fixed size with the plot's box,
// d3 ticks on both axes and the axis titles; the chart draws its curves inside.
import type { ReactNode } from 'react';
import type { ScaleLinear } from 'd3';
import { AxisTicks } from '../lab/AxisTicks';

export const CHART_MARGIN = { left: 58, right: 10, top: 10, bottom: 36 };

interface Props {
  width: number;
  height: number;
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  xTicks: number;
  yTicks: number;
  xTitle: string;
  yTitle: string;
  testId: string;
  label: string;
  children: ReactNode;
}

export function ChartFrame(props: Props) {
  const { width, height, x, y, xTicks, yTicks, xTitle, yTitle, testId, label, children } = props;
  const { left, right, top, bottom } = CHART_MARGIN;
  return (
    <svg
      className="landscape-line"
      width={width}
      height={height}
      data-testid={testId}
      role="img"
      aria-label={label}
    >
      <rect
        x={left}
        y={top}
        width={width - left - right}
        height={height - top - bottom}
        className="landscape-frame"
      />
      {children}
      <AxisTicks x={x} y={y} xTicks={xTicks} yTicks={yTicks} bottom={height - bottom} left={left} />
      <text x={(left + width - right) / 2} y={height - 3} textAnchor="middle">
        {xTitle}
      </text>
      <text
        textAnchor="middle"
        transform={`translate(11,${(top + height - bottom) / 2}) rotate(-90)`}
      >
        {yTitle}
      </text>
    </svg>
  );
}
