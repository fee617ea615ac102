// The run history: every run this browser trained (or imported), newest first, with how it
// ended and where it ran. Pick two or more to overlay their curves and see what differs;
// rename, delete, export and import them; reopen the experiment a run trained.
import { useMemo, useRef, useState } from 'react';
import { SetAsideList } from '../share/SetAsideList';
import { useAppStore } from '../store/store';
import type { RunRecord } from '../store/runRecord';
import { downloadBlob } from '../train/download';
import { formatDuration, formatInteger, formatLoss, formatPercent } from '../train/format';
import { loadCurrentSpec } from '../train/runActions';
import { RUN_COLORS, RunCompare } from './RunCompare';
import { MAX_RUN_FILE_BYTES, readRunsFile, runsFileText } from './runFile';
import { WeightsControls } from './WeightsControls';
import './runs.css';

const statusWords: Record<RunRecord['status'], string> = {
  running: 'training',
  paused: 'paused',
  finished: 'finished',
  diverged: 'diverged',
  failed: 'failed',
  interrupted: 'interrupted',
};

function RunName({ run }: { run: RunRecord }) {
  const [editing, setEditing] = useState(false);
  if (editing)
    return (
      <input
        className="run-name-input"
        defaultValue={run.name}
        autoFocus
        maxLength={200}
        aria-label="Run name"
        data-testid="run-name-input"
        onBlur={(e) => {
          useAppStore.getState().renameRun(run.id, e.target.value);
          setEditing(false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') setEditing(false);
        }}
      />
    );
  return (
    <button
      type="button"
      className="run-name"
      title="Rename"
      data-testid="run-name"
      onClick={() => setEditing(true)}
    >
      {run.name}
    </button>
  );
}

async function openRunSpec(run: RunRecord): Promise<void> {
  useAppStore.getState().replaceSpec(run.spec, `open the experiment of ${run.name}`);
  await loadCurrentSpec();
}

export function RunsPanel() {
  const runs = useAppStore((s) => s.runs);
  const selected = useAppStore((s) => s.selectedRunIds);
  const [fileMessage, setFileMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const importRef = useRef<HTMLInputElement>(null);
  const picked = useMemo(
    () =>
      selected
        .map((id) => runs.find((r) => r.id === id))
        .filter((r): r is RunRecord => r !== undefined),
    [runs, selected],
  );

  const exportRuns = () => {
    const chosen = picked.length > 0 ? picked : runs;
    downloadBlob(
      new Blob([runsFileText(chosen)], { type: 'application/json' }),
      `layercake-runs-${chosen.length}.json`,
    );
  };

  const importFile = async (file: File) => {
    if (file.size > MAX_RUN_FILE_BYTES)
      return setFileMessage({
        ok: false,
        text: `${file.name} is larger than any runs file (${(file.size / 2 ** 20).toFixed(0)} MB).`,
      });
    const result = readRunsFile(await file.text());
    if (!result.ok) return setFileMessage({ ok: false, text: result.message });
    const added = useAppStore.getState().importRuns(result.runs);
    const already = result.runs.length - added;
    setFileMessage({
      ok: result.skipped.length === 0,
      text:
        `Imported ${added} run${added === 1 ? '' : 's'}` +
        (already > 0 ? `; ${already} already here` : '') +
        (result.skipped.length > 0
          ? `; skipped ${result.skipped.length}: ${result.skipped.slice(0, 2).join('; ')}`
          : '') +
        '.',
    });
  };

  const selectedIndex = (id: string) => picked.findIndex((r) => r.id === id);

  return (
    <section className="panel runs-panel" aria-labelledby="runs-title" data-testid="runs-panel">
      <header className="runs-head">
        <h2 className="panel-title" id="runs-title">
          Runs <span className="runs-count">{runs.length}</span>
        </h2>
        <div className="runs-actions">
          <button
            type="button"
            className="button small"
            data-testid="runs-export"
            disabled={runs.length === 0}
            onClick={exportRuns}
          >
            {picked.length > 0 ? `Export ${picked.length}` : 'Export all'}
          </button>
          <button
            type="button"
            className="button small"
            data-testid="runs-import"
            onClick={() => importRef.current?.click()}
          >
            Import…
          </button>
          <input
            ref={importRef}
            type="file"
            accept=".json,application/json"
            hidden
            data-testid="runs-import-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
          <button
            type="button"
            className="button small"
            data-testid="runs-delete"
            disabled={picked.length === 0}
            onClick={() => useAppStore.getState().deleteRuns(picked.map((r) => r.id))}
          >
            Delete {picked.length > 0 ? picked.length : ''}
          </button>
        </div>
      </header>
      <WeightsControls />
      {fileMessage && (
        <p
          className={fileMessage.ok ? 'runs-message' : 'runs-message bad'}
          role="status"
          data-testid="runs-message"
        >
          {fileMessage.text}
        </p>
      )}
      {runs.length === 0 ? (
        <p className="runs-empty">Every run you train is listed here, kept in this browser.</p>
      ) : (
        <div className="runs-table-wrap">
          <table className="runs-table" data-testid="runs-table">
            <thead>
              <tr>
                <th scope="col" aria-label="Compare" />
                <th scope="col">Run</th>
                <th scope="col">Status</th>
                <th scope="col">Steps</th>
                <th scope="col">Loss</th>
                <th scope="col">Test acc.</th>
                <th scope="col">Samples/s</th>
                <th scope="col">Time</th>
                <th scope="col">Backend</th>
                <th scope="col" aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => {
                const index = selectedIndex(run.id);
                return (
                  <tr
                    key={run.id}
                    data-testid="run-row"
                    data-run-id={run.id}
                    data-status={run.status}
                  >
                    <td>
                      <input
                        type="checkbox"
                        checked={index >= 0}
                        aria-label={`Compare ${run.name}`}
                        data-testid="run-select"
                        onChange={() => useAppStore.getState().toggleRunSelected(run.id)}
                      />
                      {index >= 0 && (
                        <span className="run-pick" title={`Run ${index + 1} in the comparison`}>
                          <span
                            className="legend-swatch"
                            style={{ background: RUN_COLORS[index % RUN_COLORS.length] }}
                          />
                          {index + 1}
                        </span>
                      )}
                    </td>
                    <td className="run-name-cell">
                      <RunName run={run} />
                      <span className="run-when">
                        {new Date(run.createdAt).toLocaleString('en', {
                          dateStyle: 'medium',
                          timeStyle: 'short',
                        })}{' '}
                        · seed {run.seed} ·{' '}
                        <code title="spec hash: same hash, same experiment">
                          {run.specHash.slice(0, 8)}
                        </code>
                      </span>
                    </td>
                    <td>
                      <span className={`run-status ${run.status}`}>{statusWords[run.status]}</span>
                    </td>
                    <td className="num">
                      {formatInteger(run.steps)}
                      <span className="run-of"> / {formatInteger(run.totalSteps)}</span>
                    </td>
                    <td className="num">{formatLoss(run.final.trainLoss)}</td>
                    <td className="num">{formatPercent(run.final.testAccuracy)}</td>
                    <td className="num">{formatInteger(run.samplesPerSec)}</td>
                    <td className="num">
                      {run.durationMs < 60_000
                        ? `${(run.durationMs / 1000).toFixed(1)} s`
                        : formatDuration(run.durationMs)}
                    </td>
                    <td title={run.backend.adapter ?? undefined}>
                      {run.backend.name}
                      <span className="run-of"> · v{run.engineVersion}</span>
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button small"
                        data-testid="run-open"
                        title="Open the experiment this run trained"
                        onClick={() => void openRunSpec(run)}
                      >
                        Open
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {picked.length === 1 && <p className="runs-hint">Pick one more run to compare.</p>}
      {picked.length >= 2 && <RunCompare runs={picked} />}
      <SetAsideList />
    </section>
  );
}
