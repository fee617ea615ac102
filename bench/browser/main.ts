// The browser bench page: window.layercakeBench.run(job) runs one job and resolves with its
// outcome. Our engine runs in a dedicated module worker, one per job; tfjs runs on this page's
// main thread (loaded only for tfjs jobs).
import type { BenchJob, BenchPage, JobOutcome, WorkerReply, WorkerRequest } from './protocol';

declare global {
  interface Window {
    layercakeBench?: BenchPage;
  }
}

function runInWorker(job: BenchJob): Promise<JobOutcome> {
  const worker = new Worker(new URL('./oursWorker.ts', import.meta.url), { type: 'module' });
  return new Promise<JobOutcome>((resolve) => {
    worker.onmessage = (event: MessageEvent<WorkerReply>) => resolve(event.data);
    worker.onerror = (event) =>
      resolve({
        result: null,
        adapter: null,
        error: `worker: ${event.message || 'failed to start'}`,
      });
    const request: WorkerRequest = { job };
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

async function run(job: BenchJob): Promise<JobOutcome> {
  if (job.engine.startsWith('ours-')) return runInWorker(job);
  const { runTfjsJob } = await import('./tfjsJobs');
  return runTfjsJob(job);
}

window.layercakeBench = { run };
document.title = 'LayerCake bench: ready';
