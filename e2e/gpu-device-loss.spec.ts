// A person trains the MLP on WebGPU and the GPU goes away under them (a driver reset, a
// suspended tab; here `device.destroy()`): the run moves to the CPU, resumes from its last
// checkpoint and keeps training, and the page says so.
import { expect, test, type Locator } from '@playwright/test';
import type { LayerCakeTestHooks } from '../src/ui/app/engineClient';

async function readNumber(locator: Locator): Promise<number> {
  const text = (await locator.textContent()) ?? '';
  return Number(text.replace(/[,\s]/g, ''));
}

test('train on the GPU, lose the device, and the run carries on on the CPU', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });

  await page.goto('/');
  await page.getByTestId('template-mlp').click();
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });

  // It runs on WebGPU, says on which adapter, and how long the kernels took to compile.
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveText('WebGPU');
  await expect(badge).toHaveAttribute('data-backend', 'webgpu');
  await expect(page.getByTestId('backend-device')).toHaveText(/^on SwiftShader/);
  await expect(status).toContainText(/Compiled \d+ GPU kernels in \d+\.\d s/);
  await status.screenshot({ path: 'test-results/ready-on-webgpu.png' });

  await page.getByTestId('control-train').click();
  await expect(status).toHaveAttribute('data-state', 'training');
  const steps = page.getByTestId('step-counter');
  // Long enough for a checkpoint or two (every 3 s and after each evaluation).
  await expect.poll(() => readNumber(steps), { timeout: 120_000 }).toBeGreaterThanOrEqual(60);
  await page.waitForTimeout(4_000);
  await page
    .getByTestId('run-status')
    .screenshot({ path: 'test-results/backend-badge-webgpu.png' });

  const lost = await page.evaluate(() =>
    (globalThis as unknown as { layercake: LayerCakeTestHooks }).layercake.loseDevice(),
  );
  expect(lost).toBe(true);
  const lostNear = await readNumber(steps);

  // The page says what happened and where the run resumed.
  const notice = page.getByTestId('backend-notice');
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice).toContainText(/Moved to the CPU, resumed from step [\d,]+/);
  await expect(notice).toContainText(/The GPU device was lost at step [\d,]+/);
  const resumedFrom = Number(await notice.getAttribute('data-resumed-from'));
  expect(resumedFrom).toBeGreaterThan(0);
  expect(resumedFrom).toBeLessThanOrEqual(lostNear + 1_000);

  await expect(badge).toHaveText('CPU (JavaScript)');
  await expect(badge).toHaveAttribute('data-backend', 'cpu');
  await expect(page.getByTestId('backend-device')).toContainText('The GPU device was lost');

  // And it keeps training, past the step it resumed from and past where it was lost.
  await expect(status).toHaveAttribute('data-state', 'training');
  await expect
    .poll(() => readNumber(steps), { timeout: 120_000 })
    .toBeGreaterThan(Math.max(resumedFrom, lostNear) + 20);
  await expect(status).toHaveAttribute('data-state', 'training');
  const loss = await readNumber(page.getByTestId('loss-value'));
  expect(Number.isFinite(loss)).toBe(true);
  expect(loss).toBeLessThan(Math.log(10));

  await page.screenshot({ path: 'test-results/device-loss-notice.png', fullPage: true });
  await page.getByTestId('run-status').screenshot({ path: 'test-results/backend-badge-cpu.png' });
  await notice.screenshot({ path: 'test-results/backend-notice.png' });

  await page.getByTestId('control-pause').click();
  await expect(status).toHaveAttribute('data-state', 'paused', { timeout: 5_000 });
  expect(problems).toEqual([]);
});

test('pause on the GPU, lose the device, and the run waits on the CPU at the same step', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });

  await page.goto('/');
  await page.getByTestId('template-mlp').click();
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  await expect(page.getByTestId('backend-badge')).toHaveText('WebGPU');

  await page.getByTestId('control-train').click();
  const steps = page.getByTestId('step-counter');
  await expect.poll(() => readNumber(steps), { timeout: 120_000 }).toBeGreaterThanOrEqual(30);
  await page.getByTestId('control-pause').click();
  await expect(status).toHaveAttribute('data-state', 'paused', { timeout: 5_000 });
  const pausedAt = await readNumber(steps);

  const lost = await page.evaluate(() =>
    (globalThis as unknown as { layercake: LayerCakeTestHooks }).layercake.loseDevice(),
  );
  expect(lost).toBe(true);

  // A pause checkpoints the run, so nothing is lost: it resumes at the very step, paused.
  const notice = page.getByTestId('backend-notice');
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice).toHaveAttribute('data-resumed-from', String(pausedAt));
  await expect(page.getByTestId('backend-badge')).toHaveText('CPU (JavaScript)');
  await expect(status).toHaveAttribute('data-state', 'paused');
  await expect(status).toContainText(`Paused at step ${pausedAt} of`);
  expect(await readNumber(steps)).toBe(pausedAt);

  // One more step, on the CPU.
  await page.keyboard.press('s');
  await expect.poll(() => readNumber(steps)).toBe(pausedAt + 1);

  // The notice stays until the person dismisses it.
  await page.getByRole('button', { name: 'Dismiss this notice' }).click();
  await expect(notice).toBeHidden();
  expect(problems).toEqual([]);
});
