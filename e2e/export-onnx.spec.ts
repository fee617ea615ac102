// A person trains LeNet-5 a few dozen steps and exports it as ONNX: the page checks the file in
// ONNX Runtime Web (wasm) against its own logits on 256 test digits and says how well they agree;
// the downloaded file opens in onnxruntime here too and gives 10 logits per image. Then the same
// experiment as a PyTorch script.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import * as ort from 'onnxruntime-web';
import { onnxCheckFigures } from './onnxCheck';
import { withoutWebGpu } from './withoutWebGpu';

// On the CPU backend: train-cifar.spec.ts checks two nets trained on WebGPU the same way.
test.use(withoutWebGpu);

test('export ONNX: LeNet-5 downloads as an .onnx that ONNX Runtime reproduces', async ({
  page,
}, testInfo) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  await page.goto('/');
  await page.getByTestId('template-lenet5').click();
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

  // The page's own check: ONNX Runtime Web in a worker, on the built app's CSP.
  const figures = await onnxCheckFigures(page);
  console.log(`LeNet-5: ${figures.text}`);
  expect(figures.count).toBe(256);
  expect(figures.agreement).toBeGreaterThanOrEqual(99);
  expect(figures.maxAbsDiff).toBeLessThan(1e-4);
  expect(figures.state).toBe('passed');
  await page.getByTestId('runs-panel').screenshot({ path: testInfo.outputPath('export-onnx.png') });

  const bytes = new Uint8Array(await readFile(await file.path()));
  // The template's 44,426 float32 weights, and a little graph.
  expect(bytes.length).toBeGreaterThan(44_426 * 4);
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  const x = new ort.Tensor('float32', new Float32Array(2 * 784).fill(0.1), [2, 1, 28, 28]);
  const out = (await session.run({ input: x })).logits;
  expect(out.dims).toEqual([2, 10]);
  expect([...(out.data as Float32Array)].every(Number.isFinite)).toBe(true);

  // The same experiment as a PyTorch script: model, MNIST from torchvision, Adam, the loop.
  const pyDownload = page.waitForEvent('download');
  await page.getByTestId('pytorch-export').click();
  const py = await pyDownload;
  expect(py.suggestedFilename()).toMatch(/^lenet.*\.py$/);
  const script = await readFile(await py.path(), 'utf8');
  for (const line of [
    'class Model(nn.Module):',
    'self.c1 = nn.Conv2d(1, 6, kernel_size=5',
    'self.logits = nn.Linear(84, 10',
    'datasets.MNIST(root, train=True',
    'torch.optim.Adam(groups, lr=LR',
    'BATCH_SIZE = 64',
  ])
    expect(script).toContain(line);
  await expect(page.getByTestId('weights-message')).toContainText(py.suggestedFilename());
  expect(problems).toEqual([]);
});
