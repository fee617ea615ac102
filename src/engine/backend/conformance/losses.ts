// Conformance cases: softmax and log-softmax with their backward passes, and the fused loss
// pass for each loss, with padding rows (validRows < rows) and metrics that accumulate.
import type { ConformanceCase } from './runner';
import { randomArray, randomInts } from './runner';

const softmaxShapes = [
  { rows: 1, cols: 1 },
  { rows: 64, cols: 10 },
  { rows: 3, cols: 257 },
];

export const lossCases: ConformanceCase[] = [
  ...softmaxShapes.flatMap(({ rows, cols }, i) =>
    [false, true].flatMap((log): ConformanceCase[] => [
      {
        kernel: 'softmax',
        name: `${log ? 'log-softmax' : 'softmax'}, ${rows}×${cols}`,
        inputs: { x: randomArray(rows * cols, 600 + i, 5), y: new Float32Array(rows * cols) },
        outputs: ['y'],
        call(backend, buf) {
          backend.softmax({ x: buf.x, y: buf.y, rows, cols, log });
        },
      },
      {
        kernel: 'softmaxBackward',
        name: `${log ? 'log-softmax' : 'softmax'}, ${rows}×${cols}, accumulate`,
        inputs: {
          x: randomArray(rows * cols, 610 + i, 3),
          y: new Float32Array(rows * cols),
          dy: randomArray(rows * cols, 620 + i),
          dx: randomArray(rows * cols, 630 + i),
        },
        outputs: ['dx'],
        call(backend, buf) {
          const p = { x: buf.x, y: buf.y, rows, cols, log };
          backend.softmax(p);
          backend.softmaxBackward({ ...p, dy: buf.dy, dx: buf.dx, accumulate: true });
        },
      },
    ]),
  ),
  ...(['softmaxCrossEntropy', 'hinge', 'meanSquaredError'] as const).flatMap((kind, i) =>
    [
      { rows: 64, cols: 10, valid: 64 },
      { rows: 300, cols: 7, valid: 123 },
      { rows: 1, cols: 1, valid: 1 },
    ].map(({ rows, cols, valid }, j): ConformanceCase => ({
      kernel: 'loss',
      name: `${kind}, ${rows}×${cols}, ${valid} valid rows, labels, twice into the metrics`,
      inputs: {
        pred: randomArray(rows * cols, 700 + 10 * i + j, 2),
        labels: randomInts(rows, cols, 720 + 10 * i + j),
        dPred: randomArray(rows * cols, 740 + 10 * i + j),
        metrics: new Float32Array([0.5, 2]),
      },
      outputs: ['dPred', 'metrics'],
      call(backend, buf) {
        const p = {
          kind,
          pred: buf.pred,
          target: buf.labels,
          rows,
          cols,
          validRows: valid,
          dPred: buf.dPred,
          metrics: buf.metrics,
          margin: kind === 'hinge' ? 0.7 : undefined,
        };
        backend.loss(p);
        backend.loss(p);
      },
    })),
  ),
  {
    kernel: 'loss',
    name: 'meanSquaredError, 50×9 f32 targets, no gradient',
    inputs: {
      pred: randomArray(450, 760),
      target: randomArray(450, 761),
      metrics: new Float32Array(2),
    },
    outputs: ['metrics'],
    call(backend, buf) {
      backend.loss({
        kind: 'meanSquaredError',
        pred: buf.pred,
        target: buf.target,
        rows: 50,
        cols: 9,
        validRows: 50,
        dPred: null,
        metrics: buf.metrics,
      });
    },
  },
];
