// A student trains the MNIST MLP briefly, opens "Representations (t-SNE)", captures the hidden
// layer's activations on 500 test images and runs t-SNE on them: the scatter is drawn (the
// canvas has many non-background pixels in several colours), the iteration and the KL
// divergence stream in and the divergence ends well below where it started, and the legend names
// the ten digits. The same for the raw pixels ("input"). Screenshots of both maps.
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const STEPS = 150;

async function readNumber(page: Page, testId: string): Promise<number> {
  return Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/[,\s%]/g, ''));
}

/** Pixels that are not the white background, and how many distinct colours they have. */
async function inkOf(page: Page): Promise<{ ink: number; colours: number }> {
  return page.getByTestId('representations-map-canvas').evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] === 255 && data[i + 1] === 255 && data[i + 2] === 255) continue;
      ink++;
      // Quantised, so anti-aliased edges do not count as colours of their own.
      colours.add(((data[i] >> 5) << 6) | ((data[i + 1] >> 5) << 3) | (data[i + 2] >> 5));
    }
    return { ink, colours: colours.size };
  });
}

/** Runs the map to the end; returns the KL divergence of its first and last frames and how many it drew. */
async function runMap(page: Page): Promise<{ first: number; last: number; frames: number }> {
  await page.getByTestId('representations-map-run').click();
  await expect(page.getByTestId('representations-map-status')).toHaveAttribute(
    'data-state',
    'done',
    { timeout: 60_000 },
  );
  // The readout's line of every frame's KL divergence, from the first frame to the last.
  const spark = page.getByTestId('insight-representations').getByTestId('kl-sparkline');
  const read = async (name: string) => Number(await spark.getAttribute(name));
  return {
    first: await read('data-first'),
    last: await read('data-last'),
    frames: await read('data-points'),
  };
}

test('map a hidden layer of the MNIST MLP with t-SNE', async ({ page }, testInfo) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  const shot = (name: string) =>
    path.join(testInfo.project.outputDir, `representations-${name}.png`);

  await page.goto('/');
  await page.getByTestId('template-mlp').click();
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  await page.getByTestId('control-train').click();
  await expect
    .poll(() => readNumber(page, 'step-counter'), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(STEPS);
  await page.getByTestId('control-pause').click();
  await expect(status).toHaveAttribute('data-state', 'paused', { timeout: 20_000 });

  const panel = page.getByTestId('insight-representations');
  await panel.scrollIntoViewIfNeeded();
  await page.getByTestId('insight-toggle-representations').click();
  // The default layer is the last hidden activation; 500 test images.
  const layer = page.getByTestId('representations-layer');
  await expect(layer.locator('option:checked')).toHaveText(/relu/);
  await page.getByTestId('representations-count').selectOption('500');
  await page.getByTestId('representations-capture').click();
  await expect(page.getByTestId('representations-captured')).toHaveText(/500 images × \d+ values/, {
    timeout: 30_000,
  });
  await page.getByTestId('representations-map-iterations').fill('500');
  // On the GPU, whatever it is (SwiftShader here): the WGSL kernels in the browser.
  await page.getByTestId('representations-map-device').selectOption('webgpu');

  const hiddenKl = await runMap(page);
  // It streamed, and the divergence fell (by far: from about 4 under exaggeration to about 1).
  expect(hiddenKl.frames).toBeGreaterThanOrEqual(3);
  expect(hiddenKl.last).toBeLessThan(0.6 * hiddenKl.first);
  expect(Number(await page.getByTestId('representations-map-kl').getAttribute('data-value'))).toBe(
    hiddenKl.last,
  );
  await expect(page.getByTestId('representations-map-iteration')).toHaveText(
    /iteration 500 \/ 500/,
  );
  await expect(page.getByTestId('representations-map-computed')).toHaveText(
    /exact t-SNE on WebGPU/,
  );
  const hidden = await inkOf(page);
  expect(hidden.ink).toBeGreaterThan(2000);
  expect(hidden.colours).toBeGreaterThanOrEqual(8);
  await expect(page.getByTestId('representations-map-legend').locator('li')).toHaveCount(10);
  await panel.screenshot({ path: shot('hidden') });

  // Hover shows a point's label.
  const canvas = page.getByTestId('representations-map-canvas');
  const box = (await canvas.boundingBox())!;
  const tooltip = page.getByTestId('representations-map-tooltip');
  for (let k = 0; k < 40 && !(await tooltip.isVisible()); k++) {
    await page.mouse.move(
      box.x + box.width * (0.3 + 0.01 * k),
      box.y + box.height * (0.3 + 0.01 * k),
    );
  }
  await expect(tooltip).toHaveText(/test image #\d+/);

  // The pixels themselves, with PCA (one frame) then t-SNE.
  await layer.selectOption('input');
  await page.getByTestId('representations-capture').click();
  await expect(page.getByTestId('representations-captured')).toHaveText(
    /pixels at step .*500 images × 784 values/,
  );
  await expect(page.getByTestId('representations-map-stale')).toBeVisible();
  await page.getByTestId('representations-map-method').selectOption('pca');
  await page.getByTestId('representations-map-run').click();
  await expect(page.getByTestId('representations-map-explained')).toHaveText(/PCA: axes explain/);
  await page.getByTestId('representations-map-method').selectOption('tsne');
  // Auto: the GPU, unless it is a software fallback adapter (as here), then JavaScript.
  await page.getByTestId('representations-map-device').selectOption('auto');
  const pixelKl = await runMap(page);
  expect(pixelKl.last).toBeLessThan(0.6 * pixelKl.first);
  await expect(page.getByTestId('representations-map-computed')).toHaveText(
    /exact t-SNE on (WebGPU on (?!SwiftShader)|the CPU backend \(the browser's WebGPU is a software fallback)/,
  );
  expect((await inkOf(page)).ink).toBeGreaterThan(2000);
  await panel.screenshot({ path: shot('pixels') });
  expect(problems).toEqual([]);
});
