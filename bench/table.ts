// The results as a plain-text table for the terminal. Optional columns (GFLOP/s, test accuracy,
// the ratios, where the engine ran) appear only when some record has a value for them.
import type { BenchRecord } from './record';

function fixed(v: number | null | undefined, digits: number): string {
  return v === null || v === undefined ? '—' : v.toFixed(digits);
}

function ratio(v: number | null | undefined, against?: string | null): string {
  if (v === null || v === undefined) return '—';
  return against ? `${v.toFixed(2)}× ${against}` : `${v.toFixed(2)}×`;
}

interface Column {
  header: string;
  numeric: boolean;
  /** Shown only when some row has a value (or when `visible` says so). */
  optional: boolean;
  visible?: (records: readonly BenchRecord[]) => boolean;
  cell: (r: BenchRecord) => string;
}

const columns: Column[] = [
  { header: 'suite', numeric: false, optional: false, cell: (r) => r.suite },
  { header: 'model', numeric: false, optional: false, cell: (r) => r.model },
  {
    header: 'engine',
    numeric: false,
    optional: false,
    cell: (r) => `${r.engine}/${r.backend}`,
  },
  {
    header: 'where',
    numeric: false,
    optional: true,
    visible: (records) => records.some((r) => r.environment === 'browser'),
    cell: (r) => r.environment ?? 'node',
  },
  {
    header: 'steps',
    numeric: true,
    optional: false,
    cell: (r) => `${r.warmupSteps}+${r.steps}`,
  },
  { header: 'samples/s', numeric: true, optional: false, cell: (r) => fixed(r.samplesPerSec, 0) },
  {
    header: 'panels closed samples/s',
    numeric: true,
    optional: true,
    cell: (r) => fixed(r.samplesPerSecPanelsClosed, 0),
  },
  {
    header: 'slower with panels',
    numeric: true,
    optional: true,
    cell: (r) => (r.panelSlowdown == null ? '—' : `${(100 * r.panelSlowdown).toFixed(1)} %`),
  },
  { header: 'GFLOP/s', numeric: true, optional: true, cell: (r) => fixed(r.gflops, 2) },
  { header: 'ms/step', numeric: true, optional: false, cell: (r) => fixed(r.msPerStep, 1) },
  {
    header: 'longest task ms',
    numeric: true,
    optional: true,
    cell: (r) => fixed(r.longestTaskMs, 0),
  },
  {
    header: 'tasks > 50 ms',
    numeric: true,
    optional: true,
    cell: (r) => fixed(r.tasksOver50ms, 0),
  },
  {
    header: 'longest task CPU ms',
    numeric: true,
    optional: true,
    cell: (r) => fixed(r.longestTaskCpuMs, 1),
  },
  {
    header: 'tasks > 50 ms CPU',
    numeric: true,
    optional: true,
    cell: (r) => fixed(r.tasksOver50msCpu, 0),
  },
  {
    header: 'longest frame gap ms',
    numeric: true,
    optional: true,
    cell: (r) => fixed(r.longestFrameGapMs, 0),
  },
  {
    header: 'first step ms',
    numeric: true,
    optional: false,
    cell: (r) => fixed(r.firstStepMs, 0),
  },
  {
    header: 'test acc',
    numeric: true,
    optional: true,
    cell: (r) => (r.testAccuracy === null ? '—' : `${(r.testAccuracy * 100).toFixed(2)}%`),
  },
  { header: '× tfjs-cpu', numeric: true, optional: true, cell: (r) => ratio(r.ratioVsTfjsCpu) },
  {
    header: '× tfjs-webgl',
    numeric: true,
    optional: true,
    cell: (r) => ratio(r.ratioVsTfjsWebgl),
  },
  {
    header: '× best tfjs',
    numeric: true,
    optional: true,
    cell: (r) => ratio(r.ratioVsTfjsBest, r.bestTfjs),
  },
  { header: 'note', numeric: false, optional: false, cell: (r) => r.error ?? '' },
];

export function formatTable(records: readonly BenchRecord[]): string {
  const all = columns.map((c) => ({ ...c, cells: records.map(c.cell) }));
  const shown = all.filter(
    (c) =>
      !c.optional || (c.visible ? c.visible(records) : c.cells.some((v) => v !== '—' && v !== '')),
  );
  const widths = shown.map((c) => Math.max(c.header.length, ...c.cells.map((v) => v.length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (shown[i].numeric ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const rows = records.map((_, row) => line(shown.map((c) => c.cells[row])));
  return [
    line(shown.map((c) => c.header)),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows,
  ].join('\n');
}
