// A person opens the Words page, trains skip-gram word vectors on the State of the Union corpus
// and asks for the neighbours of "war", an analogy and a similarity matrix, live.
//
// The run: skip-gram, 32 dimensions, window 5, 5 negatives, lr 0.1, subsampling 1e-4, one epoch
// (about 850,000 centre words), seed 1, on the CPU backend (bit-identical from run to run, so the
// check below is about this exact run; WebGPU on SwiftShader is slower here). In Node, seeds 1–5
// of this recipe each put at least two of WAR_LIKE among the ten neighbours of "war" (seed 1:
// threat, wars, conflict, fighting, struggle; 2: threat, struggle; 3: danger, wars, victory;
// 4: struggle, victory; 5: conflict, struggle, victory, aggression) and "navy" among the ten of
// "army". Years, places and "ii" (world war ii) also come up, but vary from seed to seed.
import { expect, test, type Page } from '@playwright/test';
import { WAR_LIKE } from '../src/ui/lessons/content/wordsAsVectors';

async function setNumber(page: Page, testId: string, value: number): Promise<void> {
  await page.getByTestId(testId).fill(String(value));
}

async function listed(page: Page, testId: string): Promise<string[]> {
  return page.getByTestId(testId).locator('.words-word').allTextContents();
}

test('train skip-gram on the State of the Union and find the neighbours of "war"', async ({
  page,
}, testInfo) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  await page.goto('/');
  await page.getByRole('tab', { name: 'Words' }).click();
  const status = page.getByTestId('words-status');
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  // 233 addresses, about 1.8 million words.
  const words = Number((await page.getByTestId('corpus-words').textContent())!.replace(/,/g, ''));
  expect(words).toBeGreaterThan(1_700_000);
  expect(words).toBeLessThan(1_900_000);

  await page.getByTestId('word-backend').selectOption('cpu');
  await setNumber(page, 'word-dim', 32);
  await setNumber(page, 'word-lr', 0.1);
  await setNumber(page, 'word-epochs', 1);
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByTestId('words-backend')).toContainText('CPU backend chosen');
  await expect(status).toHaveAttribute('data-state', 'ready');
  const vocabulary = Number(
    (await page.getByTestId('vocabulary-size').textContent())!.replace(/,/g, ''),
  );
  expect(vocabulary).toBeGreaterThan(10_000);

  const started = Date.now();
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(status).toHaveAttribute('data-state', 'training');
  // Live while training: the loss and the throughput show, and the neighbours list answers.
  await expect(page.getByTestId('words-loss')).not.toHaveText('—', { timeout: 20_000 });
  await expect(page.getByTestId('words-per-sec')).not.toHaveText('—');
  await expect(page.getByTestId('neighbours').locator('li')).toHaveCount(10);
  await page.screenshot({ path: testInfo.outputPath('words-training.png') });

  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 150_000 });
  const trainedSeconds = (Date.now() - started) / 1000;
  testInfo.annotations.push({ type: 'training', description: `${trainedSeconds.toFixed(1)} s` });

  await expect(async () => {
    const near = await listed(page, 'neighbours');
    expect(near).toHaveLength(10);
    expect(near.filter((w) => WAR_LIKE.includes(w)).length).toBeGreaterThanOrEqual(1);
  }).toPass({ timeout: 10_000 });

  await page.getByTestId('neighbours-input').fill('army');
  await expect(async () => expect(await listed(page, 'neighbours')).toContain('navy')).toPass({
    timeout: 10_000,
  });

  await page.getByTestId('neighbours-input').fill('qwertyuiop');
  await expect(page.getByTestId('neighbours-error')).toContainText('not in the vocabulary');

  // The analogy answers with words other than its inputs; the matrix draws its cells.
  const analogy = await listed(page, 'analogy');
  expect(analogy.length).toBeGreaterThan(0);
  const inputs = await Promise.all(
    ['analogy-a', 'analogy-b', 'analogy-c'].map((id) => page.getByTestId(id).inputValue()),
  );
  for (const w of analogy) expect(inputs).not.toContain(w);
  await expect(page.getByTestId('similarity-matrix').locator('rect')).toHaveCount(64);

  // The t-SNE map of the 500 most frequent words, shortened to 500 iterations (250 of them with early exaggeration).
  await page.getByTestId('words-map-iterations').fill('500');
  await page.getByTestId('words-map-run').click();
  await expect(page.getByTestId('words-map-status')).toHaveAttribute('data-state', 'done', {
    timeout: 60_000,
  });
  expect(Number(await page.getByTestId('words-map-kl').getAttribute('data-value'))).toBeGreaterThan(
    0,
  );

  await page.getByTestId('neighbours-input').fill('war');
  await page.screenshot({ path: testInfo.outputPath('words-trained.png'), fullPage: true });
  expect(problems).toEqual([]);
});

test('the same run on WebGPU in the worker (SwiftShader here) learns what the CPU backend learns', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Words' }).click();
  const status = page.getByTestId('words-status');
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  // About 8,500 centre words (50 batches): seconds on SwiftShader.
  await setNumber(page, 'word-epochs', 0.01);
  const neighboursOn = async (backend: 'webgpu' | 'cpu', shown: string) => {
    await page.getByTestId('word-backend').selectOption(backend);
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect(page.getByTestId('words-backend')).toContainText(shown);
    await expect(status).toHaveAttribute('data-state', 'ready');
    await page.getByRole('button', { name: 'Train' }).click();
    await expect(status).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    // From 6·log 2 ≈ 4.159 at the start (the output vectors start at zero), the loss falls.
    expect(Number(await page.getByTestId('words-loss').textContent())).toBeLessThan(4.15);
    await expect(page.getByTestId('neighbours').locator('li')).toHaveCount(10);
    const words = await listed(page, 'neighbours');
    const top = Number(
      await page.getByTestId('neighbours').locator('.words-sim').first().textContent(),
    );
    return { words, top };
  };
  const gpu = await neighboursOn('webgpu', 'WebGPU: WebGPU on');
  const cpu = await neighboursOn('cpu', 'CPU backend chosen');
  // The same batches on both: only the order of float additions differs.
  expect(gpu.words.filter((w) => cpu.words.includes(w)).length).toBeGreaterThanOrEqual(8);
  expect(Math.abs(gpu.top - cpu.top)).toBeLessThan(0.01);
});
