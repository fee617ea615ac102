// How the dashboard writes numbers: fixed widths where they change live, so nothing jitters.

export const DASH = '—';

export function formatLoss(v: number | null): string {
  if (v === null) return DASH;
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 1000 ? v.toExponential(2) : v.toFixed(4);
}

export function formatPercent(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return DASH;
  return `${(v * 100).toFixed(1)} %`;
}

export function formatInteger(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return DASH;
  return Math.round(v).toLocaleString('en');
}

export function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}
