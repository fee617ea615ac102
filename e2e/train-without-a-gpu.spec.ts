// A person opens LayerCake in a browser that offers no WebGPU adapter (here: Chromium without
// --enable-unsafe-webgpu, where navigator.gpu exists but requestAdapter() returns null). The
// app trains on the CPU backend and says why, next to the backend badge.
import { expect, test, type Locator } from '@playwright/test';
import { withoutWebGpu } from './withoutWebGpu';
test.use(withoutWebGpu);

async function readNumber(locator: Locator): Promise<number> {
  const text = (await locator.textContent()) ?? '';
  return Number(text.replace(/[,\s]/g, ''));
}

test('train without a GPU: the CPU backend runs it, and the page says why', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });

  await page.goto('/');
  await page.getByTestId('template-mlp').click();
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveText('CPU (JavaScript)');
  await expect(badge).toHaveAttribute('data-backend', 'cpu');
  await expect(page.getByTestId('backend-device')).toHaveText(/^No WebGPU adapter: .+/);
  // Nothing was compiled for a GPU, so the ready message does not pretend it was.
  await expect(status).not.toContainText('GPU kernels');

  await page.getByTestId('control-train').click();
  const steps = page.getByTestId('step-counter');
  await expect.poll(() => readNumber(steps), { timeout: 60_000 }).toBeGreaterThanOrEqual(20);
  await page.getByTestId('control-pause').click();
  await expect(status).toHaveAttribute('data-state', 'paused', { timeout: 5_000 });
  await page
    .getByTestId('run-status')
    .screenshot({ path: 'test-results/backend-badge-no-gpu.png' });
  expect(problems).toEqual([]);
});
