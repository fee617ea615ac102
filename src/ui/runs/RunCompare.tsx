// Two or more runs side by side: their training curves overlaid on one chart (the dashboard's
// own LiveChart, each run in its own colour) and a table of the settings that differ.
import { useMemo } from 'react';
import { Series } from '../store/runSeries';
import type { Curve as RunCurve, RunRecord } from '../store/runRecord';
import { useAppStore } from '../store/store';
import { LiveChart, type Curve } from '../train/LiveChart';
import { settingsDiff } from './settingsDiff';

/** Distinct on white and for the common colour-vision deficiencies (Okabe–Ito, most of it). */
export const RUN_COLORS = [
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#e69f00',
  '#56b4e9',
  '#000000',
  '#8c564b',
];

function seriesOf(curve: RunCurve): Series {
  const s = new Series();
  for (let i = 0; i < curve.steps.length; i++) s.push(curve.steps[i], curve.values[i] ?? NaN);
  return s;
}

const formatLoss = (v: number) => (Number.isFinite(v) ? v.toPrecision(4) : String(v));
const formatAccuracy = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : '—');
const accuracyDomain: readonly [number, number] = [0, 1];

export function RunCompare({ runs }: { runs: RunRecord[] }) {
  const smoothing = useAppStore((s) => s.spec.view.smoothing);
  const curves = useMemo(() => {
    const loss: Curve[] = [];
    const accuracy: Curve[] = [];
    runs.forEach((run, i) => {
      const color = RUN_COLORS[i % RUN_COLORS.length];
      // Numbered as in the table below (two runs may share a name); short, so legends fit.
      const label = `Run ${i + 1}`;
      loss.push({
        series: seriesOf(run.curves.trainLoss),
        label,
        shortLabel: `${i + 1}`,
        color,
        kind: 'line',
      });
      if (run.curves.trainAccuracy.values.some((v) => v !== null))
        accuracy.push({
          series: seriesOf(run.curves.trainAccuracy),
          label,
          shortLabel: `${i + 1}`,
          color,
          kind: 'line',
        });
    });
    return { loss, accuracy };
  }, [runs]);
  const totalSteps = Math.max(0, ...runs.map((r) => r.totalSteps));
  const diff = useMemo(() => settingsDiff(runs.map((r) => r.spec)), [runs]);
  const facts: [string, (r: RunRecord) => string][] = [
    ['backend', (r) => r.backend.name],
    ['engine', (r) => r.engineVersion],
  ];
  const factRows = facts
    .map(([name, of]) => ({ setting: name, values: runs.map(of) }))
    .filter((row) => row.values.some((v) => v !== row.values[0]));
  const rows = [...diff, ...factRows];
  return (
    <section className="run-compare" data-testid="run-compare" aria-label="Run comparison">
      <div className="charts">
        <LiveChart
          title="Training loss"
          yLabel="Loss"
          curves={curves.loss}
          formatValue={formatLoss}
          smoothing={smoothing}
          xAxis="step"
          stepsPerEpoch={0}
          totalSteps={totalSteps}
          testId="compare-loss-chart"
          fileName="layercake-compare-loss"
        />
        {curves.accuracy.length > 0 && (
          <LiveChart
            title="Training accuracy"
            yLabel="Accuracy"
            curves={curves.accuracy}
            yDomain={accuracyDomain}
            yFormat=".0%"
            formatValue={formatAccuracy}
            smoothing={smoothing}
            xAxis="step"
            stepsPerEpoch={0}
            totalSteps={totalSteps}
            testId="compare-accuracy-chart"
            fileName="layercake-compare-accuracy"
          />
        )}
      </div>
      <table className="runs-diff" data-testid="runs-diff">
        <caption>
          {rows.length === 0 ? 'These runs have the same settings.' : 'Settings that differ'}
        </caption>
        {rows.length > 0 && (
          <>
            <thead>
              <tr>
                <th scope="col">Setting</th>
                {runs.map((r, i) => (
                  <th key={r.id} scope="col">
                    <span
                      className="legend-swatch"
                      style={{ background: RUN_COLORS[i % RUN_COLORS.length] }}
                    />
                    Run {i + 1}: {r.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.setting}>
                  <th scope="row">{row.setting}</th>
                  {row.values.map((v, i) => (
                    <td key={i}>{v}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </>
        )}
      </table>
    </section>
  );
}
