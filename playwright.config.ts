// End-to-end tests run against the BUILT app (vite build, then vite preview) in a real
// Chromium. On the CI machines that is Debian's /usr/bin/chromium (Playwright's own browser
// download does not work there); set CHROMIUM_PATH to use another one.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './scripts/chromium';

// E2E_PORT / E2E_DIST / E2E_RESULTS let two checkouts' (or two people's) browser runs share a
// machine without fighting over the port, the build folder or the artifacts.
const PORT = Number(process.env.E2E_PORT ?? 4317);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const DIST = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.E2E_RESULTS ?? 'test-results',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  // Two browsers at a time (E2E_WORKERS to change it). On the 2-core VM one test at a time
  // leaves a core idle much of the time (page loads, polling, waits between bursts of
  // training): on an idle VM the suite's 728 s of tests took 6.4 min on two workers (1.9×),
  // and it passed on two workers beside two running benchmarks.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  // Tests, not files, are shared out: lessons.spec.ts alone is five minutes of tests.
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: BASE_URL,
    viewport: { width: 1360, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumExecutable,
      args: [...CHROMIUM_ARGS],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: `npm run build -- --outDir ${DIST} && npm run preview -- --outDir ${DIST} --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
