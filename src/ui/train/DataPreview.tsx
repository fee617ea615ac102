// A glimpse of the data: a few MNIST test digits with their labels, or a scatter of a toy set's
// points (training filled, test hollow). The worker reads the samples; the page only draws.
import { interpolateRdBu } from 'd3';
import { useEffect, useRef, useState } from 'react';
import type { DataSpec } from '../../engine/spec/schema';
import type { DataPreview as Preview } from '../../workers/engineApi';
import { getEngine } from '../app/engineClient';
import { classColor } from './classColors';

const DIGITS = 16;
/** Slider drags ask for a new preview at most this often. */
const DEBOUNCE_MS = 120;

type ImagesPreview = Extract<Preview, { kind: 'images' }>;
type PointsPreview = Extract<Preview, { kind: 'points' }>;

function DigitThumb({ preview, index }: { preview: ImagesPreview; index: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const { width, height, pixels, channels } = preview;
    const ink = preview.name === 'mnist';
    const image = ctx.createImageData(width, height);
    const plane = width * height;
    const offset = index * channels * plane;
    for (let i = 0; i < plane; i++) {
      // Colour planes as they are; MNIST's white-on-black digits as dark ink on the page's
      // light ground; other grey images (a folder of one's own) as they are.
      for (let c = 0; c < 3; c++)
        image.data[4 * i + c] =
          channels === 3
            ? pixels[offset + c * plane + i]
            : ink
              ? 255 - pixels[offset + i]
              : pixels[offset + i];
      image.data[4 * i + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }, [preview, index]);
  const label = preview.classNames[preview.labels[index]];
  return (
    <figure className="digit" data-testid="preview-digit">
      <canvas ref={ref} width={preview.width} height={preview.height} aria-hidden="true" />
      <figcaption title={label}>{label}</figcaption>
    </figure>
  );
}

const SCATTER_SIZE = 200;

/** A regression target in [−1, 1]: blue below zero, red above (d3’s RdBu). */
function targetColor(v: number): string {
  return interpolateRdBu((1 - Math.max(-1, Math.min(1, v))) / 2);
}

function PointsScatter({ preview }: { preview: PointsPreview }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = SCATTER_SIZE * dpr;
    canvas.height = SCATTER_SIZE * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, SCATTER_SIZE, SCATTER_SIZE);
    // [−1, 1]² with a small margin, y up.
    const half = SCATTER_SIZE / 2;
    const scale = half * 0.94;
    ctx.strokeStyle = '#e4e8ee';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(half, 0);
    ctx.lineTo(half, SCATTER_SIZE);
    ctx.moveTo(0, half);
    ctx.lineTo(SCATTER_SIZE, half);
    ctx.stroke();
    const draw = (
      xy: Float32Array,
      labels: Int32Array,
      targets: Float32Array | null,
      filled: boolean,
    ) => {
      for (let i = 0; i < labels.length; i++) {
        const x = half + xy[2 * i] * scale;
        const y = half - xy[2 * i + 1] * scale;
        const color = targets ? targetColor(targets[i]) : classColor(labels[i]);
        ctx.beginPath();
        ctx.arc(x, y, 2.4, 0, 2 * Math.PI);
        if (filled) {
          ctx.fillStyle = color;
          ctx.fill();
        } else {
          ctx.strokeStyle = color;
          ctx.lineWidth = 1.2;
          ctx.stroke();
        }
      }
    };
    draw(preview.train, preview.trainLabels, preview.trainTargets, true);
    draw(preview.test, preview.testLabels, preview.testTargets, false);
  }, [preview]);
  return (
    <div className="scatter">
      <canvas
        ref={ref}
        className="scatter-canvas"
        style={{ width: SCATTER_SIZE, height: SCATTER_SIZE }}
        data-testid="preview-scatter"
        role="img"
        aria-label={`${preview.trainLabels.length} training and ${preview.testLabels.length} test points`}
      />
      <ul className="scatter-legend">
        {preview.trainTargets
          ? [1, 0, -1].map((v) => (
              <li key={v}>
                <span className="legend-dot" style={{ background: targetColor(v) }} />
                target {v > 0 ? '+1' : v < 0 ? '−1' : '0'}
              </li>
            ))
          : preview.classNames.map((name, k) => (
              <li key={name}>
                <span className="legend-dot" style={{ background: classColor(k) }} />
                {name}
              </li>
            ))}
        <li className="scatter-key">● {preview.trainLabels.length} train</li>
        <li className="scatter-key">○ {preview.testLabels.length} test</li>
      </ul>
    </div>
  );
}

export function DataPreview({ data, seed }: { data: DataSpec; seed: number }) {
  const [preview, setPreview] = useState<{ data: DataSpec; value: Preview } | null>(null);
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      getEngine()
        .previewSamples(data, seed, DIGITS)
        .then(
          (value) => {
            if (!cancelled) setPreview({ data, value });
          },
          (error: unknown) => {
            if (!cancelled) setPreview({ data, value: { kind: 'error', message: String(error) } });
          },
        );
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [data, seed]);

  // An older data set's preview stays while the new one comes, dimmed.
  const stale = preview !== null && preview.data !== data;
  const value = preview?.value;
  return (
    <div
      className={stale ? 'data-preview stale' : 'data-preview'}
      data-testid="data-preview"
      aria-busy={preview === null || stale}
    >
      {value === undefined && <p className="preview-empty">Loading samples…</p>}
      {value?.kind === 'error' && (
        <p className="preview-error" data-testid="preview-error">
          No preview: {value.message}
        </p>
      )}
      {/* The folder fields above say, in full, which folder to drop; said once is enough. */}
      {value?.kind === 'missingImageSet' && (
        <p className="preview-error" data-testid="preview-error">
          No preview: none until the folder is dropped.
        </p>
      )}
      {value?.kind === 'images' && (
        <>
          <div className="digits">
            {Array.from(value.labels, (_, i) => (
              <DigitThumb key={i} preview={value} index={i} />
            ))}
          </div>
          <p className="preview-caption">
            The first {value.labels.length} test {value.name === 'mnist' ? 'digits' : 'images'},
            labelled.
          </p>
        </>
      )}
      {value?.kind === 'points' && <PointsScatter preview={value} />}
    </div>
  );
}
