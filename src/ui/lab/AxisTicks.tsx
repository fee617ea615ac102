// Tick marks and labels of a plot's bottom and left axes, in SVG, from d3 scales: shared by
// the lab's maps and the real network's landscape charts.
type Scale = { (value: number): number; ticks(count: number): number[] };

export function AxisTicks({
  x,
  y,
  xTicks,
  yTicks,
  bottom,
  left,
}: {
  x: Scale;
  y: Scale;
  xTicks: number;
  yTicks: number;
  /** The x axis's height in the SVG, and the y axis's offset. */
  bottom: number;
  left: number;
}) {
  return (
    <>
      {x.ticks(xTicks).map((t) => (
        <g key={`x${t}`} transform={`translate(${x(t)},${bottom})`}>
          <line y2={5} />
          <text y={17} textAnchor="middle">
            {t}
          </text>
        </g>
      ))}
      {y.ticks(yTicks).map((t) => (
        <g key={`y${t}`} transform={`translate(${left},${y(t)})`}>
          <line x2={-5} />
          <text x={-8} dy="0.32em" textAnchor="end">
            {t}
          </text>
        </g>
      ))}
    </>
  );
}
