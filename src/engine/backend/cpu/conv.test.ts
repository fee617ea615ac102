import { describe, expect, it } from 'vitest';
import type { WindowGeometry } from '../backend';
import { SeededRandom } from '../../rng';
import { CpuBackend } from './cpuBackend';
import { f32 } from './cpuBuffer';

// The reference: a direct convolution, written as the definition reads, in f64.
function at(
  x: Float32Array,
  g: WindowGeometry,
  n: number,
  c: number,
  ih: number,
  iw: number,
): number {
  if (ih < 0 || ih >= g.inH || iw < 0 || iw >= g.inW) return 0;
  return x[((n * g.inC + c) * g.inH + ih) * g.inW + iw];
}

function forEachTap(
  g: WindowGeometry,
  visit: (
    yIndex: number,
    wIndex: number,
    n: number,
    ic: number,
    ih: number,
    iw: number,
    oc: number,
  ) => void,
): void {
  for (let n = 0; n < g.batch; n++)
    for (let oc = 0; oc < g.outC; oc++)
      for (let oh = 0; oh < g.outH; oh++)
        for (let ow = 0; ow < g.outW; ow++)
          for (let ic = 0; ic < g.inC; ic++)
            for (let kh = 0; kh < g.kH; kh++)
              for (let kw = 0; kw < g.kW; kw++) {
                const yIndex = ((n * g.outC + oc) * g.outH + oh) * g.outW + ow;
                const wIndex = ((oc * g.inC + ic) * g.kH + kh) * g.kW + kw;
                visit(
                  yIndex,
                  wIndex,
                  n,
                  ic,
                  oh * g.stride - g.pad + kh,
                  ow * g.stride - g.pad + kw,
                  oc,
                );
              }
}

function directForward(
  g: WindowGeometry,
  x: Float32Array,
  w: Float32Array,
  b: Float32Array | null,
): Float64Array {
  const y = new Float64Array(g.batch * g.outC * g.outH * g.outW);
  forEachTap(g, (yi, wi, n, ic, ih, iw) => (y[yi] += w[wi] * at(x, g, n, ic, ih, iw)));
  if (b) for (let i = 0; i < y.length; i++) y[i] += b[Math.floor(i / (g.outH * g.outW)) % g.outC];
  return y;
}

function directBackwardData(g: WindowGeometry, dy: Float32Array, w: Float32Array): Float64Array {
  const dx = new Float64Array(g.batch * g.inC * g.inH * g.inW);
  forEachTap(g, (yi, wi, n, ic, ih, iw) => {
    if (ih < 0 || ih >= g.inH || iw < 0 || iw >= g.inW) return;
    dx[((n * g.inC + ic) * g.inH + ih) * g.inW + iw] += dy[yi] * w[wi];
  });
  return dx;
}

function directBackwardFilter(
  g: WindowGeometry,
  x: Float32Array,
  dy: Float32Array,
): [Float64Array, Float64Array] {
  const dw = new Float64Array(g.outC * g.inC * g.kH * g.kW);
  const db = new Float64Array(g.outC);
  forEachTap(g, (yi, wi, n, ic, ih, iw) => (dw[wi] += dy[yi] * at(x, g, n, ic, ih, iw)));
  for (let i = 0; i < dy.length; i++) db[Math.floor(i / (g.outH * g.outW)) % g.outC] += dy[i];
  return [dw, db];
}

/** Relative error bound: f32 sums of a few hundred terms; long sums (big layers) get `tol` 1e-4. */
function expectClose(actual: Float32Array, expected: ArrayLike<number>, tol = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const err = Math.abs(actual[i] - expected[i]) / (1 + Math.abs(expected[i]));
    worst = Math.max(worst, err);
  }
  expect(worst).toBeLessThan(tol);
}

interface Case {
  name: string;
  batch: number;
  inC: number;
  inH: number;
  inW: number;
  outC: number;
  k: number;
  kW?: number;
  stride: number;
  pad: number;
}

function geometry(c: Case): WindowGeometry {
  const kW = c.kW ?? c.k;
  return {
    batch: c.batch,
    inC: c.inC,
    inH: c.inH,
    inW: c.inW,
    outC: c.outC,
    outH: Math.floor((c.inH + 2 * c.pad - c.k) / c.stride) + 1,
    outW: Math.floor((c.inW + 2 * c.pad - kW) / c.stride) + 1,
    kH: c.k,
    kW,
    stride: c.stride,
    pad: c.pad,
  };
}

function setup(c: Case, seed: number) {
  const g = geometry(c);
  const be = new CpuBackend();
  const rng = new SeededRandom(seed, 1);
  const buf = (n: number, label: string) => {
    const b = be.alloc(n, 'f32', label);
    const d = f32(b);
    for (let i = 0; i < n; i++) d[i] = rng.normal();
    return b;
  };
  const x = buf(g.batch * g.inC * g.inH * g.inW, 'x');
  const w = buf(g.outC * g.inC * g.kH * g.kW, 'w');
  const b = buf(g.outC, 'b');
  const y = buf(g.batch * g.outC * g.outH * g.outW, 'y');
  const dy = buf(y.size, 'dy');
  const dx = buf(x.size, 'dx');
  const dw = buf(w.size, 'dw');
  const db = buf(b.size, 'db');
  return { g, be, x, w, b, y, dy, dx, dw, db };
}

const cases: Case[] = [
  {
    name: 'LeNet conv1, 1→6, 5×5 on 28×28, batch 3',
    batch: 3,
    inC: 1,
    inH: 28,
    inW: 28,
    outC: 6,
    k: 5,
    stride: 1,
    pad: 0,
  },
  {
    name: '3→5, 3×3, pad 1, batch 1',
    batch: 1,
    inC: 3,
    inH: 7,
    inW: 7,
    outC: 5,
    k: 3,
    stride: 1,
    pad: 1,
  },
  {
    name: '3→4, 3×3, stride 2, pad 1, non-square 9×7',
    batch: 3,
    inC: 3,
    inH: 9,
    inW: 7,
    outC: 4,
    k: 3,
    stride: 2,
    pad: 1,
  },
  {
    name: '5→3, 5×5, stride 2, pad 2, 11×8',
    batch: 3,
    inC: 5,
    inH: 11,
    inW: 8,
    outC: 3,
    k: 5,
    stride: 2,
    pad: 2,
  },
  {
    name: '7→3, 1×1 kernel, 5×6',
    batch: 3,
    inC: 7,
    inH: 5,
    inW: 6,
    outC: 3,
    k: 1,
    stride: 1,
    pad: 0,
  },
  {
    name: '2→3, 1×1 kernel, stride 2, pad 1, 6×5',
    batch: 1,
    inC: 2,
    inH: 6,
    inW: 5,
    outC: 3,
    k: 1,
    stride: 2,
    pad: 1,
  },
  {
    name: '3→3, 5×5, pad 2, 4×6 (padding wider than the image)',
    batch: 3,
    inC: 3,
    inH: 4,
    inW: 6,
    outC: 3,
    k: 5,
    stride: 1,
    pad: 2,
  },
  {
    name: '1→1, 3×5 rectangular kernel, stride 3, 10×12',
    batch: 3,
    inC: 1,
    inH: 10,
    inW: 12,
    outC: 1,
    k: 3,
    kW: 5,
    stride: 3,
    pad: 1,
  },
];

describe('cpu conv2d forward', () => {
  for (const c of cases) {
    it(`conv2d, ${c.name}`, () => {
      const { g, be, x, w, b, y } = setup(c, 1);
      be.conv2d({ geom: g, x, w, b, y });
      expectClose(f32(y), directForward(g, f32(x), f32(w), f32(b)));
    });
  }

  it('conv2d, no bias, 3→4, 3×3, stride 2, pad 1', () => {
    const { g, be, x, w, y } = setup(cases[2], 2);
    be.conv2d({ geom: g, x, w, b: null, y });
    expectClose(f32(y), directForward(g, f32(x), f32(w), null));
  });
});

describe('cpu conv2d, a batch split into several im2col chunks', () => {
  // 576 × 4096 column floats per image, so the 4 Mi-float cap takes one image per chunk.
  const big: Case = {
    name: '64→2, 3×3, pad 1, 64×64, batch 3',
    batch: 3,
    inC: 64,
    inH: 64,
    inW: 64,
    outC: 2,
    k: 3,
    stride: 1,
    pad: 1,
  };

  it(`conv2d, ${big.name}`, () => {
    const { g, be, x, w, b, y } = setup(big, 3);
    be.conv2d({ geom: g, x, w, b, y });
    expectClose(f32(y), directForward(g, f32(x), f32(w), f32(b)), 1e-4);
  });

  it(`conv2dBackwardData, ${big.name}`, () => {
    const { g, be, w, dy, dx } = setup(big, 3);
    be.conv2dBackwardData({ geom: g, dy, w, dx, accumulate: false });
    expectClose(f32(dx), directBackwardData(g, f32(dy), f32(w)), 1e-4);
  });

  it(`conv2dBackwardFilter, ${big.name}`, () => {
    const { g, be, x, dy, dw, db } = setup(big, 3);
    be.conv2dBackwardFilter({ geom: g, x, dy, dw, db, accumulate: false });
    const [rw, rb] = directBackwardFilter(g, f32(x), f32(dy));
    expectClose(f32(dw), rw, 1e-4);
    expectClose(f32(db), rb, 1e-4);
  });
});

describe('cpu conv2dBackwardData', () => {
  for (const c of cases) {
    it(`conv2dBackwardData, overwrite, ${c.name}`, () => {
      const { g, be, w, dy, dx } = setup(c, 4);
      be.conv2dBackwardData({ geom: g, dy, w, dx, accumulate: false });
      expectClose(f32(dx), directBackwardData(g, f32(dy), f32(w)));
    });
  }

  for (const c of [cases[0], cases[3], cases[5]]) {
    it(`conv2dBackwardData, accumulate, ${c.name}`, () => {
      const { g, be, w, dy, dx } = setup(c, 5);
      const before = f32(dx).slice();
      be.conv2dBackwardData({ geom: g, dy, w, dx, accumulate: true });
      const ref = directBackwardData(g, f32(dy), f32(w)).map((v, i) => v + before[i]);
      expectClose(f32(dx), ref);
    });
  }
});

describe('cpu conv2dBackwardFilter', () => {
  for (const c of cases) {
    it(`conv2dBackwardFilter, overwrite, ${c.name}`, () => {
      const { g, be, x, dy, dw, db } = setup(c, 6);
      be.conv2dBackwardFilter({ geom: g, x, dy, dw, db, accumulate: false });
      const [rw, rb] = directBackwardFilter(g, f32(x), f32(dy));
      expectClose(f32(dw), rw);
      expectClose(f32(db), rb);
    });
  }

  for (const c of [cases[1], cases[3], cases[6]]) {
    it(`conv2dBackwardFilter, accumulate, ${c.name}`, () => {
      const { g, be, x, dy, dw, db } = setup(c, 7);
      const dw0 = f32(dw).slice();
      const db0 = f32(db).slice();
      be.conv2dBackwardFilter({ geom: g, x, dy, dw, db, accumulate: true });
      const [rw, rb] = directBackwardFilter(g, f32(x), f32(dy));
      expectClose(
        f32(dw),
        rw.map((v, i) => v + dw0[i]),
      );
      expectClose(
        f32(db),
        rb.map((v, i) => v + db0[i]),
      );
    });
  }

  it('conv2dBackwardFilter, no bias gradient leaves nothing else touched', () => {
    const { g, be, x, dy, dw } = setup(cases[4], 8);
    be.conv2dBackwardFilter({ geom: g, x, dy, dw, db: null, accumulate: false });
    expectClose(f32(dw), directBackwardFilter(g, f32(x), f32(dy))[0]);
  });
});
