// Reproducible runs, compared: the same link trained twice on the CPU backend gives the same
// losses, step for step and bit for bit; a run with another learning rate overlays them on
// one chart with the setting that differs; the weights of a trained model download and load
// back into a fresh one, which then scores exactly as the run did.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { withoutWebGpu } from './withoutWebGpu';
import { encodeExperimentFragment } from '../src/engine/spec/urlCodec';
import { templateSpec } from '../src/engine/spec/templates';

// No WebGPU adapter: the CPU backend, the one with bit-identical reruns.
test.use({ ...withoutWebGpu, acceptDownloads: true });

interface ExportedRun {
  name: string;
  specHash: string;
  seed: number;
  backend: { kind: string; name: string };
  engineVersion: string;
  steps: number;
  spec: { train: { optimizer: { lr: number } } };
  curves: { trainLoss: { steps: number[]; values: (number | null)[]; count: number } };
}

async function state(page: Page, want: string, timeout = 90_000): Promise<void> {
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', want, { timeout });
}

async function exportRuns(page: Page): Promise<ExportedRun[]> {
  const download = page.waitForEvent('download');
  await page.getByTestId('runs-export').click();
  const file = await (await download).path();
  const doc = JSON.parse(await readFile(file, 'utf8')) as { runs: ExportedRun[] };
  return doc.runs;
}

test('train the same link twice on the CPU: identical losses; overlay two runs; weights round trip', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const spec = { ...templateSpec('spiral'), name: 'Reproducible spiral' };
  spec.train = { ...spec.train, epochs: 4, seed: 12345 }; // 100 steps
  await page.goto(`/#${encodeExperimentFragment(spec)}`);
  await state(page, 'ready');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'cpu');

  await page.getByTestId('control-train').click();
  await state(page, 'finished');
  await page.getByTestId('control-reset').click();
  await state(page, 'ready');
  await page.getByTestId('control-train').click();
  await state(page, 'finished');
  await expect(page.getByTestId('run-row')).toHaveCount(2);

  const [second, first] = await exportRuns(page); // newest first
  expect(first.specHash).toBe(second.specHash);
  expect(first.seed).toBe(12345);
  expect(first.backend.kind).toBe('cpu');
  expect(first.engineVersion).toMatch(/^\d+\.\d+\.\d+$/);
  expect(first.steps).toBe(100);
  const a = first.curves.trainLoss;
  const b = second.curves.trainLoss;
  expect(a.count).toBe(100);
  expect(a.steps).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  expect(a.values.every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
  // Exactly: every loss of every step, as the float32 the engine computed.
  expect(b.values).toEqual(a.values);

  // The weights of the finished run, saved, then loaded into the model started over.
  const finishedAccuracy = await page.getByTestId('test-accuracy-value').textContent();
  const weights = page.waitForEvent('download');
  await page.getByTestId('weights-download').click();
  const weightsFile = await (await weights).path();
  await page.getByTestId('control-reset').click();
  await state(page, 'ready');
  await page.getByTestId('weights-file').setInputFiles({
    name: 'spiral.lcweights',
    mimeType: 'application/octet-stream',
    buffer: await readFile(weightsFile),
  });
  await expect(page.getByTestId('weights-message')).toContainText('Loaded');
  await expect(page.getByTestId('test-accuracy-value')).toHaveText(finishedAccuracy ?? '');
  // A file that is not weights is refused with a reason.
  await page.getByTestId('weights-file').setInputFiles({
    name: 'notes.lcweights',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('hello'),
  });
  await expect(page.getByTestId('weights-message')).toContainText('not a LayerCake weights file');

  // Another learning rate, then the two recipes overlaid.
  await page.getByTestId('field-lr').fill('0.003');
  await page.getByTestId('control-train').click();
  await state(page, 'finished');
  const rows = page.getByTestId('run-row');
  await expect(rows).toHaveCount(3);
  await rows.nth(0).getByTestId('run-select').check();
  await rows.nth(1).getByTestId('run-select').check();
  const compare = page.getByTestId('run-compare');
  await expect(compare).toBeVisible();
  const legend = compare.getByTestId('compare-loss-chart').locator('.legend-item');
  await expect(legend).toHaveCount(2);
  const diff = page.getByTestId('runs-diff');
  await expect(diff.locator('tbody tr')).toHaveCount(1);
  await expect(diff.locator('tbody tr')).toContainText('train.optimizer.lr');
  await expect(diff.locator('tbody tr')).toContainText('0.003');
  await expect(diff.locator('tbody tr')).toContainText('0.01');
  // The overlay drew two curves: the canvas has both runs' colours.
  const colours = await compare
    .getByTestId('compare-loss-chart')
    .locator('canvas')
    .evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let blue = 0;
      let orange = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] < 200) continue;
        if (data[i] < 40 && data[i + 1] > 90 && data[i + 1] < 140 && data[i + 2] > 150) blue++;
        if (data[i] > 190 && data[i + 1] > 70 && data[i + 1] < 120 && data[i + 2] < 40) orange++;
      }
      return { blue, orange };
    });
  expect(colours.blue).toBeGreaterThan(50);
  expect(colours.orange).toBeGreaterThan(50);
  await compare.scrollIntoViewIfNeeded();
  await page.getByTestId('runs-panel').screenshot({ path: 'test-results/compare-runs.png' });

  // Rename one, delete the other, export and import back.
  await rows.nth(2).getByTestId('run-name').click();
  const input = page.getByTestId('run-name-input');
  await input.fill('first try');
  await input.press('Enter');
  await expect(rows.nth(2).getByTestId('run-name')).toHaveText('first try');
  // With runs picked, Export and Delete act on those; with none, Export takes them all.
  await rows.nth(0).getByTestId('run-select').uncheck();
  await rows.nth(1).getByTestId('run-select').uncheck();
  await expect(page.getByTestId('runs-export')).toHaveText('Export all');
  const all = await exportRuns(page);
  expect(all.map((r) => r.name)).toContain('first try');
  expect(all).toHaveLength(3);
  await rows.nth(0).getByTestId('run-select').check();
  await rows.nth(1).getByTestId('run-select').check();
  await page.getByTestId('runs-delete').click();
  await expect(rows).toHaveCount(1);
  await page.getByTestId('runs-import-file').setInputFiles({
    name: 'runs.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'layercake-runs', version: 1, runs: all })),
  });
  await expect(page.getByTestId('runs-message')).toHaveText('Imported 2 runs; 1 already here.');
  await expect(rows).toHaveCount(3);
  expect(problems).toEqual([]);
});
