// The model's class probabilities for the probe input, one bar per class, on one canvas; the
// predicted class in the accent colour. Each bar's value is also in the DOM (data-value) for
// screen readers and tests.
import { useCallback, useState } from 'react';
import type { ProbeFrame } from '../../engine/analysis/insightFrames';
import type { AppState } from '../store/store';
import { fitCanvas } from './planeCanvas';
import { useStoreDrawing } from './useStoreDrawing';

const ROW = 17;
const LABEL = 18;
const WIDTH = 200;
const VALUE = 54;

const selectProbe = (s: AppState) => s.probe;

function values(frame: ProbeFrame): Float32Array {
  return frame.result.probabilities ?? frame.result.scores;
}

export function ProbabilityBars({
  classNames,
  when,
  testId,
}: {
  classNames: string[];
  /** Only frames this accepts are shown (the drawing's, or any). */
  when: (frame: ProbeFrame) => boolean;
  testId: string;
}) {
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  const [shown, setShown] = useState<number[]>([]);
  const height = classNames.length * ROW;
  const draw = useCallback(
    (frame: ProbeFrame | null) => {
      if (canvas === null) return;
      const ctx = fitCanvas(canvas, WIDTH, height);
      if (ctx === null) return;
      ctx.clearRect(0, 0, WIDTH, height);
      const ok = frame !== null && when(frame);
      const p = ok ? values(frame) : null;
      const predicted = ok ? frame.result.predicted : -1;
      const barWidth = WIDTH - LABEL - VALUE;
      ctx.font = '12px system-ui, sans-serif';
      ctx.textBaseline = 'middle';
      classNames.forEach((name, k) => {
        const y = k * ROW;
        ctx.fillStyle = '#5f6b7a';
        ctx.textAlign = 'left';
        ctx.fillText(name, 2, y + ROW / 2);
        ctx.fillStyle = '#eef0f3';
        ctx.fillRect(LABEL, y + 3, barWidth, ROW - 6);
        if (p === null) return;
        const v = Math.max(0, Math.min(1, p[k]));
        ctx.fillStyle = k === predicted ? '#2563eb' : '#9aa5b4';
        ctx.fillRect(LABEL, y + 3, barWidth * v, ROW - 6);
        ctx.fillStyle = '#1c2430';
        ctx.textAlign = 'right';
        ctx.fillText(`${(100 * p[k]).toFixed(1)} %`, WIDTH - 2, y + ROW / 2);
      });
      setShown(p === null ? [] : Array.from(p));
    },
    [canvas, classNames, height, when],
  );
  useStoreDrawing(selectProbe, draw);
  return (
    <div className="probability-bars" data-testid={testId}>
      <canvas
        ref={setCanvas}
        style={{ width: WIDTH, height }}
        role="img"
        aria-label="Class probabilities"
      />
      <ul className="visually-hidden">
        {classNames.map((name, k) => (
          <li key={name} data-testid={`${testId}-${k}`} data-value={shown[k] ?? ''}>
            {name}: {shown[k] === undefined ? '—' : `${(100 * shown[k]).toFixed(1)} %`}
          </li>
        ))}
      </ul>
    </div>
  );
}
