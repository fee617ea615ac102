// Conformance cases: the word-embedding kernels (bagged lookup, scatter-add backward with host
// segments, batched dot product and its backward, logistic loss), on sizes that are not
// multiples of a workgroup, with repeated rows and zero-weight padding.
import type { ConformanceCase } from './runner';
import { randomArray, randomInts } from './runner';
import { EmbeddingSegments } from '../embeddingSegments';

function bagWeights(n: number, bagSize: number, seed: number): Float32Array {
  const w = randomArray(n, seed);
  // Every third slot is padding (weight 0), as at a CBOW window's edge.
  for (let i = 0; i < n; i++) w[i] = i % 3 === 2 ? 0 : 1 / bagSize + 0.1 * w[i];
  return w;
}

function scatterCase(
  name: string,
  rows: number,
  dim: number,
  bags: number,
  bagSize: number,
  weighted: boolean,
  seed: number,
): ConformanceCase {
  const n = bags * bagSize;
  // Few distinct rows, so most rows repeat within the batch.
  const indices = randomInts(n, Math.min(rows, 11), seed);
  const weights = weighted ? bagWeights(n, bagSize, seed + 1) : undefined;
  const seg = new EmbeddingSegments(n, rows).build(indices, n, weights);
  return {
    kernel: 'embeddingScatterAdd',
    name,
    inputs: {
      dst: randomArray(rows * dim, seed + 2),
      src: randomArray(bags * dim, seed + 3),
      order: seg.order.slice(),
      unique: seg.unique.slice(),
      starts: seg.starts.slice(),
      ...(weights ? { weights } : {}),
    },
    outputs: ['dst'],
    call(backend, buf) {
      backend.embeddingScatterAdd({
        dst: buf.dst,
        src: buf.src,
        weights: weighted ? buf.weights : null,
        order: buf.order,
        unique: buf.unique,
        starts: buf.starts,
        uniqueCount: seg.uniqueCount,
        bagSize,
        dim,
        scale: -0.37,
      });
    },
  };
}

export const embeddingCases: ConformanceCase[] = [
  {
    kernel: 'embeddingBag',
    name: 'plain lookup, 37×13 table, 50 rows with repeats',
    inputs: {
      table: randomArray(37 * 13, 900),
      indices: randomInts(50, 37, 901),
      out: randomArray(50 * 13, 902),
    },
    outputs: ['out'],
    call(backend, buf) {
      backend.embeddingBag({
        table: buf.table,
        indices: buf.indices,
        weights: null,
        out: buf.out,
        bags: 50,
        bagSize: 1,
        dim: 13,
      });
    },
  },
  {
    kernel: 'embeddingBag',
    name: 'plain lookup, four dimensions an invocation, 300×32 table, 1,029 rows',
    inputs: {
      table: randomArray(300 * 32, 906),
      indices: randomInts(1029, 300, 907),
      out: randomArray(1029 * 32, 908),
    },
    outputs: ['out'],
    call(backend, buf) {
      backend.embeddingBag({
        table: buf.table,
        indices: buf.indices,
        weights: null,
        out: buf.out,
        bags: 1029,
        bagSize: 1,
        dim: 32,
      });
    },
  },
  {
    kernel: 'embeddingBag',
    name: 'weighted bags of 6 with padding, 101×20 table, 45 bags',
    inputs: {
      table: randomArray(101 * 20, 903),
      indices: randomInts(45 * 6, 101, 904),
      weights: bagWeights(45 * 6, 6, 905),
      out: new Float32Array(45 * 20),
    },
    outputs: ['out'],
    call(backend, buf) {
      backend.embeddingBag({
        table: buf.table,
        indices: buf.indices,
        weights: buf.weights,
        out: buf.out,
        bags: 45,
        bagSize: 6,
        dim: 20,
      });
    },
  },
  scatterCase('rows repeated, 29×17 table, 300 positions, SGD scale', 29, 17, 300, 1, false, 910),
  scatterCase(
    'four dimensions an invocation, 33×12 table, 517 positions',
    33,
    12,
    517,
    1,
    false,
    915,
  ),
  scatterCase('weighted bags of 4 with padding, 40×9 table, 70 bags', 40, 9, 70, 4, true, 920),
  scatterCase(
    'weighted bags of 6, four dimensions an invocation, 40×8 table',
    40,
    8,
    45,
    6,
    true,
    925,
  ),
  {
    kernel: 'batchedDot',
    name: '97 rows × (1 + 5) candidates, dim 33',
    inputs: {
      h: randomArray(97 * 33, 930),
      u: randomArray(97 * 6 * 33, 931),
      s: new Float32Array(97 * 6),
    },
    outputs: ['s'],
    call(backend, buf) {
      backend.batchedDot({ h: buf.h, u: buf.u, s: buf.s, rows: 97, perRow: 6, dim: 33 });
    },
  },
  {
    kernel: 'batchedDotBackward',
    name: '61 rows × (1 + 3) candidates, dim 19, overwrites',
    inputs: {
      h: randomArray(61 * 19, 940),
      u: randomArray(61 * 4 * 19, 941),
      dS: randomArray(61 * 4, 942),
      dh: randomArray(61 * 19, 943),
      du: randomArray(61 * 4 * 19, 944),
    },
    outputs: ['dh', 'du'],
    call(backend, buf) {
      backend.batchedDotBackward({
        h: buf.h,
        u: buf.u,
        s: buf.dS,
        dS: buf.dS,
        dh: buf.dh,
        du: buf.du,
        rows: 61,
        perRow: 4,
        dim: 19,
      });
    },
  },
  {
    kernel: 'logisticLoss',
    name: '1,003 scores, large magnitudes, twice into the metrics',
    inputs: {
      scores: (() => {
        const s = randomArray(1003, 950, 4);
        s[0] = 90;
        s[1] = -90;
        return s;
      })(),
      labels: Float32Array.from(randomInts(1003, 2, 951)),
      dS: randomArray(1003, 952),
      metrics: new Float32Array([0.25, 3]),
    },
    outputs: ['dS', 'metrics'],
    call(backend, buf) {
      const p = {
        scores: buf.scores,
        labels: buf.labels,
        n: 1003,
        dS: buf.dS,
        metrics: buf.metrics,
        gradScale: 0.5,
      };
      backend.logisticLoss(p);
      backend.logisticLoss(p);
    },
  },
];
