// The confusion matrix of the latest test evaluation on one canvas: a row per true class, a
// column per predicted class, each cell's count written in it; the diagonal (right) in blue by
// the share of its class, the mistakes in orange by how many there are against the largest
// mistake. Pointing names a cell; clicking one shows its examples.
import { useCallback, useState, type MouseEvent } from 'react';
import type { TestReportFrame } from '../../engine/analysis/insightFrames';
import { useAppStore, type AppState } from '../store/store';
import { fitCanvas } from './planeCanvas';
import { NEGATIVE, POSITIVE } from './vizColors';
import { useStoreDrawing } from './useStoreDrawing';

const CELL = 30;
const LEFT = 40;
const TOP = 34;
const selectReport = (s: AppState) => s.testReport;

function mix(rgb: readonly number[], t: number): string {
  const c = rgb.map((v) => Math.round(255 + (v - 255) * Math.max(0, Math.min(1, t))));
  return `rgb(${c.join(',')})`;
}

export function confusionCellAt(
  classes: number,
  x: number,
  y: number,
): { label: number; predicted: number } | null {
  const predicted = Math.floor((x - LEFT) / CELL);
  const label = Math.floor((y - TOP) / CELL);
  if (x < LEFT || y < TOP || predicted >= classes || label >= classes) return null;
  return { label, predicted };
}

export function ConfusionMatrix({
  classes,
  onPick,
  picked,
}: {
  classes: number;
  onPick: (cell: { label: number; predicted: number }) => void;
  picked: { label: number; predicted: number } | null;
}) {
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  const [hover, setHover] = useState<string | null>(null);
  const width = LEFT + classes * CELL + 4;
  const height = TOP + classes * CELL + 4;
  const draw = useCallback(
    (frame: TestReportFrame | null) => {
      if (canvas === null) return;
      const ctx = fitCanvas(canvas, width, height);
      if (ctx === null) return;
      ctx.clearRect(0, 0, width, height);
      ctx.font = '11px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillStyle = '#5f6b7a';
      ctx.fillText('predicted', LEFT + (classes * CELL) / 2, 8);
      ctx.save();
      ctx.translate(9, TOP + (classes * CELL) / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.fillText('true', 0, 0);
      ctx.restore();
      const names = frame?.classNames ?? Array.from({ length: classes }, (_, k) => String(k));
      for (let k = 0; k < classes; k++) {
        ctx.fillStyle = '#1c2430';
        ctx.fillText(names[k], LEFT + k * CELL + CELL / 2, TOP - 10);
        ctx.fillText(names[k], LEFT - 12, TOP + k * CELL + CELL / 2);
      }
      if (frame === null) return;
      const { confusion } = frame.report;
      let maxWrong = 1;
      for (let i = 0; i < classes; i++)
        for (let j = 0; j < classes; j++)
          if (i !== j) maxWrong = Math.max(maxWrong, confusion[i * classes + j]);
      for (let i = 0; i < classes; i++) {
        let row = 0;
        for (let j = 0; j < classes; j++) row += confusion[i * classes + j];
        for (let j = 0; j < classes; j++) {
          const n = confusion[i * classes + j];
          const x = LEFT + j * CELL;
          const y = TOP + i * CELL;
          const t = i === j ? n / Math.max(1, row) : n / maxWrong;
          ctx.fillStyle = n === 0 ? '#f7f8fa' : mix(i === j ? POSITIVE : NEGATIVE, 0.15 + 0.75 * t);
          ctx.fillRect(x + 1, y + 1, CELL - 2, CELL - 2);
          if (n === 0) continue;
          ctx.fillStyle = t > 0.6 ? '#ffffff' : '#1c2430';
          ctx.fillText(String(n), x + CELL / 2, y + CELL / 2 + 0.5);
        }
      }
      if (picked) {
        ctx.strokeStyle = '#1c2430';
        ctx.lineWidth = 2;
        ctx.strokeRect(
          LEFT + picked.predicted * CELL + 1,
          TOP + picked.label * CELL + 1,
          CELL - 2,
          CELL - 2,
        );
      }
    },
    [canvas, width, height, classes, picked],
  );
  useStoreDrawing(selectReport, draw);

  const cellOf = (e: MouseEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return confusionCellAt(classes, e.clientX - rect.left, e.clientY - rect.top);
  };
  const onPointerMove = (e: MouseEvent<HTMLCanvasElement>) => {
    const cell = cellOf(e);
    const frame = useAppStore.getState().testReport;
    if (cell === null || frame === null) {
      setHover(null);
      return;
    }
    const n = frame.report.confusion[cell.label * classes + cell.predicted];
    const names = frame.classNames;
    setHover(
      cell.label === cell.predicted
        ? `${n} ${names[cell.label]}s recognised`
        : `${n} ${names[cell.label]}s taken for ${names[cell.predicted]}`,
    );
  };
  return (
    <figure className="confusion">
      <canvas
        ref={setCanvas}
        style={{ width, height, cursor: 'pointer' }}
        role="img"
        aria-label="Confusion matrix of the test set: true class by row, predicted class by column"
        data-testid="confusion-matrix"
        data-left={LEFT}
        data-top={TOP}
        data-cell={CELL}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHover(null)}
        onClick={(e) => {
          const cell = cellOf(e);
          if (cell) onPick(cell);
        }}
      />
      <figcaption data-testid="confusion-hover">
        {hover ?? 'Click a cell to see its test digits.'}
      </figcaption>
    </figure>
  );
}
