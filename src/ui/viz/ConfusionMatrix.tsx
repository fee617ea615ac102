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
import { labelWidth, sampleNoun } from './sampleNoun';

const CELL = 30;
const FONT_PX = 11;
const selectReport = (s: AppState) => s.testReport;
const selectNames = (s: AppState) => s.testReport?.classNames ?? null;

/** Where the cells start: room for the row names on the left and the column names above. */
export interface MatrixLayout {
  left: number;
  top: number;
  /** Column names written upwards (names wider than a cell, CIFAR-10's), or level (digits). */
  vertical: boolean;
}

export function matrixLayout(names: readonly string[] | null): MatrixLayout {
  const w = labelWidth(names ?? ['0'], FONT_PX);
  const vertical = w > CELL - 6;
  return { left: Math.max(40, w + 26), top: vertical ? w + 26 : 34, vertical };
}

function mix(rgb: readonly number[], t: number): string {
  const c = rgb.map((v) => Math.round(255 + (v - 255) * Math.max(0, Math.min(1, t))));
  return `rgb(${c.join(',')})`;
}

export function confusionCellAt(
  classes: number,
  x: number,
  y: number,
  layout: MatrixLayout = matrixLayout(null),
): { label: number; predicted: number } | null {
  const { left, top } = layout;
  const predicted = Math.floor((x - left) / CELL);
  const label = Math.floor((y - top) / CELL);
  if (x < left || y < top || predicted >= classes || label >= classes) return null;
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
  const names = useAppStore(selectNames);
  const noun = useAppStore((s) => sampleNoun(s.spec.data.dataset).many);
  const layout = matrixLayout(names);
  const { left, top, vertical } = layout;
  const width = left + classes * CELL + 4;
  const height = top + classes * CELL + 4;
  const draw = useCallback(
    (frame: TestReportFrame | null) => {
      if (canvas === null) return;
      const ctx = fitCanvas(canvas, width, height);
      if (ctx === null) return;
      ctx.clearRect(0, 0, width, height);
      ctx.font = `${FONT_PX}px system-ui, sans-serif`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillStyle = '#5f6b7a';
      ctx.fillText('predicted', left + (classes * CELL) / 2, 8);
      ctx.save();
      ctx.translate(9, top + (classes * CELL) / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.fillText('true', 0, 0);
      ctx.restore();
      const names = frame?.classNames ?? Array.from({ length: classes }, (_, k) => String(k));
      ctx.fillStyle = '#1c2430';
      for (let k = 0; k < classes; k++) {
        const middle = k * CELL + CELL / 2;
        if (vertical) {
          // Upwards from just above its column, right-aligned to the cells.
          ctx.save();
          ctx.translate(left + middle, top - 5);
          ctx.rotate(-Math.PI / 2);
          ctx.textAlign = 'left';
          ctx.fillText(names[k], 0, 0);
          ctx.restore();
        } else {
          ctx.fillText(names[k], left + middle, top - 10);
        }
        ctx.textAlign = 'right';
        ctx.fillText(names[k], left - 5, top + middle);
        ctx.textAlign = 'center';
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
          const x = left + j * CELL;
          const y = top + i * CELL;
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
          left + picked.predicted * CELL + 1,
          top + picked.label * CELL + 1,
          CELL - 2,
          CELL - 2,
        );
      }
    },
    [canvas, width, height, classes, picked, left, top, vertical],
  );
  useStoreDrawing(selectReport, draw);

  const cellOf = (e: MouseEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return confusionCellAt(classes, e.clientX - rect.left, e.clientY - rect.top, layout);
  };
  const onPointerMove = (e: MouseEvent<HTMLCanvasElement>) => {
    const cell = cellOf(e);
    const frame = useAppStore.getState().testReport;
    if (cell === null || frame === null) {
      setHover(null);
      return;
    }
    const n = frame.report.confusion[cell.label * classes + cell.predicted];
    const name = (k: number) => frame.classNames[k] ?? String(k);
    setHover(
      cell.label === cell.predicted
        ? `${n.toLocaleString('en')} test ${noun} of ${name(cell.label)} recognised`
        : `${n.toLocaleString('en')} test ${noun} of ${name(cell.label)} taken for ${name(cell.predicted)}`,
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
        data-left={left}
        data-top={top}
        data-cell={CELL}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHover(null)}
        onClick={(e) => {
          const cell = cellOf(e);
          if (cell) onPick(cell);
        }}
      />
      <figcaption data-testid="confusion-hover">
        {hover ?? `Click a cell to see its test ${noun}.`}
      </figcaption>
    </figure>
  );
}
