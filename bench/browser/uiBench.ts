// `npm run bench -- --ui`: is the page responsive while it trains? Builds the app itself,
// serves it on localhost, opens it in headless Chromium (WebGPU on SwiftShader on the CI
// machines), picks a template, presses Train and lets it run for N steps or T seconds, then
// Pause — all through the dashboard, as a person would. Meanwhile a PerformanceObserver records
// every long main-thread task (the browser reports those of 50 ms and more) and an animation-
// frame probe the longest gap between frames. The budget is no task over 50 ms. Where the page
// has the inside-the-network panels (MNIST), it trains in passes with them closed and open and
// records both throughputs: the budget is less than 10 % slower with them open.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { build } from 'vite';
import type { BenchModel, BenchRecord } from '../record';
import { launchBenchBrowser, machineOf, serveStatic } from './harness';
import { mainThreadTasks } from './traceTasks';

const ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
/** The built app goes here (not dist/, which the e2e tests build into). */
const APP_DIR = path.join(ROOT, 'node_modules/.cache/layercake-ui-bench');
const LONG_TASK_MS = 50;

export interface UiBenchOptions {
  models: BenchModel[];
  /** Train until this many steps have run... */
  steps: number;
  /** ...or this many seconds have passed, whichever comes first. */
  seconds: number;
}

interface Probe {
  tasks: { start: number; duration: number }[];
  frames: { on: boolean; last: number; maxGap: number };
}

declare global {
  interface Window {
    uiBenchProbe?: Probe;
  }
}

/**
 * Runs in the page before its own scripts: the long-task observer and the frame probe. Plain
 * JavaScript in a string, so the bundler's helpers (tsx names functions) never reach the page.
 */
const PROBE_SCRIPT = `(() => {
  const probe = { tasks: [], frames: { on: false, last: 0, maxGap: 0 } };
  window.uiBenchProbe = probe;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const tick = (t) => {
    const f = probe.frames;
    if (f.on) {
      if (f.last > 0) f.maxGap = Math.max(f.maxGap, t - f.last);
      f.last = t;
    } else {
      f.last = 0;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

async function buildApp(): Promise<void> {
  const t0 = performance.now();
  await build({
    configFile: path.join(ROOT, 'vite.config.ts'),
    root: ROOT,
    build: { outDir: APP_DIR, emptyOutDir: true, reportCompressedSize: false },
    logLevel: 'warn',
  });
  console.log(`Built the app in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
}

async function readNumber(page: Page, testId: string): Promise<number | null> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  const n = Number(text.replace(/[,\s%]/g, ''));
  return Number.isFinite(n) && text.trim() !== '—' ? n : null;
}

async function waitForState(page: Page, states: string[], timeoutMs: number): Promise<string> {
  const status = page.getByTestId('run-status');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = (await status.getAttribute('data-state')) ?? '';
    if (states.includes(state)) return state;
    if (state === 'failed' || state === 'diverged') {
      throw new Error(`the run ${state}: ${(await status.textContent()) ?? ''}`);
    }
    if (Date.now() > deadline) throw new Error(`still "${state}" after ${timeoutMs / 1000} s`);
    await page.waitForTimeout(200);
  }
}

/** The inside-the-network panels (see src/ui/viz/InsightsSection.tsx), opened or closed by their toggles. */
const INSIGHT_PANELS = ['featureMaps', 'filters', 'evaluation', 'draw'] as const;

async function setPanels(page: Page, open: boolean): Promise<number> {
  let toggled = 0;
  for (const name of INSIGHT_PANELS) {
    const toggle = page.getByTestId(`insight-toggle-${name}`);
    if ((await toggle.count()) === 0) continue;
    toggled++;
    if (((await toggle.getAttribute('aria-expanded')) === 'true') !== open) await toggle.click();
  }
  return toggled;
}

interface Pass {
  steps: number;
  seconds: number;
  tasks: { start: number; duration: number }[];
  maxGap: number;
  traced: ReturnType<typeof mainThreadTasks>;
}

/** Train from a ready run until o.steps or o.seconds, then Pause; what the page did meanwhile. */
async function trainOnce(browser: Browser, page: Page, o: UiBenchOptions): Promise<Pass> {
  const stepsBefore = (await readNumber(page, 'step-counter')) ?? 0;
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
  });
  const start = await page.evaluate(() => {
    const probe = window.uiBenchProbe!;
    probe.frames.on = true;
    probe.frames.last = 0;
    probe.frames.maxGap = 0;
    return performance.now();
  });
  await page.getByTestId('control-train').click();
  const deadline = Date.now() + o.seconds * 1000;
  for (;;) {
    const steps = (await readNumber(page, 'step-counter')) ?? 0;
    const state = await page.getByTestId('run-status').getAttribute('data-state');
    if (steps - stepsBefore >= o.steps || Date.now() >= deadline || state === 'finished') break;
    if (state === 'failed' || state === 'diverged') throw new Error(`the run ${state}`);
    await page.waitForTimeout(250);
  }
  await page
    .getByTestId('control-pause')
    .click({ timeout: 10_000 })
    .catch(() => undefined);
  await waitForState(page, ['paused', 'finished'], 30_000);
  const { end, tasks, maxGap } = await page.evaluate(() => {
    const probe = window.uiBenchProbe!;
    probe.frames.on = false;
    return { end: performance.now(), tasks: probe.tasks, maxGap: probe.frames.maxGap };
  });
  const traced = mainThreadTasks(
    JSON.parse((await browser.stopTracing()).toString('utf8')),
    LONG_TASK_MS,
  );
  const steps = ((await readNumber(page, 'step-counter')) ?? 0) - stepsBefore;
  return {
    steps,
    seconds: (end - start) / 1000,
    tasks: tasks.filter((t) => t.start >= start && t.start <= end),
    maxGap,
    traced,
  };
}

/** Samples per second over several passes together: all their samples over all their time. */
function rateOf(passes: Pass[], batch: number): number | null {
  const seconds = passes.reduce((a, p) => a + p.seconds, 0);
  const steps = passes.reduce((a, p) => a + p.steps, 0);
  return seconds > 0 ? (steps * batch) / seconds : null;
}

/**
 * Trains `model` from the dashboard. Where the page has the inside-the-network panels (MNIST),
 * it trains in alternating passes with them closed and open — closed, open, closed, open, each
 * from a reset run — so the two throughputs share the machine's drift, and records both.
 */
async function trainFromTheUi(
  browser: Browser,
  page: Page,
  url: string,
  model: BenchModel,
  o: UiBenchOptions,
): Promise<Omit<BenchRecord, 'timestamp' | 'node' | 'cpu' | 'browser'>> {
  await page.goto(url);
  await page.getByTestId(`template-${model}`).click();
  await waitForState(page, ['ready'], 240_000);
  const batch = Number(await page.getByTestId('field-batchSize').inputValue());

  const hasPanels = (await setPanels(page, true)) > 0;
  const plan = hasPanels ? [false, true, false, true] : [true];
  const open: Pass[] = [];
  const closed: Pass[] = [];
  for (const [i, panelsOpen] of plan.entries()) {
    if (i > 0) {
      await page.getByTestId('control-reset').click();
      await waitForState(page, ['ready'], 120_000);
    }
    await setPanels(page, panelsOpen);
    const pass = await trainOnce(browser, page, o);
    (panelsOpen ? open : closed).push(pass);
    console.log(
      `  pass ${i + 1}: panels ${panelsOpen ? 'open' : 'closed'}, ${pass.steps} steps in ${pass.seconds.toFixed(1)} s, ${((pass.steps * batch) / pass.seconds).toFixed(0)} samples/s`,
    );
  }

  const all = [...open, ...closed];
  const during = all.flatMap((p) => p.tasks);
  const longest = during.reduce((m, t) => Math.max(m, t.duration), 0);
  const steps = all.reduce((a, p) => a + p.steps, 0);
  const seconds = all.reduce((a, p) => a + p.seconds, 0);
  const badge = page.getByTestId('backend-badge');
  const backend = (await badge.getAttribute('data-backend')) ?? 'unknown';
  const device = page.getByTestId('backend-device');
  const adapter = (await device.count()) > 0 ? ((await device.textContent()) ?? null) : null;
  if (during.length > 0) {
    const worst = [...during].sort((a, b) => b.duration - a.duration).slice(0, 5);
    console.log(`  long tasks: ${worst.map((t) => `${t.duration.toFixed(0)} ms`).join(', ')}`);
  }
  const openRate = rateOf(open, batch);
  const closedRate = hasPanels ? rateOf(closed, batch) : null;
  return {
    suite: 'ui',
    model,
    engine: 'layercake',
    backend,
    environment: 'browser',
    adapter: adapter?.replace(/^on /, '') ?? null,
    batch,
    steps,
    warmupSteps: 0,
    // Wall clock from pressing Train to paused, test evaluations and pausing included: with the
    // panels open, as a person sees the page.
    samplesPerSec: openRate,
    msPerStep: openRate ? (1000 * batch) / openRate : null,
    samplesPerSecPanelsClosed: closedRate,
    panelSlowdown: openRate && closedRate ? 1 - openRate / closedRate : null,
    firstStepMs: null,
    backendInitMs: null,
    testAccuracy: null,
    finalLoss: await readNumber(page, 'loss-value'),
    ratioVsTfjsCpu: null,
    longestTaskMs: longest,
    tasksOver50ms: during.filter((t) => t.duration > LONG_TASK_MS).length,
    longestTaskCpuMs: Math.max(...all.map((p) => p.traced.longestCpuMs)),
    tasksOver50msCpu: all.reduce((a, p) => a + p.traced.over50msCpu, 0),
    longestFrameGapMs: Math.max(...all.map((p) => p.maxGap)),
    seconds,
  };
}

export async function runUiBench(o: UiBenchOptions): Promise<BenchRecord[]> {
  await buildApp();
  const { server, url } = await serveStatic([['/', APP_DIR]]);
  let browser: Browser | null = null;
  try {
    browser = await launchBenchBrowser();
    const machine = machineOf(browser);
    console.log(`${machine.browser}, serving ${url}; load average ${os.loadavg()[0].toFixed(2)}`);
    const records: BenchRecord[] = [];
    for (const model of o.models) {
      const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
      await context.addInitScript({ content: PROBE_SCRIPT });
      const page = await context.newPage();
      page.on('pageerror', (e) => console.log(`  [${model}] page error: ${e.message}`));
      let record: BenchRecord;
      try {
        record = {
          ...(await trainFromTheUi(browser, page, url, model, o)),
          timestamp: new Date().toISOString(),
          ...machine,
        };
      } catch (e) {
        const error = e instanceof Error ? e.message.split('\n')[0] : String(e);
        record = {
          suite: 'ui',
          model,
          engine: 'layercake',
          backend: 'unknown',
          environment: 'browser',
          batch: null,
          steps: 0,
          warmupSteps: 0,
          samplesPerSec: null,
          msPerStep: null,
          firstStepMs: null,
          backendInitMs: null,
          testAccuracy: null,
          finalLoss: null,
          ratioVsTfjsCpu: null,
          error,
          timestamp: new Date().toISOString(),
          ...machine,
        };
      }
      records.push(record);
      console.log(
        `${model} ui: ${record.error ?? `${record.steps} steps in ${record.seconds!.toFixed(1)} s on ${record.backend}${record.panelSlowdown != null ? `; ${record.samplesPerSec!.toFixed(0)} samples/s with the panels open, ${record.samplesPerSecPanelsClosed!.toFixed(0)} closed (${(100 * record.panelSlowdown).toFixed(1)} % slower)` : ''}; longest task ${record.longestTaskMs!.toFixed(0)} ms, ${record.tasksOver50ms} over 50 ms (by CPU time: ${record.longestTaskCpuMs!.toFixed(1)} ms, ${record.tasksOver50msCpu} over 50 ms), longest frame gap ${record.longestFrameGapMs!.toFixed(0)} ms; load average ${os.loadavg()[0].toFixed(2)}`}`,
      );
      await context.close();
    }
    return records;
  } finally {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
