// A person clears the canvas and builds LeNet-5 from nothing, with the palette and the
// inspector only (each pressed module follows the selected one), then trains it on MNIST.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { withoutWebGpu } from './withoutWebGpu';

// On the CPU backend: see-inside-the-network.spec.ts trains the same net on WebGPU.
test.use(withoutWebGpu);

async function readNumber(locator: Locator): Promise<number> {
  const text = (await locator.textContent()) ?? '';
  return Number(text.replace(/[,\s%]/g, ''));
}

const node = (page: Page, id: string): Locator => page.getByTestId(`node-${id}`);

/** Presses a palette module; it lands after the selected node, wired to it, and is selected. */
async function press(page: Page, op: string, params: Record<string, string> = {}): Promise<void> {
  await page.getByTestId(`palette-${op}`).click();
  const inspector = page.getByTestId('inspector-node');
  for (const [key, value] of Object.entries(params)) {
    const field = inspector.getByTestId(`param-${key}`);
    await field.fill(value);
    await field.blur();
  }
}

test('from an empty canvas to a trained LeNet-5, without dragging a wire', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });

  await page.goto('/');
  await expect(node(page, 'input')).toBeVisible();
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  const list = page.getByTestId('problems-list');
  await expect(list).toContainText('The model has no input node.');
  await expect(page.getByTestId('control-train')).toBeDisabled();

  await press(page, 'input');
  await expect(node(page, 'input1').getByTestId('node-shape')).toHaveText('1×28×28');
  await press(page, 'conv2d', { filters: '6', kernel: '5' });
  await press(page, 'relu');
  await press(page, 'maxpool2d', { size: '2' });
  await press(page, 'conv2d', { filters: '16', kernel: '5' });
  await press(page, 'relu');
  await press(page, 'maxpool2d', { size: '2' });
  await press(page, 'flatten');
  await press(page, 'dense', { units: '120' });
  await press(page, 'relu');
  await press(page, 'dense', { units: '84' });
  await press(page, 'relu');
  await press(page, 'dense', { units: '10' });
  await press(page, 'softmaxCrossEntropy');

  // LeNet-5's shapes and its 44,426 parameters (156 + 2,416 + 30,840 + 10,164 + 850).
  await expect(list).toHaveAttribute('data-count', '0');
  await expect(list).toContainText('44,426 params');
  await expect(node(page, 'conv2d1').getByTestId('node-shape')).toHaveText('6×24×24');
  await expect(node(page, 'maxpool2d2').getByTestId('node-shape')).toHaveText('16×4×4');
  await expect(page.locator('.react-flow__edge')).toHaveCount(13);
  await page.getByTestId('editor-layout').click();
  await page.waitForTimeout(500);
  await page
    .getByTestId('editor-panel')
    .screenshot({ path: 'test-results/editor-lenet-built.png' });

  // Test every 100 steps, so the dashboard shows a test accuracy soon.
  const evalEvery = page.getByTestId('field-evalEverySteps');
  await evalEvery.fill('100');
  await evalEvery.blur();
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  await page.getByTestId('control-train').click();
  const steps = page.getByTestId('step-counter');
  await expect.poll(() => readNumber(steps), { timeout: 150_000 }).toBeGreaterThanOrEqual(200);
  await page.getByTestId('control-pause').click();
  // A pause lands after the chunk in flight, which may hold a test pass over 10,000 digits.
  await expect(status).toHaveAttribute('data-state', 'paused', { timeout: 60_000 });

  // 200 steps of Adam at batch 64 put a LeNet-5 well past 80 % on the 10,000 test digits.
  const testAccuracy = page.getByTestId('test-accuracy-value');
  await expect(testAccuracy).toHaveText(/\d/, { timeout: 30_000 });
  expect(await readNumber(testAccuracy)).toBeGreaterThan(80);
  await page.screenshot({ path: 'test-results/lenet-from-scratch.png', fullPage: true });

  expect(problems).toEqual([]);
});
