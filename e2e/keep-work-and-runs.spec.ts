// A person's work survives: the experiment and every finished run are there after a reload in
// the middle of training; a link opened over edited work sets the work aside, and "Return to
// it" brings it back; a storage failure is said, not swallowed.
import { expect, test, type Page } from '@playwright/test';
import { encodeExperimentFragment } from '../src/engine/spec/urlCodec';
import { templateSpec } from '../src/engine/spec/templates';

function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  return problems;
}

async function state(page: Page, want: string, timeout = 90_000): Promise<void> {
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', want, { timeout });
}

async function steps(page: Page): Promise<number> {
  return Number(
    ((await page.getByTestId('step-counter').textContent()) ?? '').replace(/[^0-9]/g, ''),
  );
}

test('reload in the middle of training: the experiment and the finished run are still there', async ({
  page,
}) => {
  const problems = collectProblems(page);
  await page.goto('/');
  await page.getByTestId('template-spiral').click();
  await state(page, 'ready');
  await page.getByTestId('field-lr').fill('0.02');
  await page.getByTestId('field-epochs').fill('1');
  await page.getByTestId('control-train').click();
  await state(page, 'finished');
  const rows = page.getByTestId('run-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-status', 'finished');

  await page.getByTestId('field-epochs').fill('400');
  await page.getByTestId('control-train').click();
  await expect.poll(() => steps(page), { timeout: 60_000 }).toBeGreaterThan(300);
  await expect(rows).toHaveCount(2);
  // Long enough for the recorder's periodic save of the run in progress.
  await page.waitForTimeout(3500);
  await page.reload();
  await state(page, 'ready');
  await expect(page.getByTestId('field-lr')).toHaveValue('0.02');
  await expect(page.getByTestId('field-epochs')).toHaveValue('400');
  await expect(rows).toHaveCount(2);
  await expect(page.locator('[data-testid="run-row"][data-status="finished"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="run-row"][data-status="interrupted"]')).toHaveCount(1);
  await page.getByTestId('runs-panel').screenshot({ path: 'test-results/runs-after-reload.png' });
  expect(problems).toEqual([]);
});

test('a link opened over edited work sets the work aside, and Return to it brings it back', async ({
  page,
}) => {
  const problems = collectProblems(page);
  await page.goto('/');
  await page.getByTestId('template-spiral').click();
  await state(page, 'ready');
  await page.getByTestId('field-lr').fill('0.025');

  const link = encodeExperimentFragment(templateSpec('threeArmSpiral'));
  await page.evaluate((f) => {
    window.location.hash = f;
  }, link);
  const notice = page.getByTestId('link-notice');
  await expect(notice).toContainText('Opened “Three-arm spiral” from a link');
  await expect(notice).toContainText('Your previous experiment, “Spiral”, was set aside and kept.');
  await expect(page.getByTestId('template-threeArmSpiral')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('field-lr')).toHaveValue('0.01');
  await state(page, 'ready');
  await notice.screenshot({ path: 'test-results/link-opened-set-aside.png' });

  // Still there after a reload: set-aside work is saved like the rest.
  await page.reload();
  await state(page, 'ready');
  await expect(page.getByTestId('field-lr')).toHaveValue('0.01');

  // Opening the same link again over edited work, then going back to the work.
  await page.getByTestId('field-lr').fill('0.05');
  await page.evaluate((f) => {
    window.location.hash = f;
  }, link);
  await expect(page.getByTestId('field-lr')).toHaveValue('0.01');
  await notice.getByTestId('link-notice-return').click();
  await expect(page.getByTestId('field-lr')).toHaveValue('0.05');
  // The link's experiment was an unedited template: nothing to set aside in its place.
  await expect(notice).toContainText('Back to “Three-arm spiral”');

  // The first work set aside (the spiral) is still listed, and comes back too.
  const aside = page.getByTestId('set-aside-item').filter({ hasText: 'Spiral' });
  await expect(aside).toHaveCount(1);
  await aside.getByRole('button', { name: 'Return to it' }).click();
  await expect(page.getByTestId('field-lr')).toHaveValue('0.025');
  await expect(notice).toContainText('The experiment you had open was set aside in its place.');
  await state(page, 'ready');
  expect(problems).toEqual([]);
});

test('a full disk is reported, not swallowed', async ({ page }) => {
  await page.addInitScript(() => {
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.goto('/');
  await page.getByTestId('template-spiral').click();
  await state(page, 'ready');
  await page.getByTestId('field-lr').fill('0.02');
  await expect(page.getByTestId('storage-problem')).toContainText(
    "Could not save your experiment: this browser's storage for LayerCake is full.",
  );
});
