// A person trains the MNIST MLP for 200 steps, pauses, and looks at the loss around the
// weights it reached: a 21 × 21 slice with the current point at its centre, the line from the
// initial weights, and the Hessian's extreme eigenvalues against 2/η.
import { expect, test, type Locator } from '@playwright/test';

async function readNumber(locator: Locator): Promise<number> {
  const text = (await locator.textContent()) ?? '';
  return Number(text.replace(/[,\s]/g, ''));
}

test('explore the real landscape: slice, line and curvature of the trained MLP', async ({
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

  await page.getByTestId('landscape-compute-line').click();
  await expect(page.getByTestId('landscape-line-chart')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('landscape-compute-curvature').click();
  await expect(page.getByTestId('landscape-lambda-max')).toHaveText(/\d/, { timeout: 60_000 });
  const lambdaMax = await readNumber(page.getByTestId('landscape-lambda-max'));
  expect(lambdaMax).toBeGreaterThan(0);

  await panel.screenshot({ path: test.info().outputPath('real-landscape.png') });
  expect(problems).toEqual([]);
});
