// A person trains the MNIST MLP for 200 steps, pauses, and looks at the loss around the
// weights it reached: a 21 × 21 slice with the current point at its centre (and in 3-D), the
// training path on its PCA plane, the line from the initial weights, and the Hessian's extreme
// eigenvalues against 2/η; then tracks the curvature every 20 steps as training goes on.
import { expect, test, type Locator } from '@playwright/test';
import { withoutWebGpu } from './withoutWebGpu';

// On the CPU backend: src/gpu/landscape.test.ts checks the same slices, paths and curvature on
// WebGPU against it.
test.use(withoutWebGpu);

async function readNumber(locator: Locator): Promise<number> {
  const text = (await locator.textContent()) ?? '';
  return Number(text.replace(/[,\s]/g, ''));
}

/** Share of a canvas's pixels painted, and how many colours they use. */
function paintOf(canvas: Locator) {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let painted = 0;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0) painted++;
      colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    }
    return { share: painted / (c.width * c.height), colours: colours.size };
  });
}

test('explore the real landscape: slice, path, line and curvature of the trained MLP', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));

  await page.goto('/');
  await page.getByTestId('template-mlp').click();
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  await page.getByTestId('control-train').click();
  const steps = page.getByTestId('step-counter');
  await expect.poll(() => readNumber(steps), { timeout: 90_000 }).toBeGreaterThanOrEqual(200);
  await page.getByTestId('control-pause').click();
  await expect(status).toHaveAttribute('data-state', 'paused', { timeout: 5_000 });
  const pausedAt = await readNumber(steps);

  const panel = page.getByTestId('landscape-panel');
  await panel.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('landscape-resolution')).toHaveValue('21');
  await page.getByTestId('landscape-compute-slice').click();
  await expect(page.getByTestId('landscape-slice-caption')).toContainText(
    `21 × 21 at step ${pausedAt}`,
    { timeout: 60_000 },
  );

  const map = page.getByTestId('landscape-slice-map');
  const pixels = await map.evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d')!;
    const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0) painted++;
      colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    }
    const scale = width / canvas.clientWidth;
    const cx = Math.round(Number(canvas.dataset.centerX) * scale);
    const cy = Math.round(Number(canvas.dataset.centerY) * scale);
    const o = 4 * (cy * width + cx);
    return {
      painted,
      total: width * height,
      colours: colours.size,
      center: [data[o], data[o + 1], data[o + 2]],
      centerAtMiddleOfPlot: cx > 0 && cy > 0 && cy < height,
    };
  });
  expect(pixels.painted).toBeGreaterThan(0.5 * pixels.total);
  expect(pixels.colours).toBeGreaterThan(20); // a heat map, not a flat fill
  // The current point's white cross sits at the centre of the plot.
  for (const channel of pixels.center) expect(channel).toBeGreaterThan(200);
  expect(pixels.centerAtMiddleOfPlot).toBe(true);

  // The path from θ₀ on the plane of its principal components, over the loss on that plane.
  await page.getByTestId('landscape-compute-trajectory').click();
  const pathCaption = page.getByTestId('landscape-trajectory-caption');
  await expect(pathCaption).toContainText(`to step ${pausedAt}`, { timeout: 60_000 });
  await expect(pathCaption).toContainText('from step 0');
  const pathMap = await paintOf(page.getByTestId('landscape-trajectory-map'));
  expect(pathMap.share).toBeGreaterThan(0.5);
  expect(pathMap.colours).toBeGreaterThan(20);

  // The same two surfaces in 3-D. How much of the canvas a surface covers depends on its
  // shape (a steep bowl seen from above covers less): 19 % was seen on a run paused at step 216.
  await page.getByTestId('landscape-view-3d').check();
  for (const id of ['landscape-slice-3d', 'landscape-trajectory-3d']) {
    const view = await paintOf(page.getByTestId(id));
    expect(view.share).toBeGreaterThan(0.1);
    expect(view.colours).toBeGreaterThan(20);
  }
  await panel.screenshot({ path: test.info().outputPath('real-landscape-3d.png') });
  await page.getByTestId('landscape-view-map').check();

  await page.getByTestId('landscape-compute-line').click();
  await expect(page.getByTestId('landscape-line-chart')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('landscape-compute-curvature').click();
  await expect(page.getByTestId('landscape-lambda-max')).toHaveText(/\d/, { timeout: 60_000 });
  const lambdaMax = await readNumber(page.getByTestId('landscape-lambda-max'));
  expect(lambdaMax).toBeGreaterThan(0);

  await panel.screenshot({ path: test.info().outputPath('real-landscape.png') });

  // Curvature every 20 steps while training: a point per measurement, against 2/η.
  await page.getByTestId('landscape-track-steps').fill('20');
  await page.getByTestId('landscape-track-curvature').check();
  await page.getByTestId('control-train').click();
  const caption = page.getByTestId('curvature-track-caption');
  const measured = async () =>
    Number(/at (\d+) steps?;/.exec((await caption.textContent().catch(() => '')) ?? '')?.[1] ?? 0);
  await expect.poll(measured, { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  await page.getByTestId('control-pause').click();
  await expect(page.getByTestId('curvature-track-chart')).toBeVisible();
  await panel.screenshot({ path: test.info().outputPath('real-landscape-tracked.png') });
  expect(problems).toEqual([]);
});
