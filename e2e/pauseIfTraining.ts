// A short run may finish by itself between looking at its state and pressing Pause (which is
// then disabled, so a plain click waits for it forever): press only while it trains, and look
// again until it is not training. Two Playwright workers on two cores make that window wider.
import { expect, type Page } from '@playwright/test';

export async function pauseIfTraining(page: Page): Promise<void> {
  const status = page.getByTestId('run-status');
  await expect(async () => {
    if ((await status.getAttribute('data-state')) === 'training')
      await page.getByTestId('control-pause').click({ timeout: 2_000 });
    await expect(status).not.toHaveAttribute('data-state', 'training', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}
