// The analysis worker: t-SNE and PCA maps off the page's thread and off the training worker's,
// so neither drawing nor training waits for them. Exact t-SNE runs on WebGPU when the browser
// offers an adapter — by default not a software fallback one (SwiftShader ran it 7.6× slower
// than the CPU backend: bench/results.json, suite tsne) — and on the CPU backend otherwise,
// saying why; a map can ask for either. Barnes-Hut and PCA run in JavaScript here. One map at a
// time: a new one, or stop, ends the last (see mapRun.ts for how a run advances).
import * as Comlink from 'comlink';
import type { Backend } from '../engine/backend/backend';
import { CpuBackend } from '../engine/backend/cpu/cpuBackend';
import { requestGpuDevice } from '../gpu/device';
import { WebGpuBackend } from '../gpu/webgpuBackend';
import type { AnalysisApi, MapDevice, MapFrame } from './analysisApi';
import { runMap } from './mapRun';

const cpu = new CpuBackend();
/** Why there is no GPU to use (no adapter, or it failed); null while there is one. */
let noGpu: string | null = null;
let gpu: Promise<WebGpuBackend | null> = requestGpuDevice(self.navigator.gpu)
  .then((source) => new WebGpuBackend(source))
  .catch((error: unknown) => {
    noGpu = `no WebGPU: ${error instanceof Error ? error.message : String(error)}`;
    return null;
  });

/** The backend for a map's `device`, and why it is the CPU when it is. */
async function backendFor(device: MapDevice): Promise<{ backend: Backend; why: string | null }> {
  if (device === 'cpu') return { backend: cpu, why: 'as chosen' };
  const g = await gpu;
  if (g === null) return { backend: cpu, why: noGpu };
  if (device === 'auto' && g.source.isFallback)
    return {
      backend: cpu,
      why: `the browser's WebGPU is a software fallback (${g.source.description.split(' (')[0]}), slower than JavaScript here`,
    };
  return { backend: g, why: null };
}

function describe(b: Backend, why: string | null): string {
  return b instanceof WebGpuBackend ? b.description : `the CPU backend${why ? ` (${why})` : ''}`;
}

let generation = 0;

const api: AnalysisApi = {
  async map(request, onFrame) {
    const gen = ++generation;
    // Frames go without waiting for the page (a round trip per frame would slow the run).
    const send = (frame: MapFrame) => void onFrame(Comlink.transfer(frame, [frame.layout.buffer]));
    let { backend, why } = await backendFor(request.device ?? 'auto');
    const result = await runMap(request, send, {
      backend: async () => backend,
      fallback(reason) {
        // The GPU failed (out of memory, lost): this and later maps use the CPU.
        noGpu = reason;
        gpu = Promise.resolve(null);
        backend = cpu;
        why = reason;
        return cpu;
      },
      describe: (b) => describe(b, why),
      stopped: () => gen !== generation,
    });
    return result.last
      ? { ...result, last: { ...result.last, layout: result.last.layout.slice() } }
      : result;
  },
  async stop() {
    generation++;
  },
  async backendDescription() {
    const { backend, why } = await backendFor('auto');
    return describe(backend, why);
  },
};

Comlink.expose(api);
