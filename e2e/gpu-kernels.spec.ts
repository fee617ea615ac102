// A person who doubts their GPU asks LayerCake to check it: every kernel conformance case
// (the suite the Node tests run through Dawn) runs on Chromium's WebGPU inside the app's
// training worker, against the CPU reference, and every one must pass.
import { expect, test } from '@playwright/test';
import { conformanceCases } from '../src/engine/backend/conformance';
import { CONV_TILINGS, MATMUL_TILINGS } from '../src/gpu/tuning';
import type { LayerCakeTestHooks } from '../src/ui/app/engineClient';
import type { SelfTestReport } from '../src/workers/engineApi';

test('check the GPU: every kernel on the browser WebGPU matches the CPU backend', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveText('WebGPU', { timeout: 60_000 });

  const started = Date.now();
  const report: SelfTestReport = await page.evaluate(() =>
    (globalThis as unknown as { layercake: LayerCakeTestHooks }).layercake.selfTest(),
  );
  const wallMs = Date.now() - started;
  if (!report.ok) throw new Error(`no WebGPU in the worker: ${report.reason}`);

  // Every case, once per tiling where the tuner could pick either, exactly as in Node.
  const expected = conformanceCases.reduce(
    (n, c) =>
      n +
      (c.tunable === 'matmul'
        ? MATMUL_TILINGS.length
        : c.tunable === 'conv'
          ? CONV_TILINGS.length
          : 1),
    0,
  );
  expect(report.results).toHaveLength(expected);
  const failed = report.results
    .filter((r) => !r.passed)
    .map(
      (r) =>
        `${r.kernel}, ${r.name}${r.tiling ? ` [${r.tiling}]` : ''}: error ${r.worst} > ${r.tolerance} (${r.detail})`,
    );
  expect(failed).toEqual([]);
  expect(report.adapter).toMatch(/^WebGPU on /);

  const summary = `${report.results.length} cases passed on ${report.adapter} in ${(report.ms / 1000).toFixed(1)} s (${(wallMs / 1000).toFixed(1)} s with the round trip)`;
  test.info().annotations.push({ type: 'kernel conformance', description: summary });
  console.log(summary);
  expect(problems).toEqual([]);
});
