// The results as a plain-text table for the terminal.
import type { BenchRecord } from './record';

function fixed(v: number | null, digits: number): string {
  return v === null ? '—' : v.toFixed(digits);
}

export function formatTable(records: readonly BenchRecord[]): string {
  const header = [
    'suite',
    'model',
    'engine',
    'steps',
    'samples/s',
    'ms/step',
    'first step ms',
    'test acc',
    '× tfjs-cpu',
    'note',
  ];
  const rows = records.map((r) => [
    r.suite,
    r.model,
    `${r.engine}/${r.backend}`,
    `${r.warmupSteps}+${r.steps}`,
    fixed(r.samplesPerSec, 0),
    fixed(r.msPerStep, 1),
    fixed(r.firstStepMs, 0),
    r.testAccuracy === null ? '—' : `${(r.testAccuracy * 100).toFixed(2)}%`,
    r.ratioVsTfjsCpu === null ? '—' : `${r.ratioVsTfjsCpu.toFixed(2)}×`,
    r.error ?? '',
  ]);
  const numeric = new Set([3, 4, 5, 6, 7, 8]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
