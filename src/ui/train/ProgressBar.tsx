// A thin progress bar. The fill is scaled, not resized: a transform is the compositor's job, so
// a bar that moves twenty times a second while training costs the page no layout or paint.
export function ProgressBar({
  fraction,
  label,
  testId,
}: {
  fraction: number;
  label: string;
  testId?: string;
}) {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(f * 100)}
      data-testid={testId}
    >
      <div className="progress-fill" style={{ transform: `scaleX(${f.toFixed(4)})` }} />
    </div>
  );
}
