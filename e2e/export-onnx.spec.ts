// A person trains the MNIST MLP a few dozen steps and exports it as ONNX; the file opens in
// onnxruntime and gives 10 logits per image.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import * as ort from 'onnxruntime-web';

test('export ONNX: the trained MLP downloads as an .onnx that onnxruntime runs', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await page.getByTestId('template-mlp').click();
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  await page.getByTestId('control-train').click();
  const steps = page.getByTestId('step-counter');
  await expect
    .poll(async () => Number(((await steps.textContent()) ?? '').replace(/[,\s]/g, '')), {
      timeout: 60_000,
    })
    .toBeGreaterThanOrEqual(30);
  await page.getByTestId('control-pause').click();
  await expect(status).toHaveAttribute('data-state', 'paused', { timeout: 5_000 });

  const download = page.waitForEvent('download');
  await page.getByTestId('onnx-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.onnx$/);
  await expect(page.getByTestId('weights-message')).toContainText('logits');
  await page.screenshot({ path: testInfo.outputPath('export-onnx.png') });

  const bytes = new Uint8Array(await readFile(await file.path()));
  // 784·128 + 128 + 128·10 + 10 float32 weights, and a little graph.
  expect(bytes.length).toBeGreaterThan(101_770 * 4);
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  const x = new ort.Tensor('float32', new Float32Array(2 * 784).fill(0.1), [2, 1, 28, 28]);
  const out = (await session.run({ input: x })).logits;
  expect(out.dims).toEqual([2, 10]);
  expect([...(out.data as Float32Array)].every(Number.isFinite)).toBe(true);
});
