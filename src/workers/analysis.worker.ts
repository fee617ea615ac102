// The analysis worker: t-SNE and PCA maps off the page's thread and off the training worker's,
// so neither drawing nor training waits for them. Exact t-SNE runs on WebGPU when the browser
// offers an adapter (the same choice the training worker makes) and on the CPU backend
// otherwise; Barnes-Hut and PCA run in JavaScript here. One map at a time: a new one, or stop,
// ends the last (see mapRun.ts for how a run advances).
import * as Comlink from 'comlink';
import type { Backend } from '../engine/backend/backend';
import { CpuBackend } from '../engine/backend/cpu/cpuBackend';
import { requestGpuDevice } from '../gpu/device';
import { WebGpuBackend } from '../gpu/webgpuBackend';
import type { AnalysisApi, MapFrame } from './analysisApi';
import { runMap } from './mapRun';

let cpuFallbackNote: string | null = null;
let backend: Promise<Backend> = requestGpuDevice(self.navigator.gpu)
  .then((source) => new WebGpuBackend(source) as Backend)
  .catch((error: unknown) => {
    cpuFallbackNote = error instanceof Error ? error.message : String(error);
    return new CpuBackend();
  });

function describe(b: Backend): string {
  return b instanceof WebGpuBackend
    ? b.description
    : `JavaScript (CPU backend)${cpuFallbackNote ? `; no WebGPU: ${cpuFallbackNote}` : ''}`;
}

let generation = 0;

const api: AnalysisApi = {
  async map(request, onFrame) {
    const gen = ++generation;
    // Frames go without waiting for the page (a round trip per frame would slow the run).
    const send = (frame: MapFrame) => void onFrame(Comlink.transfer(frame, [frame.layout.buffer]));
    const result = await runMap(request, send, {
      backend: () => backend,
      fallback(reason) {
        cpuFallbackNote = reason;
        const cpu = new CpuBackend();
        backend = Promise.resolve(cpu);
        return cpu;
      },
      describe,
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
    return describe(await backend);
  },
};

Comlink.expose(api);
