// Conformance cases: conv2d forward, backward-data and backward-filter over geometries with
// stride, padding, odd sizes, 1×1 kernels and more channels than a tile; and max/average
// pooling forward and backward, overlapping windows and padding included.
import type { WindowGeometry } from '../backend';
import type { ConformanceCase } from './runner';
import { randomArray } from './runner';

function geom(
  batch: number,
  inC: number,
  inH: number,
  inW: number,
  outC: number,
  k: number,
  stride: number,
  pad: number,
): WindowGeometry {
  return {
    batch,
    inC,
    inH,
    inW,
    outC,
    kH: k,
    kW: k,
    stride,
    pad,
    outH: Math.floor((inH + 2 * pad - k) / stride) + 1,
    outW: Math.floor((inW + 2 * pad - k) / stride) + 1,
  };
}

const convGeometries: { label: string; g: WindowGeometry }[] = [
  { label: 'LeNet conv1 1→6 5×5 on 28×28', g: geom(3, 1, 28, 28, 6, 5, 1, 0) },
  { label: 'LeNet conv2 6→16 5×5 on 12×12', g: geom(2, 6, 12, 12, 16, 5, 1, 0) },
  { label: '3→5 3×3 pad 1 on 7×9', g: geom(2, 3, 7, 9, 5, 3, 1, 1) },
  { label: '2→3 3×3 stride 2 pad 1 on 9×8', g: geom(3, 2, 9, 8, 3, 3, 2, 1) },
  { label: '4→37 1×1 on 5×5', g: geom(2, 4, 5, 5, 37, 1, 1, 0) },
  { label: '1→1 2×2 stride 2 on 1×2', g: geom(1, 1, 2, 2, 1, 2, 2, 0) },
  { label: '3→2 5×5 stride 3 pad 2 on 11×10', g: geom(2, 3, 11, 10, 2, 5, 3, 2) },
  {
    label: '30→9 3×3 pad 1 on 6×6 (270 taps, more than one staged chunk)',
    g: geom(2, 30, 6, 6, 9, 3, 1, 1),
  },
];

const sizes = (g: WindowGeometry) => ({
  x: g.batch * g.inC * g.inH * g.inW,
  w: g.outC * g.inC * g.kH * g.kW,
  y: g.batch * g.outC * g.outH * g.outW,
});

function convCases(label: string, g: WindowGeometry, seed: number): ConformanceCase[] {
  const n = sizes(g);
  return [
    ...[
      { bias: true, relu: false },
      { bias: false, relu: false },
      { bias: true, relu: true },
    ].map(({ bias, relu }): ConformanceCase => ({
      kernel: 'conv2d',
      name: `${label}${bias ? '' : ', no bias'}${relu ? ', fused ReLU' : ''}`,
      tunable: 'conv',
      inputs: {
        x: randomArray(n.x, seed),
        w: randomArray(n.w, seed + 1),
        b: randomArray(g.outC, seed + 2),
        y: randomArray(n.y, seed + 3),
      },
      outputs: ['y'],
      call(backend, buf) {
        backend.conv2d({
          geom: g,
          x: buf.x,
          w: buf.w,
          b: bias ? buf.b : null,
          y: buf.y,
          activation: relu ? 'relu' : 'none',
        });
      },
    })),
    ...[false, true].map((accumulate): ConformanceCase => ({
      kernel: 'conv2dBackwardData',
      name: `${label}${accumulate ? ', accumulate' : ''}`,
      tunable: 'conv',
      inputs: {
        dy: randomArray(n.y, seed + 4),
        w: randomArray(n.w, seed + 5),
        dx: randomArray(n.x, seed + 6),
      },
      outputs: ['dx'],
      call(backend, buf) {
        backend.conv2dBackwardData({ geom: g, dy: buf.dy, w: buf.w, dx: buf.dx, accumulate });
      },
    })),
    ...[
      { accumulate: false, bias: true },
      { accumulate: true, bias: true },
      { accumulate: false, bias: false },
    ].map(({ accumulate, bias }): ConformanceCase => ({
      kernel: 'conv2dBackwardFilter',
      name: `${label}${accumulate ? ', accumulate' : ''}${bias ? '' : ', no bias'}`,
      tunable: 'conv',
      inputs: {
        x: randomArray(n.x, seed + 7),
        dy: randomArray(n.y, seed + 8),
        dw: randomArray(n.w, seed + 9),
        db: randomArray(g.outC, seed + 10),
      },
      outputs: bias ? ['dw', 'db'] : ['dw'],
      call(backend, buf) {
        backend.conv2dBackwardFilter({
          geom: g,
          x: buf.x,
          dy: buf.dy,
          dw: buf.dw,
          db: bias ? buf.db : null,
          accumulate,
        });
      },
    })),
  ];
}

const poolGeometries: { label: string; g: WindowGeometry }[] = [
  { label: '2×2 stride 2 on 24×24', g: geom(2, 3, 24, 24, 3, 2, 2, 0) },
  { label: '3×3 stride 2 pad 1 on 7×9', g: geom(2, 2, 7, 9, 2, 3, 2, 1) },
  { label: '3×3 stride 1 (overlapping) on 6×5', g: geom(1, 2, 6, 5, 2, 3, 1, 0) },
  { label: '2×2 stride 2 on 5×5 (edge dropped)', g: geom(2, 1, 5, 5, 1, 2, 2, 0) },
];

function poolCases(label: string, g: WindowGeometry, seed: number): ConformanceCase[] {
  const nx = g.batch * g.inC * g.inH * g.inW;
  const ny = g.batch * g.inC * g.outH * g.outW;
  const cases: ConformanceCase[] = [
    {
      kernel: 'maxPool',
      name: label,
      inputs: { x: randomArray(nx, seed), y: randomArray(ny, seed + 1) },
      scratch: { argmax: { size: ny, dtype: 'i32' } },
      outputs: ['y', 'argmax'],
      call(backend, buf) {
        backend.maxPool({ geom: g, x: buf.x, y: buf.y, argmax: buf.argmax });
      },
    },
    {
      kernel: 'avgPool',
      name: label,
      inputs: { x: randomArray(nx, seed + 2), y: randomArray(ny, seed + 3) },
      outputs: ['y'],
      call(backend, buf) {
        backend.avgPool({ geom: g, x: buf.x, y: buf.y, argmax: null });
      },
    },
  ];
  for (const accumulate of [false, true]) {
    const suffix = accumulate ? ', accumulate' : '';
    cases.push(
      {
        kernel: 'maxPoolBackward',
        name: `${label}${suffix}`,
        inputs: {
          x: randomArray(nx, seed + 4),
          y: new Float32Array(ny),
          dy: randomArray(ny, seed + 5),
          dx: randomArray(nx, seed + 6),
        },
        scratch: { argmax: { size: ny, dtype: 'i32' } },
        outputs: ['dx'],
        call(backend, buf) {
          backend.maxPool({ geom: g, x: buf.x, y: buf.y, argmax: buf.argmax });
          backend.maxPoolBackward({
            geom: g,
            dy: buf.dy,
            dx: buf.dx,
            argmax: buf.argmax,
            accumulate,
          });
        },
      },
      {
        kernel: 'avgPoolBackward',
        name: `${label}${suffix}`,
        inputs: { dy: randomArray(ny, seed + 7), dx: randomArray(nx, seed + 8) },
        outputs: ['dx'],
        call(backend, buf) {
          backend.avgPoolBackward({ geom: g, dy: buf.dy, dx: buf.dx, argmax: null, accumulate });
        },
      },
    );
  }
  return cases;
}

export const convolutionCases: ConformanceCase[] = [
  ...convGeometries.flatMap(({ label, g }, i) => convCases(label, g, 1000 + 20 * i)),
  ...poolGeometries.flatMap(({ label, g }, i) => poolCases(label, g, 2000 + 20 * i)),
];
