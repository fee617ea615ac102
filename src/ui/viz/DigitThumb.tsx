// One test image, small, painted once per change: for the mistakes gallery and a confusion cell's
// examples. Clicking it makes it the probe's input (its feature maps and saliency).
import { useEffect, useRef } from 'react';
import { useAppStore } from '../store/store';
import { paintInput } from './mapPaint';

const SIDE = 56;

export function DigitThumb({
  pixels,
  shape,
  title,
  onPick,
}: {
  /** One image's raw bytes, [channels, height, width]. */
  pixels: Uint8Array;
  shape: number[];
  title: string;
  onPick: () => void;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [c, h, w] = shape;
  // Grey digits as ink on paper; grey images of one's own folder as they are.
  const ink = useAppStore((s) => s.spec.data.dataset !== 'images');
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    canvas.width = w;
    canvas.height = h;
    const image = new ImageData(w, h);
    paintInput(pixels, c, h * w, image.data, ink);
    ctx.putImageData(image, 0, 0);
  }, [pixels, c, h, w, ink]);
  return (
    <button
      type="button"
      className="digit-thumb"
      onClick={onPick}
      title={`${title}. Show its feature maps.`}
    >
      <canvas ref={ref} style={{ width: SIDE, height: SIDE }} role="img" aria-label={title} />
    </button>
  );
}
