// The test accuracy of each class, as a bar per class on one canvas: which digits the model
// finds hard.
import { useCallback, useState } from 'react';
import type { TestReportFrame } from '../../engine/analysis/insightFrames';
import type { AppState } from '../store/store';
import { fitCanvas } from './planeCanvas';
import { POSITIVE } from './vizColors';
import { useStoreDrawing } from './useStoreDrawing';

const ROW = 20;
const WIDTH = 220;
const LABEL = 22;
const VALUE = 52;
const selectReport = (s: AppState) => s.testReport;

export function ClassAccuracy({ classes }: { classes: number }) {
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  const height = classes * ROW + 18;
  const draw = useCallback(
    (frame: TestReportFrame | null) => {
      if (canvas === null) return;
      const ctx = fitCanvas(canvas, WIDTH, height);
      if (ctx === null) return;
      ctx.clearRect(0, 0, WIDTH, height);
      ctx.font = '12px system-ui, sans-serif';
      ctx.textBaseline = 'middle';
      const bar = WIDTH - LABEL - VALUE;
      // Gridlines at 0, 50 and 100 %, labelled below.
      ctx.fillStyle = '#8a94a3';
      ctx.textAlign = 'center';
      for (const t of [0, 0.5, 1]) {
        ctx.fillRect(LABEL + bar * t - 0.5, 0, 1, classes * ROW);
        ctx.fillText(
          `${t * 100} %`,
          Math.min(LABEL + bar * t, WIDTH - VALUE - 12),
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
        if (Number.isFinite(a)) ctx.fillRect(LABEL, y + 4, bar * a, ROW - 8);
        ctx.fillStyle = '#1c2430';
        ctx.textAlign = 'right';
        ctx.fillText(
          Number.isFinite(a) ? `${(100 * a).toFixed(1)} %` : '—',
          WIDTH - 2,
          y + ROW / 2,
        );
      }
    },
    [canvas, height, classes],
  );
  useStoreDrawing(selectReport, draw);
  return (
    <figure className="class-accuracy">
      <canvas
        ref={setCanvas}
        style={{ width: WIDTH, height }}
        role="img"
        aria-label="Test accuracy of each class"
        data-testid="class-accuracy"
      />
      <figcaption>Accuracy per class</figcaption>
    </figure>
  );
}
