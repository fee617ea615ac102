// A person opens LayerCake, picks the MLP, presses Train and watches it learn.
import { expect, test, type Locator, type Page } from '@playwright/test';

async function readNumber(locator: Locator): Promise<number> {
  const text = (await locator.textContent()) ?? '';
  return Number(text.replace(/[,\s]/g, ''));
}

/** How many pixels of a chart's canvas have been painted. */
async function paintedPixels(page: Page, chartTestId: string): Promise<number> {
  return page
    .getByTestId(chartTestId)
    .locator('canvas')
    .evaluate((canvas: HTMLCanvasElement) => {
      const ctx = canvas.getContext('2d');
      if (!ctx) return 0;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
      return painted;
    });
}

test('train a model: pick the MLP, train it, and the loss moves', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });

  await page.goto('/');
  await expect(page.locator('.brand-name')).toHaveText('LayerCake');

  await page.getByTestId('template-mlp').click();
  await expect(page.getByTestId('template-mlp')).toHaveAttribute('aria-checked', 'true');
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });

  await page.getByTestId('control-train').click();
  await expect(status).toHaveAttribute('data-state', 'training');

  const loss = page.getByTestId('loss-value');
  const steps = page.getByTestId('step-counter');
  await expect(loss).toHaveText(/^\d/);
  const firstLoss = await readNumber(loss);
  const firstStep = await readNumber(steps);
  expect(Number.isFinite(firstLoss)).toBe(true);

  const target = Math.max(50, firstStep + 20);
  await expect.poll(() => readNumber(steps), { timeout: 120_000 }).toBeGreaterThanOrEqual(target);
  const laterLoss = await readNumber(loss);
  expect(Number.isFinite(laterLoss)).toBe(true);
  expect(laterLoss).not.toBe(firstLoss);
  // Fifty steps of Adam on MNIST take the loss well below its starting ln 10 ≈ 2.3.
  expect(laterLoss).toBeLessThan(firstLoss);

  // Training happens in the worker, so the page answers a pause at once.
  await page.getByTestId('control-pause').click();
  await expect(status).toHaveAttribute('data-state', 'paused', { timeout: 5_000 });
  const pausedAt = await readNumber(steps);
  await page.waitForTimeout(500);
  expect(await readNumber(steps)).toBe(pausedAt);

  // The S shortcut trains exactly one step.
  await page.keyboard.press('s');
  await expect.poll(() => readNumber(steps)).toBe(pausedAt + 1);
  await expect(status).toHaveAttribute('data-state', 'paused');

  expect(await paintedPixels(page, 'loss-chart')).toBeGreaterThan(200);
  expect(await paintedPixels(page, 'accuracy-chart')).toBeGreaterThan(200);
  await page.screenshot({ path: 'test-results/train-a-model.png', fullPage: true });

  expect(problems).toEqual([]);
});
