// `npm run bench -- --browser`, the Node side: builds the bench page with Vite, serves it on
// localhost with the prepared data sets and tfjs's wasm binaries, opens it in headless Chromium
// with WebGPU (Debian's SwiftShader build on the CI machines), and runs one job per page load in
// one browser session. Returns the records; bench/run.ts prints and merges them.
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { build } from 'vite';
import { BENCH_PAGE_DIR } from './vite.config';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../scripts/chromium';
import type { BenchOptions, BenchRecord, TrainedModel } from '../record';
import {
  matmulEngines,
  type BenchJob,
  type BenchPage,
  type BrowserEngine,
  type BrowserModel,
  type JobOutcome,
} from './protocol';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const BATCH = 64;
const MATMUL_SIZE = 1024;
const MATMUL_MODEL = 'matmul1024';

/** Sized so the whole browser run takes a few minutes on two cores, SwiftShader included:
 * tfjs-webgpu trains LeNet-5 at about 40 samples/s there (1.6 s a step); a step of the small
 * VGG takes seconds on every engine there. */
export const BROWSER_DEFAULTS: Record<TrainedModel, { warmup: number; steps: number }> = {
  mlp: { warmup: 10, steps: 200 },
  lenet5: { warmup: 5, steps: 50 },
  cifarVgg: { warmup: 2, steps: 5 },
};
/** How long a job may take unless --job-timeout says: tfjs's VGG steps took 65–114 s each on
 * SwiftShader (2026-12-02), so its 7 steps need far longer than the MNIST models' jobs. */
const JOB_TIMEOUT_MS: Record<BrowserModel, number> = {
  mlp: 300_000,
  lenet5: 300_000,
  matmul: 300_000,
  cifarVgg: 1_500_000,
};
const MATMUL_WARMUP = 2;
const MATMUL_REPS = 5;

export interface BrowserBenchOptions {
  models: BrowserModel[];
  engines: BrowserEngine[];
  steps?: number;
  warmup?: number;
  evaluate: boolean;
  seed: number;
  /** Per job, after which the job is recorded as failed and the next one starts (default: JOB_TIMEOUT_MS). */
  jobTimeoutMs?: number;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

/** URL prefix → folder. The page itself is the fallback. */
const MOUNTS: [string, string][] = [
  ['/datasets/', path.join(ROOT, 'public/datasets')],
  ['/tfjs-wasm/', path.join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')],
  ['/', BENCH_PAGE_DIR],
];

async function buildPage(): Promise<void> {
  const t0 = performance.now();
  await build({ configFile: path.join(HERE, 'vite.config.ts') });
  console.log(`Built the bench page in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
}

/**
 * A static server for localhost only. Not cross-origin isolated, so tfjs-wasm runs its
 * single-threaded SIMD build, as in the Node bench: its threaded build fails when bundled
 * ("e is not defined" in its pthread workers), and on two cores it would start one thread.
 */
function serve(): Promise<{ server: Server; url: string }> {
  return serveStatic(MOUNTS);
}

/** Serves folders on localhost: each request goes to the first mount whose prefix it has. */
export function serveStatic(mounts: [string, string][]): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
        const [prefix, dir] = mounts.find(([p]) => pathname.startsWith(p))!;
        let file = path.resolve(dir, '.' + pathname.slice(prefix.length - 1));
        if (file !== dir && !file.startsWith(dir + path.sep)) {
          res.writeHead(403).end();
          return;
        }
        if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
        const body = await readFile(file);
        res.writeHead(200, {
          'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
          'Content-Length': body.length,
          'Cache-Control': 'no-store',
        });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}/` });
    });
  });
}

/** Runs one job on a fresh page, so no job sees another's GPU device, WebGL context or heap. */
async function runJob(
  context: BrowserContext,
  url: string,
  job: BenchJob,
  timeoutMs: number,
): Promise<JobOutcome> {
  const page = await context.newPage();
  const label = `${job.kind === 'train' ? job.opts.model : 'matmul'} ${job.engine}`;
  page.on('console', (m) => {
    if (m.type() === 'error') console.log(`  [${label}] console: ${m.text()}`);
  });
  page.on('pageerror', (e) => console.log(`  [${label}] page error: ${e.message}`));
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.layercakeBench !== undefined);
    const timeout = new Promise<JobOutcome>((resolve) => {
      timer = setTimeout(
        () =>
          resolve({
            result: null,
            adapter: null,
            error: `no result after ${Math.round(timeoutMs / 1000)} s`,
          }),
        timeoutMs,
      );
    });
    const outcome = page.evaluate((j) => (window.layercakeBench as BenchPage).run(j), job);
    return await Promise.race([outcome, timeout]);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { result: null, adapter: null, error: message.split('\n')[0] };
  } finally {
    clearTimeout(timer);
    await page.close().catch(() => undefined);
  }
}

function jobsFor(o: BrowserBenchOptions): BenchJob[] {
  const jobs: BenchJob[] = [];
  for (const model of o.models) {
    if (model === 'matmul') {
      for (const engine of o.engines.filter((e) => matmulEngines.includes(e)))
        jobs.push({
          kind: 'matmul',
          engine,
          size: MATMUL_SIZE,
          warmup: MATMUL_WARMUP,
          reps: MATMUL_REPS,
        });
      continue;
    }
    const opts: BenchOptions = {
      model,
      batch: BATCH,
      warmup: o.warmup ?? BROWSER_DEFAULTS[model].warmup,
      steps: o.steps ?? BROWSER_DEFAULTS[model].steps,
      evaluate: o.evaluate,
      seed: o.seed,
    };
    for (const engine of o.engines) jobs.push({ kind: 'train', engine, opts });
  }
  return jobs;
}

function toRecord(
  job: BenchJob,
  outcome: JobOutcome,
  machine: Pick<BenchRecord, 'node' | 'cpu' | 'browser'>,
): BenchRecord {
  const [engine, backend] = job.engine.split('-') as ['ours' | 'tfjs', string];
  const r = outcome.result;
  return {
    suite: job.kind === 'train' ? 'throughput' : 'matmul',
    model: job.kind === 'train' ? job.opts.model : MATMUL_MODEL,
    engine: engine === 'ours' ? 'layercake' : 'tfjs',
    backend,
    environment: 'browser',
    adapter: outcome.adapter,
    batch: job.kind === 'train' ? job.opts.batch : null,
    steps: job.kind === 'train' ? job.opts.steps : job.reps,
    warmupSteps: job.kind === 'train' ? job.opts.warmup : job.warmup,
    samplesPerSec: r?.samplesPerSec ?? null,
    msPerStep: r?.msPerStep ?? null,
    firstStepMs: r?.firstStepMs ?? null,
    backendInitMs: r?.backendInitMs ?? null,
    testAccuracy: r?.testAccuracy ?? null,
    finalLoss: r?.finalLoss ?? null,
    ...(job.kind === 'matmul' ? { gflops: outcome.gflops ?? null } : {}),
    ratioVsTfjsCpu: null,
    ...(outcome.error !== undefined ? { error: outcome.error } : {}),
    timestamp: new Date().toISOString(),
    ...machine,
  };
}

function summary(r: BenchRecord): string {
  if (r.error !== undefined) return r.error;
  const first = `first ${r.firstStepMs!.toFixed(0)} ms`;
  if (r.suite === 'matmul') return `${r.gflops!.toFixed(2)} GFLOP/s, ${first}`;
  return `${r.samplesPerSec!.toFixed(0)} samples/s, ${first}, loss ${r.finalLoss!.toFixed(3)}`;
}

const load = (): string =>
  os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');

/** Headless Debian Chromium with the project's flags (WebGPU on SwiftShader here). */
export function launchBenchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumExecutable,
    args: [...CHROMIUM_ARGS],
    headless: true,
  });
}

/** What a browser record says about where it ran. */
export function machineOf(browser: Browser): { node: string; cpu: string; browser: string } {
  return {
    node: process.version,
    cpu: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}`,
    browser: `Chromium ${browser.version()}`,
  };
}

export async function runBrowserBench(o: BrowserBenchOptions): Promise<BenchRecord[]> {
  await buildPage();
  const { server, url } = await serve();
  let browser: Browser | null = null;
  try {
    browser = await launchBenchBrowser();
    const machine = machineOf(browser);
    // Everything here runs on the CPU cores (SwiftShader too): other work on them shows up.
    console.log(`${machine.browser}, serving ${url}; load average ${load()}`);
    const context = await browser.newContext();
    const records: BenchRecord[] = [];
    for (const job of jobsFor(o)) {
      const model = job.kind === 'train' ? job.opts.model : 'matmul';
      const outcome = await runJob(context, url, job, o.jobTimeoutMs ?? JOB_TIMEOUT_MS[model]);
      const record = toRecord(job, outcome, machine);
      records.push(record);
      console.log(`${record.model} ${job.engine}: ${summary(record)}`);
    }
    await context.close();
    console.log(`Load average at the end: ${load()}`);
    return records;
  } finally {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
