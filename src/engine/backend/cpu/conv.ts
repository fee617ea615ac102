// 2-D convolution on the CPU by im2col + one GEMM per chunk of the batch.
//
// Why this shape: a direct convolution loop in JavaScript runs at a fraction of what a
// blocked GEMM reaches, and small layers (LeNet's 6 filters of 5×5) give tiny GEMMs if each
// image is multiplied on its own. So the columns of *all* images in a chunk go side by side
// into one K × (images·P) matrix (K = inC·kH·kW, P = outH·outW) and every pass is one large
// GEMM against the outC × K filter matrix:
//
//   forward          Y'  [outC × images·P] = W [outC × K] · cols [K × images·P]
//   backward-filter  dW  [outC × K]        = dY' · colsᵀ           db = row sums of dY'
//   backward-data    dcols [K × images·P]  = Wᵀ · dY',  then col2im scatter-adds into dx
//
// Y' is channel-major (outC, image, pixel), so it is transposed to and from NCHW on the way;
// that copy is outC·images·P floats, small beside the GEMM's K-fold work.
//
// Scratch matrices are module-level and grow once: JavaScript runs one kernel at a time, so
// every convolution can share them, and after the first call with a given geometry no call
// allocates. A chunk is capped at MAX_SCRATCH_FLOATS per matrix so a large layer does not need
// scratch of hundreds of megabytes. LeNet's whole batch of 64 fits in one chunk; a chunk of a
// few dozen CIFAR-sized images is still a GEMM far past the size where blocking pays off.
import type {
  Conv2dBackwardDataParams,
  Conv2dBackwardFilterParams,
  Conv2dParams,
  WindowGeometry,
} from '../backend';
import { f32 } from './cpuBuffer';
import { gemm } from './matmul';

/** 4 Mi floats (16 MB) per scratch matrix per chunk. */
const MAX_SCRATCH_FLOATS = 1 << 22;

// Born larger than 64 bytes: V8 keeps tiny typed arrays on its heap, and loops that first
// meet that kind stay slower afterwards (see matmul.ts).
let columns = new Float32Array(4096);
let channelMajor = new Float32Array(4096);

/** Images per chunk, balanced so the last chunk is not a sliver. Grows the scratch to fit. */
function chunkImages(g: WindowGeometry): number {
  const k = g.inC * g.kH * g.kW;
  const pixels = g.outH * g.outW;
  // The channel-major output can outgrow the columns (a 1×1 conv from 3 to 256 channels).
  const cap = Math.max(1, Math.floor(MAX_SCRATCH_FLOATS / (Math.max(k, g.outC) * pixels)));
  const chunks = Math.ceil(g.batch / cap);
  const images = Math.ceil(g.batch / chunks);
  if (columns.length < k * images * pixels) columns = new Float32Array(k * images * pixels);
  if (channelMajor.length < g.outC * images * pixels)
    channelMajor = new Float32Array(g.outC * images * pixels);
  return images;
}

/** First output column whose input column ow·stride − pad + kw lies inside the image. */
function firstInside(pad: number, kw: number, stride: number, outW: number): number {
  return Math.min(outW, Math.max(0, Math.ceil((pad - kw) / stride)));
}

/** One past the last output column whose input column lies inside an image of width inW. */
function endInside(inW: number, pad: number, kw: number, stride: number, outW: number): number {
  return Math.min(outW, Math.max(0, Math.floor((inW - 1 + pad - kw) / stride) + 1));
}

/**
 * cols[(ic·kH + kh)·kW + kw][i·P + oh·outW + ow] = x[n0 + i, ic, oh·s − pad + kh, ow·s − pad + kw],
 * zero where that lies in the padding. The in-image range of ow is found once per kernel
 * column so the innermost loop is a plain copy with no bounds test (unrolled by four: V8 does
 * not vectorise, and unrolling makes these short row copies about 1.4× faster).
 */
function im2col(
  x: Float32Array,
  g: WindowGeometry,
  n0: number,
  images: number,
  cols: Float32Array,
): void {
  const { inC, inH, inW, outH, outW, kH, kW, stride, pad } = g;
  const plane = inH * inW;
  const rowStep = stride * inW;
  let d = 0;
  for (let ic = 0; ic < inC; ic++) {
    for (let kh = 0; kh < kH; kh++) {
      for (let kw = 0; kw < kW; kw++) {
        const lo = firstInside(pad, kw, stride, outW);
        const hi = Math.max(lo, endInside(inW, pad, kw, stride, outW));
        for (let i = 0; i < images; i++) {
          // s: where output (oh, ow = 0) reads in x, for the current oh.
          let s = ((n0 + i) * inC + ic) * plane + (kh - pad) * inW + kw - pad;
          for (let oh = 0, ih = kh - pad; oh < outH; oh++, ih += stride, s += rowStep, d += outW) {
            if (ih < 0 || ih >= inH) {
              for (let ow = 0; ow < outW; ow++) cols[d + ow] = 0;
              continue;
            }
            for (let ow = 0; ow < lo; ow++) cols[d + ow] = 0;
            if (stride === 1) {
              let ow = lo;
              for (; ow + 4 <= hi; ow += 4) {
                cols[d + ow] = x[s + ow];
                cols[d + ow + 1] = x[s + ow + 1];
                cols[d + ow + 2] = x[s + ow + 2];
                cols[d + ow + 3] = x[s + ow + 3];
              }
              for (; ow < hi; ow++) cols[d + ow] = x[s + ow];
            } else {
              for (let ow = lo; ow < hi; ow++) cols[d + ow] = x[s + ow * stride];
            }
            for (let ow = hi; ow < outW; ow++) cols[d + ow] = 0;
          }
        }
      }
    }
  }
}

/** The adjoint of im2col: dx[n0 + i, ic, ih, iw] += every column entry that was read from it. */
function col2im(
  cols: Float32Array,
  g: WindowGeometry,
  n0: number,
  images: number,
  dx: Float32Array,
): void {
  const { inC, inH, inW, outH, outW, kH, kW, stride, pad } = g;
  const plane = inH * inW;
  const rowStep = stride * inW;
  let d = 0;
  for (let ic = 0; ic < inC; ic++) {
    for (let kh = 0; kh < kH; kh++) {
      for (let kw = 0; kw < kW; kw++) {
        const lo = firstInside(pad, kw, stride, outW);
        const hi = Math.max(lo, endInside(inW, pad, kw, stride, outW));
        for (let i = 0; i < images; i++) {
          let s = ((n0 + i) * inC + ic) * plane + (kh - pad) * inW + kw - pad;
          for (let oh = 0, ih = kh - pad; oh < outH; oh++, ih += stride, s += rowStep, d += outW) {
            if (ih < 0 || ih >= inH) continue;
            if (stride === 1) {
              let ow = lo;
              for (; ow + 4 <= hi; ow += 4) {
                dx[s + ow] += cols[d + ow];
                dx[s + ow + 1] += cols[d + ow + 1];
                dx[s + ow + 2] += cols[d + ow + 2];
                dx[s + ow + 3] += cols[d + ow + 3];
              }
              for (; ow < hi; ow++) dx[s + ow] += cols[d + ow];
            } else {
              for (let ow = lo; ow < hi; ow++) dx[s + ow * stride] += cols[d + ow];
            }
          }
        }
      }
    }
  }
}

/** dst[to + q] = src[from + q] + shift for q < n; unrolled by four like the im2col rows. */
function shiftedCopy(
  src: Float32Array,
  from: number,
  dst: Float32Array,
  to: number,
  n: number,
  shift: number,
): void {
  let q = 0;
  for (; q + 4 <= n; q += 4) {
    dst[to + q] = src[from + q] + shift;
    dst[to + q + 1] = src[from + q + 1] + shift;
    dst[to + q + 2] = src[from + q + 2] + shift;
    dst[to + q + 3] = src[from + q + 3] + shift;
  }
  for (; q < n; q++) dst[to + q] = src[from + q] + shift;
}

/** cm[oc][i·P + q] = t[n0 + i, oc, q]: NCHW images to the channel-major layout of Y'. */
function toChannelMajor(
  t: Float32Array,
  g: WindowGeometry,
  n0: number,
  images: number,
  cm: Float32Array,
): void {
  const pixels = g.outH * g.outW;
  const width = images * pixels;
  for (let oc = 0; oc < g.outC; oc++) {
    for (let i = 0; i < images; i++) {
      const s = ((n0 + i) * g.outC + oc) * pixels;
      const d = oc * width + i * pixels;
      shiftedCopy(t, s, cm, d, pixels, 0);
    }
  }
}

export function conv2d(p: Conv2dParams): void {
  const g = p.geom;
  const x = f32(p.x);
  const w = f32(p.w);
  const y = f32(p.y);
  const b = p.b ? f32(p.b) : null;
  const k = g.inC * g.kH * g.kW;
  const pixels = g.outH * g.outW;
  const chunk = chunkImages(g);
  for (let n0 = 0; n0 < g.batch; n0 += chunk) {
    const images = Math.min(chunk, g.batch - n0);
    const width = images * pixels;
    im2col(x, g, n0, images, columns);
    gemm(w, 0, columns, 0, channelMajor, 0, g.outC, width, k, false, false, false);
    // Back to NCHW, with the bias added on the way rather than in a pass of its own.
    for (let oc = 0; oc < g.outC; oc++) {
      const bias = b ? b[oc] : 0;
      for (let i = 0; i < images; i++) {
        const s = oc * width + i * pixels;
        const d = ((n0 + i) * g.outC + oc) * pixels;
        shiftedCopy(channelMajor, s, y, d, pixels, bias);
        if (p.activation === 'relu') relu(y, d, pixels);
      }
    }
  }
}

/** The fused activation, in place on one output plane; NaN passes through. */
function relu(y: Float32Array, start: number, n: number): void {
  for (let i = start; i < start + n; i++) {
    const v = y[i];
    y[i] = v < 0 ? 0 : v;
  }
}

export function conv2dBackwardData(p: Conv2dBackwardDataParams): void {
  const g = p.geom;
  const dy = f32(p.dy);
  const w = f32(p.w);
  const dx = f32(p.dx);
  const k = g.inC * g.kH * g.kW;
  const pixels = g.outH * g.outW;
  // col2im adds, since overlapping windows send several terms to one input pixel.
  if (!p.accumulate) dx.fill(0, 0, g.batch * g.inC * g.inH * g.inW);
  const chunk = chunkImages(g);
  for (let n0 = 0; n0 < g.batch; n0 += chunk) {
    const images = Math.min(chunk, g.batch - n0);
    toChannelMajor(dy, g, n0, images, channelMajor);
    gemm(w, 0, channelMajor, 0, columns, 0, k, images * pixels, g.outC, true, false, false);
    col2im(columns, g, n0, images, dx);
  }
}

export function conv2dBackwardFilter(p: Conv2dBackwardFilterParams): void {
  const g = p.geom;
  const x = f32(p.x);
  const dy = f32(p.dy);
  const dw = f32(p.dw);
  const db = p.db ? f32(p.db) : null;
  const k = g.inC * g.kH * g.kW;
  const pixels = g.outH * g.outW;
  const chunk = chunkImages(g);
  for (let n0 = 0; n0 < g.batch; n0 += chunk) {
    const images = Math.min(chunk, g.batch - n0);
    const width = images * pixels;
    // Later chunks add to what the first one wrote.
    const accumulate = n0 > 0 || p.accumulate;
    im2col(x, g, n0, images, columns);
    toChannelMajor(dy, g, n0, images, channelMajor);
    gemm(channelMajor, 0, columns, 0, dw, 0, g.outC, k, width, false, true, accumulate);
    if (db) {
      for (let oc = 0; oc < g.outC; oc++) {
        let s = 0;
        const row = oc * width;
        for (let q = 0; q < width; q++) s += channelMajor[row + q];
        db[oc] = accumulate ? db[oc] + s : s;
      }
    }
  }
}
