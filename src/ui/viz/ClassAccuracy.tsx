// The test accuracy of each class, as a bar per class on one canvas: which classes the model
// finds hard.
import { useCallback, useState } from 'react';
import type { TestReportFrame } from '../../engine/analysis/insightFrames';
import { useAppStore, type AppState } from '../store/store';
import { fitCanvas } from './planeCanvas';
import { POSITIVE } from './vizColors';
import { useStoreDrawing } from './useStoreDrawing';
import { labelWidth } from './sampleNoun';

const ROW = 20;
const BAR = 146;
const VALUE = 52;
const FONT_PX = 12;
const selectReport = (s: AppState) => s.testReport;
const selectNames = (s: AppState) => s.testReport?.classNames ?? null;

export function ClassAccuracy({ classes }: { classes: number }) {
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  const height = classes * ROW + 18;
  // Room for the longest class name ("automobile"), at least a digit's.
  const names = useAppStore(selectNames);
  const label = Math.max(22, labelWidth(names ?? ['0'], FONT_PX) + 8);
  const width = label + BAR + VALUE;
  const draw = useCallback(
    (frame: TestReportFrame | null) => {
      if (canvas === null) return;
      const ctx = fitCanvas(canvas, width, height);
      if (ctx === null) return;
      ctx.clearRect(0, 0, width, height);
      ctx.font = `${FONT_PX}px system-ui, sans-serif`;
      ctx.textBaseline = 'middle';
      const bar = BAR;
      // Gridlines at 0, 50 and 100 %, labelled below.
      ctx.fillStyle = '#8a94a3';
      ctx.textAlign = 'center';
      for (const t of [0, 0.5, 1]) {
        ctx.fillRect(label + bar * t - 0.5, 0, 1, classes * ROW);
        ctx.fillText(
          `${t * 100} %`,
          Math.min(label + bar * t, width - VALUE - 12),
          classes * ROW + 9,
        );
      }
      for (let k = 0; k < classes; k++) {
        const y = k * ROW;
        ctx.textAlign = 'left';
        ctx.fillStyle = '#5f6b7a';
        ctx.fillText(frame?.classNames[k] ?? String(k), 2, y + ROW / 2);
        if (frame === null) continue;
        const a = frame.report.classAccuracy[k];
        ctx.fillStyle = `rgb(${POSITIVE.join(',')})`;
        if (Number.isFinite(a)) ctx.fillRect(label, y + 4, bar * a, ROW - 8);
        ctx.fillStyle = '#1c2430';
        ctx.textAlign = 'right';
        ctx.fillText(
          Number.isFinite(a) ? `${(100 * a).toFixed(1)} %` : '—',
          width - 2,
          y + ROW / 2,
        );
      }
    },
    [canvas, height, classes, label, width],
  );
  useStoreDrawing(selectReport, draw);
  return (
    <figure className="class-accuracy">
      <canvas
        ref={setCanvas}
        style={{ width, height }}
        role="img"
        aria-label="Test accuracy of each class"
        data-testid="class-accuracy"
      />
      <figcaption>Accuracy per class</figcaption>
    </figure>
  );
}
