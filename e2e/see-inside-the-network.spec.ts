// A student trains LeNet-5 for 200 steps and looks inside it: conv1's six feature maps are
// neither blank nor copies of one another (read off the canvas), the filters and the saliency
// are drawn, a "1" drawn with the mouse moves the probability bars, selecting a layer in the
// graph highlights its maps and back, and a click on a confusion-matrix cell shows test digits
// of exactly that cell. Each panel is kept as a screenshot.
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';

const STEPS = 200;

async function readNumber(locator: Locator): Promise<number> {
  return Number(((await locator.textContent()) ?? '').replace(/[,\s%]/g, ''));
}

/** Per map of a grid canvas: how many distinct colours it has, and a fingerprint of its pixels. */
async function mapPixels(page: Page, testId: string, maps: number, mapW: number, mapH: number) {
  return page.getByTestId(testId).evaluate(
    (canvas: HTMLCanvasElement, [maps, mapW, mapH]) => {
      const ctx = canvas.getContext('2d')!;
      const { width, height } = canvas;
      const data = ctx.getImageData(0, 0, width, height).data;
      // The grid is one row of maps with a one-value gap, each value `scale` pixels.
      const scale = width / (maps * mapW + (maps - 1));
      const out: { colours: number; fingerprint: string }[] = [];
      for (let m = 0; m < maps; m++) {
        const colours = new Set<number>();
        const values: number[] = [];
        for (let r = 0; r < mapH; r++) {
          for (let c = 0; c < mapW; c++) {
            const x = Math.floor((m * (mapW + 1) + c + 0.5) * scale);
            const y = Math.floor((r + 0.5) * scale);
            const i = 4 * (y * width + x);
            const rgb = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
            colours.add(rgb);
            values.push(rgb);
          }
        }
        out.push({ colours: colours.size, fingerprint: values.join(',') });
      }
      return { out, height };
    },
    [maps, mapW, mapH] as const,
  );
}

async function probabilities(page: Page): Promise<number[]> {
  const items = page.getByTestId('draw-probabilities').locator('li');
  const values = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
  return values.map((v) => (v === null || v === '' ? NaN : Number(v)));
}

test('train LeNet-5 and see inside it: feature maps, filters, a drawn 1, the confusion matrix', async ({
  page,
}, testInfo) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  const shot = (name: string) => path.join(testInfo.project.outputDir, `insights-${name}.png`);

  await page.goto('/');
  await page.getByTestId('template-lenet5').click();
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  // Before any step the maps of the initial weights are there already.
  await expect(page.getByTestId('maps-c1')).toHaveAttribute('data-maps', '6', { timeout: 30_000 });

  await page.getByTestId('control-train').click();
  await expect(status).toHaveAttribute('data-state', 'training', { timeout: 60_000 });
  const steps = page.getByTestId('step-counter');
  // Live while training: the probe's step moves.
  const summary = page.getByTestId('probe-summary');
  await expect(summary).toHaveText(/at step [1-9]/, { timeout: 60_000 });
  await expect.poll(() => readNumber(steps), { timeout: 150_000 }).toBeGreaterThanOrEqual(STEPS);
  await page.getByTestId('control-pause').click();
  await expect(status).toHaveAttribute('data-state', 'paused', { timeout: 20_000 });
  const trained = await readNumber(steps);
  await expect(summary).toHaveText(new RegExp(`at step ${trained}\\.`), { timeout: 20_000 });

  // conv1: six maps of 24 × 24, none blank, no two the same.
  const c1 = await mapPixels(page, 'maps-c1', 6, 24, 24);
  expect(c1.out).toHaveLength(6);
  for (const map of c1.out) expect(map.colours).toBeGreaterThan(20);
  expect(new Set(c1.out.map((m) => m.fingerprint)).size).toBe(6);
  // Every convolution and pooling layer has its maps; dense layers their strips.
  for (const id of ['relu1', 's2', 'c3', 'relu3', 's4'])
    await expect(page.getByTestId(`maps-${id}`)).toBeVisible();
  for (const id of ['f5', 'f6', 'logits'])
    await expect(page.getByTestId(`strip-${id}`)).toBeVisible();
  // Hovering reads a value.
  await page.getByTestId('maps-c1').hover({ position: { x: 10, y: 10 } });
  await expect(page.getByTestId('maps-hover')).toHaveText(/^c1 map 1, row \d+, column \d+: −?\d/);
  // The saliency is painted (not the empty background).
  const saliencyColours = await page
    .getByTestId('probe-saliency')
    .evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const s = new Set<number>();
      for (let i = 0; i < d.length; i += 4) s.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      return s.size;
    });
  expect(saliencyColours).toBeGreaterThan(20);
  await page.mouse.move(0, 0);
  await page.getByTestId('insight-featureMaps').screenshot({ path: shot('feature-maps') });

  // Clicking a map enlarges it.
  await page.getByTestId('maps-c3').click({ position: { x: 5, y: 5 } });
  await expect(page.getByTestId('map-enlarged')).toBeVisible();
  await page.getByRole('dialog').screenshot({ path: shot('enlarged-map') });
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('map-enlarged')).toHaveCount(0);

  // Selection both ways: the layer clicked here is selected in the graph, and the node
  // selected in the graph is highlighted here.
  await page.getByTestId('layer-s2').getByRole('button').click();
  await expect(page.getByTestId('layer-s2')).toHaveAttribute('data-selected', 'true');
  await expect(page.getByTestId('node-s2')).toHaveClass(/selected/);
  await page.getByTestId('node-c1').click();
  await expect(page.getByTestId('layer-c1')).toHaveAttribute('data-selected', 'true');
  await expect(page.getByTestId('layer-s2')).toHaveAttribute('data-selected', 'false');

  // Filters: conv1's six 5 × 5 kernels, and conv3's 16 × 6.
  await expect(page.getByTestId('filter-grid-c1')).toHaveAttribute('data-maps', '6');
  await expect(page.getByTestId('filter-grid-c3')).toHaveAttribute('data-maps', '96');
  const kernels = await mapPixels(page, 'filter-grid-c1', 6, 5, 5);
  for (const k of kernels.out) expect(k.colours).toBeGreaterThan(3);
  await page.getByTestId('insight-filters').screenshot({ path: shot('filters') });

  // Draw a "1": a stroke down the middle of the pad. The bars go from empty to the model's
  // answer, and a second stroke (a "7"'s bar) moves them again.
  const pad = page.getByTestId('draw-pad');
  const box = (await pad.boundingBox())!;
  expect((await probabilities(page)).every(Number.isNaN)).toBe(true);
  await page.mouse.move(box.x + box.width * 0.52, box.y + box.height * 0.15);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++)
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.15 + (0.7 * i) / 12));
  await page.mouse.up();
  await expect.poll(async () => (await probabilities(page)).every(Number.isFinite)).toBe(true);
  const one = await probabilities(page);
  expect(one.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
  expect(one.indexOf(Math.max(...one))).toBe(1);
  await expect(summary).toHaveText(/^Your drawing: predicted 1/);
  await page.getByTestId('insight-draw').screenshot({ path: shot('draw-a-one') });
  // A bar on top turns it into a 7: the bars move.
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.15);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++)
    await page.mouse.move(box.x + box.width * (0.2 + (0.32 * i) / 8), box.y + box.height * 0.15);
  await page.mouse.up();
  await expect
    .poll(async () => Math.abs((await probabilities(page))[1] - one[1]), { timeout: 10_000 })
    .toBeGreaterThan(0.01);

  // The test set: evaluate now, then the matrix, per-class accuracy and the mistakes.
  await page.getByTestId('evaluation-test-now').click();
  await expect(page.getByTestId('evaluation-summary')).toHaveText(
    new RegExp(`of 10,000 test digits right, at step ${trained}\\.`),
    { timeout: 60_000 },
  );
  const mistakes = page.getByTestId('mistakes-item');
  await expect(mistakes).toHaveCount(24);
  // Click the cell of the most confident mistake: its digits are all of that label and prediction.
  const first = mistakes.first();
  const label = Number(await first.getAttribute('data-label'));
  const predicted = Number(await first.getAttribute('data-predicted'));
  expect(label).not.toBe(predicted);
  const matrix = page.getByTestId('confusion-matrix');
  const [left, top, cell] = await Promise.all(
    ['data-left', 'data-top', 'data-cell'].map(async (a) => Number(await matrix.getAttribute(a))),
  );
  await matrix.click({
    position: { x: left + (predicted + 0.5) * cell, y: top + (label + 0.5) * cell },
  });
  await expect(page.getByTestId('cell-title')).toHaveText(
    new RegExp(`^${label} taken for ${predicted}: \\d`),
  );
  const examples = page.getByTestId('cell-examples-item');
  expect(await examples.count()).toBeGreaterThan(0);
  for (const e of await examples.all()) {
    await expect(e).toHaveAttribute('data-label', String(label));
    await expect(e).toHaveAttribute('data-predicted', String(predicted));
  }
  // And a diagonal cell: the digits it got right.
  await matrix.click({ position: { x: left + 1.5 * cell, y: top + 1.5 * cell } });
  await expect(page.getByTestId('cell-title')).toHaveText(/^1 recognised: \d/);
  await expect(page.getByTestId('cell-examples-item').first()).toHaveAttribute(
    'data-predicted',
    '1',
  );
  await page.getByTestId('insight-evaluation').screenshot({ path: shot('evaluation') });

  // A mistake clicked becomes the probe input.
  await first.getByRole('button').click();
  await expect(summary).toHaveText(new RegExp(`labelled ${label}: predicted ${predicted}`));

  // Closed panels ask for nothing and draw nothing.
  await page.getByTestId('insight-toggle-featureMaps').click();
  await expect(page.getByTestId('maps-c1')).toHaveCount(0);
  await page.getByTestId('insight-toggle-featureMaps').click();
  await expect(page.getByTestId('maps-c1')).toBeVisible();

  await page.mouse.move(0, 0);
  await page.getByTestId('insights').screenshot({ path: shot('all') });
  expect(problems).toEqual([]);
});
