import { describe, expect, it } from 'vitest';
import type { WindowGeometry } from '../backend';
import { SeededRandom } from '../../rng';
import { CpuBackend } from './cpuBackend';
import { f32, i32 } from './cpuBuffer';

interface Case {
  name: string;
  batch: number;
  c: number;
  h: number;
  w: number;
  k: number;
  stride: number;
  pad: number;
}

function geometry(c: Case): WindowGeometry {
  return {
    batch: c.batch,
    inC: c.c,
    inH: c.h,
    inW: c.w,
    outC: c.c,
    outH: Math.floor((c.h + 2 * c.pad - c.k) / c.stride) + 1,
    outW: Math.floor((c.w + 2 * c.pad - c.k) / c.stride) + 1,
    kH: c.k,
    kW: c.k,
    stride: c.stride,
    pad: c.pad,
  };
}

/** The flat x indices of output o's window that lie inside the image, by the definition. */
function windowIndices(g: WindowGeometry, o: number): number[] {
  const ow = o % g.outW;
  const oh = Math.floor(o / g.outW) % g.outH;
  const nc = Math.floor(o / (g.outW * g.outH));
  const out: number[] = [];
  for (let kh = 0; kh < g.kH; kh++)
    for (let kw = 0; kw < g.kW; kw++) {
      const ih = oh * g.stride - g.pad + kh;
      const iw = ow * g.stride - g.pad + kw;
      if (ih >= 0 && ih < g.inH && iw >= 0 && iw < g.inW) out.push((nc * g.inH + ih) * g.inW + iw);
    }
  return out;
}

function setup(c: Case, seed: number) {
  const g = geometry(c);
  const be = new CpuBackend();
  const rng = new SeededRandom(seed, 1);
  const nx = g.batch * g.inC * g.inH * g.inW;
  const ny = g.batch * g.outC * g.outH * g.outW;
  const fill = (n: number, label: string) => {
    const b = be.alloc(n, 'f32', label);
    for (let i = 0; i < n; i++) f32(b)[i] = rng.normal();
    return b;
  };
  return {
    g,
    be,
    ny,
    x: fill(nx, 'x'),
    y: fill(ny, 'y'),
    dy: fill(ny, 'dy'),
    dx: fill(nx, 'dx'),
    argmax: be.alloc(ny, 'i32', 'argmax'),
  };
}

function expectClose(actual: Float32Array, expected: ArrayLike<number>): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) expect(actual[i]).toBeCloseTo(expected[i], 5);
}

const cases: Case[] = [
  {
    name: 'LeNet 2×2 stride 2 on 6×24×24, batch 3',
    batch: 3,
    c: 6,
    h: 24,
    w: 24,
    k: 2,
    stride: 2,
    pad: 0,
  },
  {
    name: '3×3 stride 2 pad 1 on 5×7×9, batch 1',
    batch: 1,
    c: 5,
    h: 7,
    w: 9,
    k: 3,
    stride: 2,
    pad: 1,
  },
  {
    name: '3×3 stride 1 pad 1 (overlapping) on 3×5×4, batch 3',
    batch: 3,
    c: 3,
    h: 5,
    w: 4,
    k: 3,
    stride: 1,
    pad: 1,
  },
  {
    name: '2×2 stride 2 on odd 7×5 (last row and column dropped)',
    batch: 3,
    c: 1,
    h: 7,
    w: 5,
    k: 2,
    stride: 2,
    pad: 0,
  },
  { name: '4×4 stride 3 pad 2 on 2×9×10', batch: 3, c: 2, h: 9, w: 10, k: 4, stride: 3, pad: 2 },
];

describe('cpu maxPool', () => {
  for (const c of cases) {
    it(`maxPool, ${c.name}`, () => {
      const { g, be, ny, x, y, argmax } = setup(c, 1);
      be.maxPool({ geom: g, x, y, argmax });
      for (let o = 0; o < ny; o++) {
        const idx = windowIndices(g, o);
        const best = Math.max(...idx.map((i) => f32(x)[i]));
        expect(f32(y)[o]).toBe(best);
        expect(f32(x)[i32(argmax)[o]]).toBe(best);
        expect(idx).toContain(i32(argmax)[o]);
      }
    });
  }

  it('maxPool, ties pick the first element of the window', () => {
    const { g, be, x, y, argmax } = setup(cases[0], 2);
    f32(x).fill(1);
    be.maxPool({ geom: g, x, y, argmax });
    expect(i32(argmax)[0]).toBe(0);
    expect(i32(argmax)[1]).toBe(2);
  });

  it('maxPool, a NaN anywhere in a window makes its output NaN', () => {
    const { g, be, x, y, argmax } = setup(cases[0], 3);
    f32(x)[1] = NaN; // second element of the first window
    f32(x)[24] = 100; // a larger value after it must not replace it
    be.maxPool({ geom: g, x, y, argmax });
    expect(f32(y)[0]).toBeNaN();
    expect(i32(argmax)[0]).toBe(1);
  });

  it('maxPool, all-negative window with padding still picks an image element', () => {
    const { g, be, x, y, argmax } = setup(cases[1], 3);
    f32(x).fill(-5);
    be.maxPool({ geom: g, x, y, argmax });
    expect(f32(y)[0]).toBe(-5);
  });
});

describe('cpu maxPoolBackward', () => {
  for (const c of cases) {
    for (const accumulate of [false, true]) {
      it(`maxPoolBackward, ${accumulate ? 'accumulate' : 'overwrite'}, ${c.name}`, () => {
        const { g, be, ny, x, y, dy, dx, argmax } = setup(c, 4);
        be.maxPool({ geom: g, x, y, argmax });
        const ref = Float64Array.from(accumulate ? f32(dx) : new Float32Array(dx.size));
        for (let o = 0; o < ny; o++) ref[i32(argmax)[o]] += f32(dy)[o];
        be.maxPoolBackward({ geom: g, dy, dx, argmax, accumulate });
        expectClose(f32(dx), ref);
      });
    }
  }

  it('maxPoolBackward, refuses to run without an argmax buffer', () => {
    const { g, be, dy, dx } = setup(cases[0], 5);
    expect(() => be.maxPoolBackward({ geom: g, dy, dx, argmax: null, accumulate: false })).toThrow(
      /argmax/,
    );
  });
});

describe('cpu avgPool', () => {
  for (const c of cases) {
    it(`avgPool, divides by in-image elements, ${c.name}`, () => {
      const { g, be, ny, x, y } = setup(c, 6);
      be.avgPool({ geom: g, x, y, argmax: null });
      const ref = new Float64Array(ny);
      for (let o = 0; o < ny; o++) {
        const idx = windowIndices(g, o);
        ref[o] = idx.reduce((s, i) => s + f32(x)[i], 0) / idx.length;
      }
      expectClose(f32(y), ref);
    });
  }

  it('avgPool, a constant image stays constant at padded borders (count_include_pad = false)', () => {
    const { g, be, x, y } = setup(cases[1], 7);
    f32(x).fill(3);
    be.avgPool({ geom: g, x, y, argmax: null });
    for (const v of f32(y)) expect(v).toBeCloseTo(3, 6);
  });
});

describe('cpu avgPoolBackward', () => {
  for (const c of cases) {
    for (const accumulate of [false, true]) {
      it(`avgPoolBackward, ${accumulate ? 'accumulate' : 'overwrite'}, ${c.name}`, () => {
        const { g, be, ny, dy, dx } = setup(c, 8);
        const ref = Float64Array.from(accumulate ? f32(dx) : new Float32Array(dx.size));
        for (let o = 0; o < ny; o++) {
          const idx = windowIndices(g, o);
          for (const i of idx) ref[i] += f32(dy)[o] / idx.length;
        }
        be.avgPoolBackward({ geom: g, dy, dx, argmax: null, accumulate });
        expectClose(f32(dx), ref);
      });
    }
  }
});
