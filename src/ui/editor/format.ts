// How the editor writes a layer's numbers: "101,770 params", "0.2 MFLOP", "6×24×24".
import type { Shape } from '../../engine/modules/module';

export function formatParams(count: number): string {
  return `${Math.round(count).toLocaleString('en-US')} ${count === 1 ? 'param' : 'params'}`;
}

const FLOP_UNITS = [
  { scale: 1e12, unit: 'TFLOP' },
  { scale: 1e9, unit: 'GFLOP' },
  { scale: 1e6, unit: 'MFLOP' },
  { scale: 1e3, unit: 'kFLOP' },
] as const;

/**
 * FLOPs per sample in the largest unit that keeps the value at 0.1 or above (1 for kFLOP, so
 * small counts stay plain), so a dense 784→128 layer (200,704 FLOPs) reads "0.2 MFLOP".
 */
export function formatFlops(flops: number): string {
  if (!Number.isFinite(flops)) return '— FLOP';
  for (const { scale, unit } of FLOP_UNITS) {
    const value = flops / scale;
    if (value >= (scale === 1e3 ? 1 : 0.1))
      return `${value >= 10 ? Math.round(value) : trimmed(value)} ${unit}`;
  }
  return `${Math.round(flops)} FLOP`;
}

/** One decimal, without a trailing ".0". */
function trimmed(value: number): string {
  const text = value.toFixed(1);
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

export function formatShape(shape: Shape): string {
  // A loss's output: one number for the whole batch.
  return shape.length === 0 ? 'scalar' : shape.join('×');
}
