// One optimizer's learning rate: a log-scale slider with the curvature's marks under it
// (1/λ, and the stability bound in red) and a box for an exact value.
import { useState } from 'react';
import { LR_LOG_RANGE } from './labDefaults';
import type { LrMark } from './curvatureMarks';

interface Props {
  name: string;
  lr: number;
  marks: LrMark[];
  onChange: (lr: number) => void;
}

const [LOW, HIGH] = LR_LOG_RANGE;

function position(lr: number): number {
  return ((Math.log10(lr) - LOW) / (HIGH - LOW)) * 100;
}

/** Track width in px the marks spread over, and about how wide a label's letter is. */
const TRACK_PX = 244;
const CHAR_PX = 6;

/** Each mark on the first row where it clears the labels before it, so none overlap. */
function placeMarks(marks: LrMark[]): { mark: LrMark; row: number }[] {
  const rowEnds: number[] = [];
  return [...marks]
    .filter((m) => m.value > 10 ** LOW && m.value < 10 ** HIGH)
    .sort((a, b) => a.value - b.value)
    .map((mark) => {
      const left = (position(mark.value) / 100) * TRACK_PX;
      let row = rowEnds.findIndex((end) => end + 4 <= left);
      if (row === -1) row = rowEnds.push(-Infinity) - 1;
      rowEnds[row] = left + mark.label.length * CHAR_PX;
      return { mark, row };
    });
}

export function LearningRateControl({ name, lr, marks, onChange }: Props) {
  const [text, setText] = useState<string | null>(null);
  const placed = placeMarks(marks);
  const rows = placed.reduce((n, p) => Math.max(n, p.row + 1), 1);
  return (
    <div className="lab-lr">
      <div className="lab-lr-slider" style={{ paddingBottom: 16 * rows }}>
        <input
          type="range"
          min={LOW}
          max={HIGH}
          step={0.01}
          value={Math.log10(lr)}
          aria-label={`${name} learning rate (log scale)`}
          onChange={(e) => onChange(Number(Math.pow(10, Number(e.target.value)).toPrecision(3)))}
        />
        <div className="lab-lr-marks" aria-hidden="true" style={{ height: 16 * rows }}>
          {placed.map(({ mark: m, row }) => (
            <span
              key={m.label}
              className={m.limit ? 'lab-lr-mark lab-lr-limit' : 'lab-lr-mark'}
              style={{ left: `${position(m.value)}%`, top: 16 * row }}
              title={`${m.label} = ${m.value.toPrecision(3)}`}
            >
              {m.label}
            </span>
          ))}
        </div>
      </div>
      <input
        type="number"
        className="lab-lr-value"
        aria-label={`${name} learning rate`}
        min={0}
        step="any"
        value={text ?? String(lr)}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          if (text !== null && Number(text) > 0) onChange(Number(text));
          setText(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
        }}
      />
    </div>
  );
}
