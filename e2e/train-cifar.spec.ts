// A person picks the ConvNetJS CIFAR-10 net, gives the page the CIFAR-10 archive through the
// file input (the shared development subset), sees colour previews with class names, and
// trains it with crops and mirrors: the loss falls.
import { fileURLToPath } from 'node:url';
import { expect, test, type Locator } from '@playwright/test';
import { onnxCheckFigures } from './onnxCheck';

const ARCHIVE = fileURLToPath(
  new URL('../../shared/datasets/cifar-10-binary-subset.tar.gz', import.meta.url),
);

async function readNumber(locator: Locator): Promise<number> {
  const text = (await locator.textContent()) ?? '';
  return Number(text.replace(/[,\s%]/g, ''));
}

test('train on CIFAR-10: drop the archive, see colour photos, train with augmentation', async ({
  page,
}) => {
  // Colour convolutions on SwiftShader's software "GPU" train at tens of images a second.
  test.setTimeout(360_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  await page.goto('/');
  await page.getByTestId('template-cifarConvnetJs').click();
  await expect(page.getByTestId('field-dataset')).toHaveValue('cifar10');
  await expect(page.getByTestId('field-crop')).toHaveValue('4');
  await expect(page.getByTestId('field-flip')).toBeChecked();

  await page.getByTestId('cifar-file').setInputFiles(ARCHIVE);
  await expect(page.getByTestId('cifar-status')).toContainText(
    '10,000 training and 10,000 test images',
    { timeout: 60_000 },
  );
  // Colour thumbnails, labelled with CIFAR-10's class names.
  const thumbs = page.getByTestId('preview-digit');
  await expect(thumbs).toHaveCount(16, { timeout: 30_000 });
  await expect(page.getByTestId('data-panel')).toContainText('cat');
  // Polled: a thumbnail's canvas is painted a frame after it appears.
  const colourful = () =>
    thumbs
      .first()
      .locator('canvas')
      .evaluate((canvas: HTMLCanvasElement) => {
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        let spread = 0;
        for (let i = 0; i < data.length; i += 4)
          spread +=
            Math.max(data[i], data[i + 1], data[i + 2]) -
            Math.min(data[i], data[i + 1], data[i + 2]);
        return spread / (data.length / 4);
      });
  await expect.poll(colourful, { timeout: 10_000 }).toBeGreaterThan(5);
  await page.getByTestId('data-panel').screenshot({ path: 'test-results/cifar-data-panel.png' });

  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  await expect(status).toContainText('10,000 training samples');
  // The run length counts the archive's 10,000 training images, not the full set's 50,000.
  const perEpoch = Math.floor(
    10_000 / Number(await page.getByTestId('field-batchSize').inputValue()),
  );
  await expect(page.getByTestId('run-length')).toContainText(`${perEpoch} steps per epoch`);
  await page.getByTestId('control-train').click();
  const steps = page.getByTestId('step-counter');
  const loss = page.getByTestId('loss-value');
  await expect(loss).toHaveText(/^\d/, { timeout: 60_000 });
  const first = await readNumber(loss);
  await expect.poll(() => readNumber(steps), { timeout: 240_000 }).toBeGreaterThanOrEqual(15);
  await page.getByTestId('control-pause').click();
  await expect(status).toHaveAttribute('data-state', 'paused', { timeout: 60_000 });
  const later = await readNumber(loss);
  expect(Number.isFinite(later)).toBe(true);
  // Fifteen augmented steps of Adam bring the smoothed loss down from where it started.
  expect(later).toBeLessThan(first);
  // The inside views work on colour images too (a drawing pad does not: photos are not drawn).
  const insights = page.getByTestId('insights');
  await expect(insights).toBeVisible();
  await expect(page.getByTestId('draw-pad')).toHaveCount(0);
  await page.waitForTimeout(1500);
  await insights.screenshot({ path: 'test-results/cifar-insights.png' });
  await page.screenshot({ path: 'test-results/cifar-training.png', fullPage: true });

  // Exported as ONNX, the trained net gives the same classes in ONNX Runtime Web.
  await page.getByTestId('onnx-export').click();
  const convnet = await onnxCheckFigures(page);
  console.log(`ConvNetJS net: ${convnet.text}`);
  expect(convnet.count).toBe(256);
  expect(convnet.agreement).toBeGreaterThanOrEqual(99);
  expect(convnet.maxAbsDiff).toBeLessThan(1e-4);

  // The small VGG on the same data: a few steps on WebGPU (each takes seconds on SwiftShader),
  // then the same check, batch norm's running statistics and dropout in evaluation mode.
  await page.getByTestId('template-cifarVgg').click();
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  await page.getByTestId('control-step').click();
  await expect.poll(() => readNumber(steps), { timeout: 120_000 }).toBeGreaterThanOrEqual(1);
  await expect(status).toHaveAttribute('data-state', 'paused', { timeout: 60_000 });
  await page.getByTestId('onnx-export').click();
  const vgg = await onnxCheckFigures(page);
  console.log(`Small VGG: ${vgg.text}`);
  expect(vgg.agreement).toBeGreaterThanOrEqual(99);
  expect(vgg.maxAbsDiff).toBeLessThan(1e-4);
  await page.getByTestId('runs-panel').screenshot({ path: 'test-results/cifar-onnx-check.png' });
  expect(problems).toEqual([]);
});
