// A dedicated module worker that runs one job on our engine, as the app's engine worker does:
// the WebGPU backend (navigator.gpu is there in dedicated workers) with its kernel variants
// tuned for the adapter (measured once, then remembered in IndexedDB) or the CPU backend, the
// data set (MNIST or CIFAR-10) fetched and parsed here, the Trainer driven by bench/oursEngine.ts.
import type { Backend } from '../../src/engine/backend/backend';
import { CpuBackend } from '../../src/engine/backend/cpu/cpuBackend';
import { autotune, describeTuning, indexedDbTuningCache } from '../../src/gpu/autotune';
import { requestGpuDevice } from '../../src/gpu/device';
import { WebGpuBackend } from '../../src/gpu/webgpuBackend';
import { runOurs } from '../oursEngine';
import { loadBenchData, randomMatrix } from './data';
import { describeError, type BenchJob, type WorkerReply, type WorkerRequest } from './protocol';

/** The backend, and what it runs on (with the tuning chosen, for WebGPU). */
async function createBackend(
  engine: BenchJob['engine'],
): Promise<{ backend: Backend; adapter: string }> {
  if (engine === 'ours-cpu') {
    const backend = new CpuBackend();
    return { backend, adapter: backend.description };
  }
  if (engine !== 'ours-webgpu') throw new Error(`the engine worker does not run ${engine}`);
  const backend = new WebGpuBackend(await requestGpuDevice(navigator.gpu));
  try {
    const tuned = await autotune(backend, await indexedDbTuningCache());
    return { backend, adapter: `${backend.description}; ${describeTuning(tuned)}` };
  } catch (e) {
    backend.destroy();
    throw e;
  }
}

/** size³ products on f32 device buffers, `warmup` untimed (compilation included), then `reps`;
 * each product is submitted on its own, and the clock stops when the last result is read. */
async function matmul(
  backend: Backend,
  size: number,
  warmup: number,
  reps: number,
): Promise<{ firstMs: number; ms: number }> {
  const n = size * size;
  const a = backend.alloc(n, 'f32', 'bench a');
  const b = backend.alloc(n, 'f32', 'bench b');
  const c = backend.alloc(n, 'f32', 'bench c');
  try {
    backend.write(a, randomMatrix(n, 1));
    backend.write(b, randomMatrix(n, 2));
    await backend.sync();
    const product = (): void => {
      backend.matmul({
        a,
        b,
        c,
        m: size,
        n: size,
        k: size,
        transA: false,
        transB: false,
        accumulate: false,
      });
      backend.submit();
    };
    const t0 = performance.now();
    product();
    await backend.read(c);
    const firstMs = performance.now() - t0;
    for (let i = 1; i < warmup; i++) product();
    await backend.read(c);
    const t1 = performance.now();
    for (let i = 0; i < reps; i++) product();
    const result = await backend.read(c);
    const ms = performance.now() - t1;
    if (!result.every(Number.isFinite)) throw new Error('the product has non-finite values');
    return { firstMs, ms };
  } finally {
    for (const buf of [a, b, c]) backend.free(buf);
  }
}

async function run(job: BenchJob): Promise<WorkerReply> {
  let adapter: string | null = null;
  let backend: Backend | null = null;
  try {
    const data = job.kind === 'train' ? await loadBenchData(job.opts.model, job.opts.seed) : null;
    const t0 = performance.now();
    // Device, adapter and kernel tuning: what the app's worker does before any train command.
    ({ backend, adapter } = await createBackend(job.engine));
    const backendInitMs = performance.now() - t0;
    if (job.kind === 'train') {
      return { result: await runOurs(data!, job.opts, backend, backendInitMs), adapter };
    }
    const { firstMs, ms } = await matmul(backend, job.size, job.warmup, job.reps);
    return {
      result: {
        samplesPerSec: null,
        msPerStep: ms / job.reps,
        firstStepMs: firstMs,
        backendInitMs,
        testAccuracy: null,
        finalLoss: null,
      },
      gflops: (2 * job.size ** 3 * job.reps) / (ms / 1000) / 1e9,
      adapter,
    };
  } catch (e) {
    return { result: null, adapter, error: describeError(e) };
  } finally {
    if (backend instanceof WebGpuBackend) backend.destroy();
  }
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  void run(event.data.job).then((reply) => self.postMessage(reply));
};
