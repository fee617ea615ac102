// The KL divergence of a t-SNE run so far, as a small line: enough to see it fall.
export function KlSparkline({ points }: { points: { iteration: number; kl: number }[] }) {
  const w = 120;
  const h = 26;
  if (points.length < 2) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    lo = Math.min(lo, p.kl);
    hi = Math.max(hi, p.kl);
  }
  const first = points[0].iteration;
  const span = Math.max(1, points[points.length - 1].iteration - first);
  const range = Math.max(hi - lo, 1e-9);
  const d = points
    .map((p, i) => {
      const x = ((p.iteration - first) / span) * (w - 2) + 1;
      const y = h - 1 - ((p.kl - lo) / range) * (h - 2);
      return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join('');
  return (
    <svg
      className="embedding-map-spark"
      width={w}
      height={h}
      role="img"
      data-testid="kl-sparkline"
      data-points={points.length}
      data-first={points[0].kl}
      data-last={points[points.length - 1].kl}
      aria-label={`KL divergence from ${points[0].kl.toFixed(3)} to ${points[points.length - 1].kl.toFixed(3)}`}
    >
      <path d={d} fill="none" stroke="#2563eb" strokeWidth={1.5} />
    </svg>
  );
}
