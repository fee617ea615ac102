// TensorFlow.js jobs, on the page's main thread as a tfjs app runs them: the webgpu, webgl and
// wasm backends, the model and training loop of bench/tfjsModel.ts with the loss read back every
// 50 steps as a UI would (the small VGG's of bench/cifarTfjs.ts, which reads it every step: a
// step takes seconds there), and tf.matMul on the webgpu backend.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { trainTfjsCifar } from '../cifarTfjs';
import { trainTfjs } from '../tfjsModel';
import { loadBenchData, randomMatrix } from './data';
import { describeError, type BenchJob, type JobOutcome } from './protocol';

/** How often a UI would read the loss back. */
const READ_EVERY_STEPS = 50;

type TfjsBackendName = 'webgpu' | 'webgl' | 'wasm';

function backendName(engine: BenchJob['engine']): TfjsBackendName {
  if (engine === 'tfjs-webgpu') return 'webgpu';
  if (engine === 'tfjs-webgl') return 'webgl';
  if (engine === 'tfjs-wasm') return 'wasm';
  throw new Error(`the page does not run ${engine} with tfjs`);
}

/** Whatever the backend tells about what it runs on. */
function describeAdapter(name: TfjsBackendName): string {
  const backend = tf.backend() as unknown;
  if (name === 'webgpu') {
    const info = (backend as { adapterInfo?: { vendor?: string; architecture?: string } })
      .adapterInfo;
    const parts = [info?.vendor, info?.architecture].filter((s) => s !== undefined && s !== '');
    return `WebGPU on ${parts.length > 0 ? parts.join(' ') : 'an unnamed adapter'}`;
  }
  if (name === 'webgl') {
    const gl = (backend as { gpgpu?: { gl?: WebGL2RenderingContext } }).gpgpu?.gl;
    if (!gl) return 'WebGL';
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER) as string;
    return `WebGL ${tf.env().getNumber('WEBGL_VERSION')} on ${renderer}`;
  }
  const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'SIMD' : 'no SIMD';
  const threads = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')
    ? `${getThreadsCount()} threads`
    : '1 thread';
  return `WebAssembly, ${simd}, ${threads}`;
}

async function useBackend(name: TfjsBackendName): Promise<number> {
  // The harness serves the wasm binaries from node_modules under this path.
  if (name === 'wasm') setWasmPaths('/tfjs-wasm/');
  const t0 = performance.now();
  if (!(await tf.setBackend(name))) throw new Error(`tfjs could not start its '${name}' backend`);
  await tf.ready();
  return performance.now() - t0;
}

async function matmul(
  size: number,
  warmup: number,
  reps: number,
): Promise<{ firstMs: number; ms: number }> {
  const a = tf.tensor2d(randomMatrix(size * size, 1), [size, size]);
  const b = tf.tensor2d(randomMatrix(size * size, 2), [size, size]);
  try {
    // Uploaded before the clock starts, as our kernel's inputs are.
    await tf.add(a, b).data();
    /** `count` products, each result kept until the last one is read back. */
    const products = async (count: number): Promise<void> => {
      const results: tf.Tensor[] = [];
      for (let i = 0; i < count; i++) results.push(tf.matMul(a, b));
      try {
        const last = await results[results.length - 1].data();
        if (!last.every(Number.isFinite)) throw new Error('the product has non-finite values');
      } finally {
        for (const t of results) t.dispose();
      }
    };
    const t0 = performance.now();
    await products(1);
    const firstMs = performance.now() - t0;
    if (warmup > 1) await products(warmup - 1);
    const t1 = performance.now();
    await products(reps);
    return { firstMs, ms: performance.now() - t1 };
  } finally {
    a.dispose();
    b.dispose();
  }
}

export async function runTfjsJob(job: BenchJob): Promise<JobOutcome> {
  let adapter: string | null = null;
  try {
    // What a tfjs user ships: no per-op NaN checks or debug logging.
    tf.enableProdMode();
    const name = backendName(job.engine);
    const data = job.kind === 'train' ? await loadBenchData(job.opts.model, job.opts.seed) : null;
    const backendInitMs = await useBackend(name);
    adapter = describeAdapter(name);
    if (job.kind === 'train') {
      const { model } = job.opts;
      const result =
        model === 'cifarVgg'
          ? await trainTfjsCifar(data!, job.opts, backendInitMs)
          : await trainTfjs(data!, { ...job.opts, model }, backendInitMs, {
              readEvery: READ_EVERY_STEPS,
              clockFrom: 'train',
            });
      return { result, adapter };
    }
    const { firstMs, ms } = await matmul(job.size, job.warmup, job.reps);
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
  }
}
