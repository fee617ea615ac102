// `npm run bench -- --tsne`: t-SNE on the first 2,000 MNIST test images (784-d grey levels over
// 255, PCA to 50 dimensions first as the reference implementations do, perplexity 30, 1,000
// iterations: early exaggeration 12 for 250, momentum 0.5 then 0.8) with the exact method on the
// CPU backend and on WebGPU (Dawn on SwiftShader in Node: the CPU's SIMD lanes here), and
// Barnes-Hut (theta 0.5) on all 10,000 test images. Per run: the time to prepare (PCA, the
// perplexity search, P, kernels), the time of the iterations, the final KL divergence, and how
// well the map keeps digits together (the share of each point's 10 nearest map neighbours of
// the same digit). Records: suite 'tsne', model 'mnist2000' / 'mnist10000'.
import type { Backend } from '../src/engine/backend/backend';
import { CpuBackend } from '../src/engine/backend/cpu/cpuBackend';
import { groupPurity } from '../src/engine/analysis/tsne/neighbours';
import type { TsneMethod } from '../src/engine/analysis/tsne/options';
import { createTsne } from '../src/engine/analysis/tsne/tsne';
import type { Dataset } from '../src/engine/data/dataset';
import { benchWebGpuBackend } from './nodeGpu';
import type { BenchRecord } from './record';

export interface TsneBenchOptions {
  points: number;
  iterations: number;
  /** Barnes-Hut's point count (0: skip it). */
  bhPoints: number;
  perplexity: number;
}

export const TSNE_DEFAULTS: TsneBenchOptions = {
  points: 2000,
  iterations: 1000,
  bhPoints: 10000,
  perplexity: 30,
};

type Machine = { node: string; cpu: string };

function mnistVectors(data: Dataset, n: number): { x: Float32Array; labels: Int32Array } {
  const size = 784;
  const count = Math.min(n, data.test.count);
  const x = new Float32Array(count * size);
  const inputs = data.test.inputs;
  for (let k = 0; k < x.length; k++) x[k] = inputs[k] / 255;
  return { x, labels: Int32Array.from(data.test.labels.subarray(0, count)) };
}

async function runOne(
  label: string,
  backend: Backend,
  backendName: string,
  adapter: string | null,
  method: TsneMethod,
  data: Dataset,
  points: number,
  o: TsneBenchOptions,
  machine: Machine,
): Promise<BenchRecord> {
  const { x, labels } = mnistVectors(data, points);
  const n = labels.length;
  console.log(
    `t-SNE ${label}: ${n} points, perplexity ${o.perplexity}, ${o.iterations} iterations`,
  );
  const t0 = performance.now();
  const solver = await createTsne(x, 784, { perplexity: o.perplexity, method, seed: 1 }, backend);
  const prepareMs = performance.now() - t0;
  console.log(`  prepared in ${(prepareMs / 1000).toFixed(1)} s`);
  const t1 = performance.now();
  let frame = await solver.advance(Math.min(50, o.iterations));
  console.log(`  iteration ${frame.iteration}: KL ${frame.kl.toFixed(4)}`);
  while (frame.iteration < o.iterations) {
    frame = await solver.advance(Math.min(100, o.iterations - frame.iteration));
    if (frame.iteration % 250 === 0 || frame.iteration === o.iterations)
      console.log(
        `  iteration ${frame.iteration}: KL ${frame.kl.toFixed(4)} (${((performance.now() - t1) / 1000).toFixed(1)} s)`,
      );
  }
  const iterateMs = performance.now() - t1;
  solver.dispose();
  const purity = groupPurity(frame.layout, labels, n, 10);
  console.log(
    `  ${(iterateMs / 1000).toFixed(1)} s of iterations, final KL ${frame.kl.toFixed(4)}, 10-NN digit purity ${(100 * purity).toFixed(1)} %`,
  );
  return {
    suite: 'tsne',
    model: n === 2000 ? 'mnist2000' : n === 10000 ? 'mnist10000' : `mnist${n}`,
    engine: 'layercake',
    backend: method === 'barnesHut' ? 'cpu-barnesHut' : backendName,
    environment: 'node',
    adapter,
    batch: null,
    steps: o.iterations,
    warmupSteps: 0,
    samplesPerSec: null,
    msPerStep: iterateMs / o.iterations,
    firstStepMs: null,
    backendInitMs: null,
    testAccuracy: null,
    finalLoss: null,
    totalMs: prepareMs + iterateMs,
    ratioVsTfjsCpu: null,
    timestamp: new Date().toISOString(),
    tsne: {
      points: n,
      perplexity: o.perplexity,
      method,
      prepareMs,
      iterateMs,
      klDivergence: frame.kl,
      digitPurity10nn: purity,
    },
    ...machine,
  };
}

export async function runTsneBench(
  data: Dataset,
  o: TsneBenchOptions,
  machine: Machine,
): Promise<BenchRecord[]> {
  const records: BenchRecord[] = [];
  records.push(
    await runOne(
      'exact, CPU backend',
      new CpuBackend(),
      'cpu',
      null,
      'exact',
      data,
      o.points,
      o,
      machine,
    ),
  );
  const gpu = await benchWebGpuBackend();
  if (gpu.backend === null) console.log(`no WebGPU in Node (${gpu.reason}): no WebGPU record`);
  else {
    try {
      records.push(
        await runOne(
          `exact, ${gpu.adapter}`,
          gpu.backend,
          'webgpu',
          gpu.adapter,
          'exact',
          data,
          o.points,
          o,
          machine,
        ),
      );
    } finally {
      gpu.backend.destroy();
    }
  }
  if (o.bhPoints > 0)
    records.push(
      await runOne(
        'Barnes-Hut, JavaScript',
        new CpuBackend(),
        'cpu',
        null,
        'barnesHut',
        data,
        o.bhPoints,
        o,
        machine,
      ),
    );
  return records;
}
