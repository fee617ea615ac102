// A person picks the spiral, trains a small net on it and watches the decision boundary wind
// around the arms; the three-arm spiral shows three classes, and a regression set a surface.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { pauseIfTraining } from './pauseIfTraining';
import { withoutWebGpu } from './withoutWebGpu';

// On the CPU backend: src/gpu/toySets.test.ts trains these sets and draws their boundaries on
// WebGPU against it.
test.use(withoutWebGpu);

function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  return problems;
}

/** The boundary canvas's pixels (RGBA, device pixels). */
async function boundaryPixels(page: Page): Promise<number[]> {
  return page.getByTestId('toy-boundary-canvas').evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d');
    if (!ctx) return [];
    return Array.from(ctx.getImageData(0, 0, canvas.width, canvas.height).data);
  });
}

/** The fraction of pixels whose colour moved by more than a little between two captures. */
function changedFraction(a: number[], b: number[]): number {
  expect(a.length).toBe(b.length);
  let changed = 0;
  for (let i = 0; i < a.length; i += 4) {
    const d = Math.max(
      Math.abs(a[i] - b[i]),
      Math.abs(a[i + 1] - b[i + 1]),
      Math.abs(a[i + 2] - b[i + 2]),
    );
    if (d > 24) changed++;
  }
  return changed / (a.length / 4);
}

/** Distinct colours among the painted pixels, coarsely binned: a blank canvas has one or two. */
function colourCount(pixels: number[]): number {
  const bins = new Set<number>();
  for (let i = 0; i < pixels.length; i += 4) {
    if (pixels[i + 3] === 0) continue;
    bins.add(((pixels[i] >> 4) << 8) | ((pixels[i + 1] >> 4) << 4) | (pixels[i + 2] >> 4));
  }
  return bins.size;
}

async function percent(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  return Number.parseFloat(text);
}

async function pickTemplate(page: Page, name: string): Promise<void> {
  await page.getByTestId(`template-${name}`).click();
  await expect(page.getByTestId(`template-${name}`)).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'ready', {
    timeout: 90_000,
  });
  // The boundary of the initial weights arrives before any step.
  await expect(page.getByTestId('toy-step')).toHaveText('0');
}

test('train the spiral set with a small net and see the decision boundary change', async ({
  page,
}) => {
  const problems = collectProblems(page);
  await page.goto('/');
  await pickTemplate(page, 'spiral');

  const view = page.getByTestId('toy-view');
  await expect(view).toBeVisible();
  await expect(view.getByTestId('toy-legend')).toContainText('A');
  await expect(view.getByTestId('toy-legend')).toContainText('B');
  // Three hidden layers of 16 units, a map each.
  await expect(view.getByTestId('hidden-unit-map')).toHaveCount(48);
  const before = await boundaryPixels(page);
  expect(colourCount(before)).toBeGreaterThan(10);

  await page.getByTestId('control-train').click();
  // Chance is 50 %; the spiral's arms are learned well past that.
  await expect
    .poll(() => percent(page, 'toy-test-accuracy'), { timeout: 150_000, intervals: [500] })
    .toBeGreaterThan(85);
  await pauseIfTraining(page);
  // The last frame is the one of the weights the run stopped with.
  await expect
    .poll(async () => Number((await page.getByTestId('toy-step').textContent())?.replace(/,/g, '')))
    .toBeGreaterThan(100);
  await page.waitForTimeout(300); // the frame is painted on the next animation frame

  const after = await boundaryPixels(page);
  expect(changedFraction(before, after)).toBeGreaterThan(0.25);

  // The read-out under the pointer says what the model predicts there.
  await page.getByTestId('toy-boundary-canvas').hover({ position: { x: 200, y: 150 } });
  await expect(view.locator('.toy-hover')).toHaveText(/x₁ .*, x₂ .*: [AB], \d/);

  // Saved as a PNG from a finer grid (predictGrid, 256 × 256 cells).
  const download = page.waitForEvent('download');
  await view.getByTestId('toy-save-png').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^decision-boundary-step-\d+\.png$/);
  const saved = await readFile(await file.path());
  expect(saved.subarray(1, 4).toString()).toBe('PNG');
  expect(saved.length).toBeGreaterThan(50_000);
  await file.saveAs('test-results/toy-boundary-saved.png');

  await view.screenshot({ path: 'test-results/toy-boundary.png' });
  await page.screenshot({ path: 'test-results/toy-boundary-page.png', fullPage: true });
  expect(problems).toEqual([]);
});

test('three classes with a softmax, and a regression surface', async ({ page }) => {
  const problems = collectProblems(page);
  await page.goto('/');

  await pickTemplate(page, 'threeArmSpiral');
  const legend = page.getByTestId('toy-legend');
  await expect(legend.locator('li')).toHaveText(['A', 'B', 'C']);

  await pickTemplate(page, 'waves');
  await expect(page.getByTestId('toy-view')).toContainText('Predicted surface');
  await expect(legend).toContainText('Predicted value');
  await expect(page.getByTestId('hidden-unit-map')).toHaveCount(24);
  const before = await boundaryPixels(page);

  await page.getByTestId('control-train').click();
  await expect
    .poll(() => percent(page, 'toy-test-loss'), { timeout: 120_000, intervals: [500] })
    .toBeLessThan(0.08);
  await pauseIfTraining(page);
  await page.waitForTimeout(300);
  expect(changedFraction(before, await boundaryPixels(page))).toBeGreaterThan(0.25);
  await page.getByTestId('toy-view').screenshot({ path: 'test-results/toy-regression.png' });
  expect(problems).toEqual([]);
});
