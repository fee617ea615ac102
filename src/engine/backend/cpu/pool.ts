// 2-D max and average pooling on the CPU, over NCHW tensors with geom.outC === geom.inC.
//
// Padding is never a value: a max is taken over the in-image elements of a window only, and
// an average divides by the number of in-image elements (PyTorch's count_include_pad = false),
// so border outputs are not dragged towards zero. A window that lies wholly in the padding
// (which the modules' shape rules exclude) yields 0 and, for max pooling, argmax −1, and sends
// no gradient back.
//
// Max pooling records, for each output, the flat index into x of the element it chose, so the
// backward pass is one scatter-add and does not look at x again.
import type { PoolBackwardParams, PoolParams, WindowGeometry } from '../backend';
import { f32, i32 } from './cpuBuffer';

/** The in-image window rows (or columns) of output o: [start, end) clipped to [0, size). */
function windowStart(o: number, stride: number, pad: number): number {
  return Math.max(0, o * stride - pad);
}

function windowEnd(o: number, stride: number, pad: number, k: number, size: number): number {
  return Math.min(size, o * stride - pad + k);
}

function inputSize(g: WindowGeometry): number {
  return g.batch * g.inC * g.inH * g.inW;
}

export function maxPool(p: PoolParams): void {
  const g = p.geom;
  const x = f32(p.x);
  const y = f32(p.y);
  const argmax = p.argmax ? i32(p.argmax) : null;
  const plane = g.inH * g.inW;
  let o = 0;
  for (let nc = 0; nc < g.batch * g.inC; nc++) {
    const base = nc * plane;
    for (let oh = 0; oh < g.outH; oh++) {
      const h0 = windowStart(oh, g.stride, g.pad);
      const h1 = windowEnd(oh, g.stride, g.pad, g.kH, g.inH);
      for (let ow = 0; ow < g.outW; ow++, o++) {
        const w0 = windowStart(ow, g.stride, g.pad);
        const w1 = windowEnd(ow, g.stride, g.pad, g.kW, g.inW);
        let best = -Infinity;
        let where = -1;
        for (let ih = h0; ih < h1; ih++) {
          const row = base + ih * g.inW;
          for (let iw = w0; iw < w1; iw++) {
            const v = x[row + iw];
            // `>` keeps the first maximum, so ties send the gradient to one place; a NaN wins
            // and stays, so a diverging run shows up as NaN instead of being pooled away.
            if (v > best || where < 0 || v !== v) {
              best = v;
              where = row + iw;
            }
          }
        }
        y[o] = where < 0 ? 0 : best;
        if (argmax) argmax[o] = where;
      }
    }
  }
}

/** dx (+)= dy scattered to the argmax positions. */
export function maxPoolBackward(p: PoolBackwardParams): void {
  if (!p.argmax) throw new Error('cpu kernel maxPoolBackward: needs the argmax written by maxPool');
  const g = p.geom;
  const dy = f32(p.dy);
  const dx = f32(p.dx);
  const argmax = i32(p.argmax);
  if (!p.accumulate) dx.fill(0, 0, inputSize(g));
  const n = g.batch * g.outC * g.outH * g.outW;
  for (let o = 0; o < n; o++) {
    const at = argmax[o];
    if (at >= 0) dx[at] += dy[o];
  }
}

export function avgPool(p: PoolParams): void {
  const g = p.geom;
  const x = f32(p.x);
  const y = f32(p.y);
  const plane = g.inH * g.inW;
  let o = 0;
  for (let nc = 0; nc < g.batch * g.inC; nc++) {
    const base = nc * plane;
    for (let oh = 0; oh < g.outH; oh++) {
      const h0 = windowStart(oh, g.stride, g.pad);
      const h1 = windowEnd(oh, g.stride, g.pad, g.kH, g.inH);
      for (let ow = 0; ow < g.outW; ow++, o++) {
        const w0 = windowStart(ow, g.stride, g.pad);
        const w1 = windowEnd(ow, g.stride, g.pad, g.kW, g.inW);
        const count = Math.max(0, h1 - h0) * Math.max(0, w1 - w0);
        let s = 0;
        for (let ih = h0; ih < h1; ih++) {
          const row = base + ih * g.inW;
          for (let iw = w0; iw < w1; iw++) s += x[row + iw];
        }
        y[o] = count > 0 ? s / count : 0;
      }
    }
  }
}

/** dx (+)= dy / count over each window's in-image elements. */
export function avgPoolBackward(p: PoolBackwardParams): void {
  const g = p.geom;
  const dy = f32(p.dy);
  const dx = f32(p.dx);
  if (!p.accumulate) dx.fill(0, 0, inputSize(g));
  const plane = g.inH * g.inW;
  let o = 0;
  for (let nc = 0; nc < g.batch * g.inC; nc++) {
    const base = nc * plane;
    for (let oh = 0; oh < g.outH; oh++) {
      const h0 = windowStart(oh, g.stride, g.pad);
      const h1 = windowEnd(oh, g.stride, g.pad, g.kH, g.inH);
      for (let ow = 0; ow < g.outW; ow++, o++) {
        const w0 = windowStart(ow, g.stride, g.pad);
        const w1 = windowEnd(ow, g.stride, g.pad, g.kW, g.inW);
        const count = Math.max(0, h1 - h0) * Math.max(0, w1 - w0);
        if (count === 0) continue;
        const share = dy[o] / count;
        for (let ih = h0; ih < h1; ih++) {
          const row = base + ih * g.inW;
          for (let iw = w0; iw < w1; iw++) dx[row + iw] += share;
        }
      }
    }
  }
}
