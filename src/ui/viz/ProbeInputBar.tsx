// What the probe looks at, and what the model makes of it: the input image, the saliency of the
// predicted class over it (how much each pixel moves that class's score), the prediction, and
// buttons to step through the test set or pick a random test digit.
import { useCallback, useMemo, useState } from 'react';
import type { ProbeFrame } from '../../engine/analysis/insightFrames';
import { useAppStore, type AppState } from '../store/store';
import { heatRgb, paintInput, paintSaliency } from './mapPaint';
import { fitCanvas } from './planeCanvas';
import { PixelImage } from './pixelImage';
import { sampleNoun } from './sampleNoun';
import { useStoreDrawing } from './useStoreDrawing';

const SIDE = 112;
/** MNIST's test split; the worker keeps an index within the split it holds. */
const TEST_COUNT = 10_000;
const selectProbe = (s: AppState) => s.probe;

function ImageCanvas({
  paint,
  label,
  testId,
}: {
  paint: (frame: ProbeFrame, image: PixelImage) => boolean;
  label: string;
  testId: string;
}) {
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  const image = useMemo(() => new PixelImage(), []);
  const draw = useCallback(
    (frame: ProbeFrame | null) => {
      if (canvas === null) return;
      const ctx = fitCanvas(canvas, SIDE, SIDE);
      if (ctx === null) return;
      ctx.fillStyle = '#f3f5f8';
      ctx.fillRect(0, 0, SIDE, SIDE);
      if (frame !== null && paint(frame, image)) image.draw(ctx, 0, 0, SIDE, SIDE);
    },
    [canvas, image, paint],
  );
  useStoreDrawing(selectProbe, draw);
  return (
    <canvas
      ref={setCanvas}
      className="probe-image"
      style={{ width: SIDE, height: SIDE }}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  );
}

const paintInputImage = (frame: ProbeFrame, image: PixelImage) => {
  const [c, h, w] = frame.inputShape;
  // Grey digits as ink on paper; grey images of one's own folder as they are.
  const ink = useAppStore.getState().spec.data.dataset !== 'images';
  paintInput(frame.input, c, h * w, image.pixels(w, h), ink);
  return true;
};

const paintSaliencyImage = (frame: ProbeFrame, image: PixelImage) => {
  const saliency = frame.result.saliency;
  if (saliency === null) return false;
  const [c, h, w] = frame.inputShape;
  paintSaliency(saliency.values, c, h * w, image.pixels(w, h));
  return true;
};

const HEAT_GRADIENT = `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1]
  .map((t) => `rgb(${heatRgb(t).map(Math.round).join(',')}) ${t * 100}%`)
  .join(', ')})`;

function describeSource(frame: ProbeFrame | null, noun: string): string {
  if (frame === null) return 'Waiting for the model…';
  const predicted = frame.classNames[frame.result.predicted] ?? String(frame.result.predicted);
  const p = frame.result.probabilities?.[frame.result.predicted];
  const sure = p === undefined ? '' : ` (${(100 * p).toFixed(1)} %)`;
  const what =
    frame.source.kind === 'test'
      ? `Test ${noun} #${frame.source.index + 1}, labelled ${frame.classNames[frame.source.label] ?? frame.source.label}`
      : 'Your drawing';
  return `${what}: predicted ${predicted}${sure}, at step ${frame.step.toLocaleString('en')}.`;
}

export function ProbeInputBar() {
  const input = useAppStore((s) => s.probeInput);
  const setInput = useAppStore((s) => s.setProbeInput);
  const noun = useAppStore((s) => sampleNoun(s.spec.data.dataset).one);
  const summary = useAppStore((s) => describeSource(s.probe, noun));
  const saliencyNote = useAppStore((s) => s.probe?.saliencyUnavailable ?? null);
  const saliencyClass = useAppStore((s) => {
    const sal = s.probe?.result.saliency;
    return sal ? (s.probe!.classNames[sal.classIndex] ?? String(sal.classIndex)) : null;
  });
  const index = input.kind === 'test' ? input.index : null;
  const go = (next: number) =>
    setInput({ kind: 'test', index: ((next % TEST_COUNT) + TEST_COUNT) % TEST_COUNT });

  return (
    <div className="probe-input">
      <figure>
        <ImageCanvas paint={paintInputImage} label="The probe input" testId="probe-input-image" />
        <figcaption>Input</figcaption>
      </figure>
      <figure>
        <ImageCanvas
          paint={paintSaliencyImage}
          label="Saliency: how much each pixel moves the predicted class's score"
          testId="probe-saliency"
        />
        <figcaption>
          Saliency{saliencyClass !== null ? ` of “${saliencyClass}”` : ''}
          <span className="heat-legend" style={{ background: HEAT_GRADIENT }} aria-hidden="true" />
          <span className="heat-labels">
            <span>0</span>
            <span>largest</span>
          </span>
        </figcaption>
      </figure>
      <div className="probe-input-side">
        <p className="probe-summary" data-testid="probe-summary">
          {summary}
        </p>
        {saliencyNote && <p className="probe-note">{saliencyNote}</p>}
        <div className="probe-buttons">
          <button
            type="button"
            className="button"
            onClick={() => go((index ?? 0) - 1)}
            disabled={index === null}
            title={`The previous test ${noun}`}
          >
            ◀ Previous
          </button>
          <button
            type="button"
            className="button"
            onClick={() => go((index ?? -1) + 1)}
            data-testid="probe-next"
            title={`The next test ${noun}`}
          >
            Next ▶
          </button>
          <button
            type="button"
            className="button"
            onClick={() => go(Math.floor(Math.random() * TEST_COUNT))}
            title={`A test ${noun} at random`}
          >
            Random
          </button>
        </div>
        <p className="probe-hint">
          The saliency is the gradient of the predicted class’s score with respect to each input
          pixel: where a change would move the decision most.
        </p>
      </div>
    </div>
  );
}
