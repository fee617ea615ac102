// A person trains word vectors briefly on the Words page and maps the 500 most frequent words
// with t-SNE: the scatter is drawn with many word labels, none overlapping (the map culls
// them), and a search for "war" highlights it and keeps its label. Screenshot of the map.
import path from 'node:path';
import { expect, test } from '@playwright/test';

test('t-SNE of the 500 most frequent words draws them with labels', async ({ page }, testInfo) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  await page.goto('/');
  await page.getByRole('tab', { name: 'Words' }).click();
  const status = page.getByTestId('words-status');
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  // A short run (about 8,500 centre words) on the CPU backend: the vectors have begun to move.
  await page.getByTestId('word-backend').selectOption('cpu');
  await page.getByTestId('word-epochs').fill('0.01');
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(status).toHaveAttribute('data-state', 'ready');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 60_000 });

  const map = page.getByTestId('words-map');
  await map.scrollIntoViewIfNeeded();
  await page.getByTestId('words-map-iterations').fill('300');
  await page.getByTestId('words-map-run').click();
  await expect(page.getByTestId('words-map-status')).toHaveAttribute('data-state', 'done', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('words-map-iteration')).toHaveText(/iteration 300 \/ 300/);
  const canvas = page.getByTestId('words-map-canvas');
  // Tens of labels fit on the map without overlapping (placeLabels' unit test checks the overlap).
  await expect
    .poll(async () => Number(await canvas.getAttribute('data-labels')))
    .toBeGreaterThan(30);
  const ink = await canvas.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4)
      if (d[i] !== 255 || d[i + 1] !== 255 || d[i + 2] !== 255) n++;
    return n;
  });
  expect(ink).toBeGreaterThan(3000);
  await map.screenshot({ path: path.join(testInfo.project.outputDir, 'words-map.png') });

  await page.getByTestId('words-map-search').fill('war');
  await expect(page.getByTestId('words-map-matches')).toHaveText(/^[1-9]\d* match/);
  // The matches' labels come first; at least "war" itself is drawn.
  await expect
    .poll(async () => Number(await canvas.getAttribute('data-labels')))
    .toBeGreaterThan(0);
  await map.screenshot({ path: path.join(testInfo.project.outputDir, 'words-map-war.png') });
  expect(problems).toEqual([]);
});
