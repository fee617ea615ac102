// A person builds models that cannot train, a convolution after a flatten and a model with no
// loss, and sees each error on the node, in the problems list, and on the disabled Train button.
import { expect, test } from '@playwright/test';

test('invalid model: a missing loss, and a conv after a flatten, each block training and say why', async ({
  page,
}) => {
  await page.goto('/');
  const train = page.getByTestId('control-train');
  const problems = page.getByTestId('problems-list');

  // The MLP without its loss.
  await page.getByTestId('template-mlp').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'ready', {
    timeout: 90_000,
  });
  await expect(train).toBeEnabled();
  await page.getByTestId('node-loss').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('node-loss')).toHaveCount(0);
  await expect(problems).toContainText('The model has no loss node, so it cannot be trained.');
  await expect(train).toBeDisabled();
  await expect(page.getByTestId('train-reason')).toContainText('no loss node');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(problems).toHaveAttribute('data-count', '0');
  await expect(train).toBeEnabled();

  // LeNet-5 with a convolution after its flatten, added by keyboard: the palette button adds
  // it after the selected node, which now ends a chain, so it is wired to it.
  await page.getByTestId('template-lenet5').click();
  await page.getByTestId('edge-flatten-f5').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('edge-flatten-f5')).toHaveCount(0);
  await problems
    .getByRole('button', { name: 'dense#f5: has no input; connect something to it' })
    .click();
  await expect(page.getByTestId('inspector-id')).toHaveValue('f5');
  await page.getByTestId('node-flatten').click();
  await page.getByTestId('palette-conv2d').focus();
  await page.keyboard.press('Enter');
  const conv = page.getByTestId('node-conv2d1');
  await expect(conv).toBeVisible();
  await expect(page.getByTestId('inspector-id')).toHaveValue('conv2d1');
  await expect(page.getByTestId('edge-flatten-conv2d1')).toHaveText('256');

  const message = 'conv2d#conv2d1: conv2d expects a [channels, height, width] input, got [256]';
  await expect(conv.getByTestId('node-error')).toBeVisible();
  await expect(conv.getByTestId('node-error-message')).toHaveText(
    'conv2d expects a [channels, height, width] input, got [256]',
  );
  await expect(problems.getByRole('button', { name: message })).toBeVisible();
  await expect(train).toBeDisabled();

  // Pressing a problem selects its node and brings it into view; there, connect f5 after it.
  await problems.getByRole('button', { name: /dense#f5/ }).click();
  await expect(page.getByTestId('inspector-id')).toHaveValue('f5');
  await page.getByTestId('inspector-connect').selectOption('conv2d1');
  await expect(problems.getByTestId('problem')).toHaveCount(1);
  await expect(train).toBeDisabled();
  await expect(page.getByTestId('train-reason')).toContainText(message);
  await problems.getByRole('button', { name: message }).click();
  await expect(page.getByTestId('inspector-node')).toContainText('Conv 2D');
  await expect(page.getByTestId('inspector-id')).toHaveValue('conv2d1');
  await page.waitForTimeout(400);
  await page.screenshot({ path: 'test-results/invalid-model.png' });

  // Undo the three steps that made it invalid, and LeNet-5 can train again.
  for (let i = 0; i < 3; i++) await page.keyboard.press('ControlOrMeta+z');
  await expect(problems).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('template-lenet5')).toHaveAttribute('aria-checked', 'true');
  await expect(train).toBeEnabled();
});

test('templates: each opens readably, with no problems', async ({ page }) => {
  await page.goto('/');
  for (const name of ['lenet5', 'convnetBatchNorm', 'autoencoder', 'logisticRegression']) {
    await page.getByTestId(`template-${name}`).click();
    await expect(page.getByTestId('problems-list')).toHaveAttribute('data-count', '0');
    await page.waitForTimeout(300);
    await page.getByTestId('editor-panel').screenshot({ path: `test-results/editor-${name}.png` });
  }
});
