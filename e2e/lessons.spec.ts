// A student follows every lesson from the Learn page to its last step: does what each step's
// "try this" asks (train, pause, tick runs, set a learning rate, start a race) and sees each
// check pass on live state, so a lesson whose claim stops being true fails here. A teacher's
// link opens a lesson at its step; a broken one says what is wrong and changes nothing.
import { expect, test, type Page } from '@playwright/test';
import { pauseIfTraining } from './pauseIfTraining';
import { withoutWebGpu } from './withoutWebGpu';

const RESULTS = process.env.E2E_RESULTS ?? 'test-results';

// The CPU backend (no WebGPU adapter): the lessons train small nets for a few hundred steps,
// and on a machine without a GPU (CI's) a step there costs far less than the dispatches of
// Chromium's software WebGPU (SwiftShader): batch norm trained at 1.4 steps/s on it.
test.use(withoutWebGpu);

function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  return problems;
}

const player = (page: Page) => page.getByTestId('lesson-player');

async function expectStep(page: Page, k: number, n: number): Promise<void> {
  await expect(player(page).getByTestId('lesson-progress')).toHaveText(`Step ${k} of ${n}`);
  await expect(page).toHaveURL(new RegExp(`#lesson=[a-z-]+&step=${k}$`));
}

/** Every check of the step shows passed. */
async function expectChecksPass(page: Page, timeout = 60_000): Promise<void> {
  const checks = player(page).getByTestId('lesson-check');
  const n = await checks.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++)
    await expect(checks.nth(i)).toHaveAttribute('data-passed', 'true', { timeout });
  await expect(player(page).getByTestId('lesson-checks')).toContainText('Done');
}

async function ready(page: Page): Promise<void> {
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', /ready|paused/, {
    timeout: 60_000,
  });
}

/** Train until the step's checks pass, then pause (the run is kept in the history). */
async function trainUntilPassed(page: Page): Promise<void> {
  await ready(page);
  await page.getByTestId('control-train').click();
  await expectChecksPass(page, 90_000);
  await pauseIfTraining(page);
}

async function next(page: Page): Promise<void> {
  await player(page).getByTestId('lesson-next').click();
}

async function startLesson(page: Page, id: string, n: number): Promise<void> {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Learn' }).click();
  await expect(page.getByTestId(`lesson-card-${id}`)).toContainText(`${n} steps`);
  if (id === 'perceptron-to-hidden-layers')
    await page.screenshot({ path: `${RESULTS}/learn-page.png`, fullPage: true });
  await page.getByTestId(`lesson-start-${id}`).click();
  await expectStep(page, 1, n);
  // Focus moves to the step, so a keyboard user reads on from there.
  await expect(player(page).getByTestId('lesson-step-title')).toBeFocused();
}

async function shoot(page: Page, id: string): Promise<void> {
  await page.waitForTimeout(400); // scrolled into view
  await page.screenshot({ path: `${RESULTS}/lesson-${id}-step-1.png` });
}

/** The number after `label =` in the lab's Hessian box. */
async function hessianValue(page: Page, label: string): Promise<number> {
  const text = await page.getByTestId('lab-hessian').innerText();
  const escaped = label.replace(/[/]/g, '\\/');
  const m = new RegExp(`${escaped} = (-?\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?)`).exec(text);
  expect(m, `${label} in “${text}”`).not.toBeNull();
  return Number(m![1]);
}

async function setGdRate(page: Page, lr: number): Promise<void> {
  const box = page.getByLabel('Batch GD learning rate', { exact: true });
  await box.fill(lr.toPrecision(3));
  await box.press('Enter');
}

test('From the perceptron to hidden layers: a line, XOR, one hidden layer', async ({ page }) => {
  const problems = collectProblems(page);
  const n = 5;
  await startLesson(page, 'perceptron-to-hidden-layers', n);
  await expect(page.getByTestId('toy-view')).toBeVisible();
  await shoot(page, 'perceptron-to-hidden-layers');
  await trainUntilPassed(page);
  await expect(player(page).getByTestId('lesson-announcement')).toHaveText(
    'All checks passed: Test accuracy above 95.0 %.',
  );

  // From the keyboard: Next is a button; Enter on it moves on and focus goes to the new step.
  await player(page).getByTestId('lesson-next').focus();
  await page.keyboard.press('Enter');
  await expect(player(page).getByTestId('lesson-step-title')).toBeFocused();
  await expectStep(page, 2, n);
  await trainUntilPassed(page);

  await next(page);
  await expectStep(page, 3, n);
  await trainUntilPassed(page);

  await next(page);
  await expectStep(page, 4, n);
  await expect(player(page).getByTestId('lesson-checks')).toHaveCount(0);
  await expect(page.getByTestId('hidden-unit-map')).toHaveCount(8);

  await next(page);
  await expectStep(page, 5, n);
  await trainUntilPassed(page);
  await player(page).getByTestId('lesson-finish').click();
  await expect(player(page)).toHaveCount(0);
  await expect(page.getByTestId('learn-page')).toBeVisible();
  expect(problems).toEqual([]);
});

test('Backprop is modules: one batch traced, the chain rule, a fan-out', async ({ page }) => {
  const problems = collectProblems(page);
  const n = 4;
  await startLesson(page, 'backprop-is-modules', n);
  await page.getByTestId('backprop-trace').click();
  await expectChecksPass(page);
  await expect(page.getByTestId('backprop-row-tanh1')).toBeVisible();
  await shoot(page, 'backprop-is-modules');
  await next(page);
  await expectStep(page, 2, n);
  await expectChecksPass(page);

  await next(page);
  await expectStep(page, 3, n);
  // A new model: the old trace does not count for it.
  await expect(player(page).getByTestId('lesson-check').first()).toHaveAttribute(
    'data-passed',
    'false',
  );
  await page.getByTestId('backprop-trace').click();
  await expectChecksPass(page);
  await expect(page.getByTestId('backprop-row-hidden')).toContainText('read by relu, tanh');

  await next(page);
  await expectStep(page, 4, n);
  await trainUntilPassed(page);
  expect(problems).toEqual([]);
});

test('Why ReLU: deep sigmoid and deep ReLU, overlaid as runs', async ({ page }) => {
  const problems = collectProblems(page);
  const n = 4;
  await startLesson(page, 'why-relu', n);
  await shoot(page, 'why-relu');
  await trainUntilPassed(page);
  await next(page);
  await expectStep(page, 2, n);
  await trainUntilPassed(page);

  await next(page);
  await expectStep(page, 3, n);
  const rows = page.getByTestId('run-row');
  await expect(rows).toHaveCount(2);
  await rows.nth(0).getByTestId('run-select').check();
  await rows.nth(1).getByTestId('run-select').check();
  await expectChecksPass(page);
  await expect(page.getByTestId('runs-diff')).toContainText('relu');

  await next(page);
  await expectStep(page, 4, n);
  await expect(player(page).getByTestId('lesson-finish')).toBeVisible();
  expect(problems).toEqual([]);
});

test('Regularisation: overfitting, dropout, weight decay, batch norm, early stopping, compared', async ({
  page,
}) => {
  const problems = collectProblems(page);
  const n = 6;
  await startLesson(page, 'regularisation', n);
  await shoot(page, 'regularisation');
  for (let k = 1; k <= 5; k++) {
    if (k > 1) {
      await next(page);
      await expectStep(page, k, n);
    }
    await trainUntilPassed(page);
  }
  await next(page);
  await expectStep(page, 6, n);
  const rows = page.getByTestId('run-row');
  await expect(rows).toHaveCount(5);
  // Newest first: the early-stopped run, then batch norm, L2, dropout, none.
  for (let i = 1; i < 5; i++) await rows.nth(i).getByTestId('run-select').check();
  await expectChecksPass(page);
  await expect(page.getByTestId('run-compare')).toBeVisible();
  expect(problems).toEqual([]);
});

test('a lesson link opens its step; a broken one says why and keeps the work', async ({ page }) => {
  const problems = collectProblems(page);
  await page.goto('/#lesson=why-relu&step=3');
  await expectStep(page, 3, 4);
  await expect(player(page).getByTestId('lesson-step-title')).toHaveText('Overlay the two runs');
  // Reset and Back work from there; Close leaves the playground as it is.
  await player(page).getByTestId('lesson-back').click();
  await expectStep(page, 2, 4);
  await ready(page);
  await player(page).getByTestId('lesson-close').click();
  await expect(player(page)).toHaveCount(0);
  await expect(page).not.toHaveURL(/#lesson/);

  await page.goto('/#lesson=why-relu&step=99');
  await expectStep(page, 1, 4);
  await expect(player(page).getByTestId('lesson-notice')).toContainText('steps 1 to 4');

  await page.getByTestId('lesson-close').click();
  const before = await page.getByTestId('template-note').textContent();
  await page.goto('/#lesson=no-such-lesson&step=2');
  await expect(page.getByTestId('link-notice-title')).toHaveText(
    'This lesson link could not be opened',
  );
  await expect(page.getByTestId('link-notice-message')).toContainText('no-such-lesson');
  await expect(player(page)).toHaveCount(0);
  await expect(page.getByTestId('template-note')).toHaveText(before ?? '');

  // #learn opens the gallery, the place a newcomer starts (the README links it).
  await page.goto('/#learn');
  await expect(page.getByRole('tab', { name: 'Learn' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: 'Learn', exact: true })).toBeVisible();
  expect(problems).toEqual([]);
});

test('Learning rates and curvature: 1/λmax, divergence above 2/λmax, GD vs SGD', async ({
  page,
}) => {
  const problems = collectProblems(page);
  const n = 4;
  await startLesson(page, 'learning-rates-and-curvature', n);
  await expect(page.getByTestId('loss-lab')).toBeVisible();
  await expect(page.getByTestId('lab-surface-quadratic')).toHaveAttribute('aria-pressed', 'true');
  await shoot(page, 'learning-rates-and-curvature');
  await page.getByTestId('lab-start').click();
  await expectChecksPass(page);

  await next(page);
  await expectStep(page, 2, n);
  await setGdRate(page, await hessianValue(page, '1/λmax'));
  await page.getByTestId('lab-start').click();
  await expectChecksPass(page);

  await next(page);
  await expectStep(page, 3, n);
  await setGdRate(page, 1.15 * (await hessianValue(page, '2/λmax')));
  await page.getByTestId('lab-start').click();
  await expectChecksPass(page);
  await expect(page.getByTestId('lab-status-gd')).toContainText('Diverged');

  await next(page);
  await expectStep(page, 4, n);
  await expectChecksPass(page);
  expect(problems).toEqual([]);
});

test('Saddle points: stuck on the saddle, racing off it, then a real net', async ({ page }) => {
  const problems = collectProblems(page);
  const n = 4;
  await startLesson(page, 'saddle-points', n);
  await expect(page.getByTestId('lab-hessian')).toContainText('a saddle');
  await shoot(page, 'saddle-points');
  await page.getByTestId('lab-start').click();
  await expectChecksPass(page);

  await next(page);
  await expectStep(page, 2, n);
  await expectChecksPass(page);

  await next(page);
  await expectStep(page, 3, n);
  await next(page);
  await expectStep(page, 4, n);
  await expect(page.getByTestId('landscape-panel')).toBeVisible();
  await expect(page.getByTestId('template-spiral')).toHaveAttribute('aria-checked', 'true');
  await page.getByTestId('landscape-track-curvature').check();
  await trainUntilPassed(page);
  await expect(player(page).getByTestId('lesson-checks')).toContainText('λmin =');
  expect(problems).toEqual([]);
});

test('Convolutional nets: LeNet-5 trained, its maps and filters, its confusions', async ({
  page,
}) => {
  const problems = collectProblems(page);
  const n = 4;
  await startLesson(page, 'convolutional-nets', n);
  await expect(page.getByTestId('template-lenet5')).toHaveAttribute('aria-checked', 'false');
  await shoot(page, 'convolutional-nets');
  await trainUntilPassed(page);

  await next(page);
  await expectStep(page, 2, n);
  await expect(page.getByTestId('maps-c1')).toHaveAttribute('data-maps', '6');
  await next(page);
  await expectStep(page, 3, n);
  await expect(page.getByTestId('filters-c1')).toBeVisible();
  await next(page);
  await expectStep(page, 4, n);
  await page.getByTestId('evaluation-test-now').click();
  await expectChecksPass(page);
  expect(problems).toEqual([]);
});

/** Runs the map `testId` with 500 iterations and waits for it to finish. */
async function runMap(page: Page, testId: string): Promise<void> {
  await page.getByTestId(`${testId}-iterations`).fill('500');
  await page.getByTestId(`${testId}-run`).click();
  await expect(page.getByTestId(`${testId}-status`)).toHaveAttribute('data-state', 'done', {
    timeout: 60_000,
  });
}

test('Color images: the CIFAR-10 convnet, its colour filters, augmentation, past chance', async ({
  page,
}) => {
  const problems = collectProblems(page);
  const n = 5;
  await startLesson(page, 'color-images', n);
  // The development subset, prepared at install, loads by itself.
  await expect(page.getByTestId('run-status')).toContainText('10,000 training samples', {
    timeout: 90_000,
  });
  await expect(page.getByTestId('insights')).toContainText('labelled');
  await shoot(page, 'color-images');

  await next(page);
  await expectStep(page, 2, n);
  await expect(page.getByTestId('editor-panel')).toContainText('1,216');
  await next(page);
  await expectStep(page, 3, n);
  await expect(page.getByTestId('field-crop')).toHaveValue('4');
  await expect(page.getByTestId('field-flip')).toBeChecked();
  await next(page);
  await expectStep(page, 4, n);
  // Tested on the first 1,000 photos, as the step says: the field shows it.
  await expect(page.getByTestId('field-testSamples')).toHaveValue('1000');
  // The recipe counts the archive's own images (the development subset's), and says so.
  await expect(page.getByTestId('spec-summary')).toContainText(
    'CIFAR-10 (10,000 / 10,000, tested on the first 1,000)',
  );
  await trainUntilPassed(page);
  console.log(`Color images: ${await player(page).getByTestId('lesson-checks').innerText()}`);
  await page.getByTestId('field-testSamples').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${RESULTS}/lesson-color-images-test-on.png` });
  await next(page);
  await expectStep(page, 5, n);
  await expect(page.getByTestId('filters-conv1')).toBeVisible();
  expect(problems).toEqual([]);
});

test('Words as vectors: skip-gram on the State of the Union, neighbours, analogies, the map', async ({
  page,
}) => {
  const problems = collectProblems(page);
  const n = 5;
  await startLesson(page, 'words-as-vectors', n);
  await expect(page.getByTestId('words-page')).toBeVisible();
  const status = page.getByTestId('words-status');
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await shoot(page, 'words-as-vectors');

  await next(page);
  await expectStep(page, 2, n);
  await page.getByTestId('words-page').getByRole('button', { name: 'Train', exact: true }).click();
  await expectChecksPass(page, 120_000);
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  console.log(`Words: trained ${await page.getByTestId('words-trained').innerText()}`);

  await next(page);
  await expectStep(page, 3, n);
  await expectChecksPass(page);
  // Another word's list is not taken for "war"'s (the check stays passed once passed).
  const check = player(page).getByTestId('lesson-check');
  await page.getByTestId('neighbours-input').fill('army');
  await expect(check).toContainText('no neighbours of “war” shown');
  await page.getByTestId('neighbours-input').fill('war');
  await expect(check).not.toContainText('no neighbours');
  console.log(`Words: ${await check.innerText()}`);

  await next(page);
  await expectStep(page, 4, n);
  await expect(page.getByTestId('analogy').locator('.words-word').first()).toBeVisible();

  await next(page);
  await expectStep(page, 5, n);
  await runMap(page, 'words-map');
  await expectChecksPass(page);
  await expect(player(page).getByTestId('lesson-checks')).toContainText('KL divergence');
  console.log(`Words map: ${await player(page).getByTestId('lesson-checks').innerText()}`);
  expect(problems).toEqual([]);
});

test('Representations: t-SNE of the pixels and of a hidden layer, before and after training', async ({
  page,
}) => {
  const problems = collectProblems(page);
  const n = 4;
  await startLesson(page, 'representations', n);
  await ready(page);
  const panel = page.getByTestId('insight-representations');
  await expect(page.getByTestId('insight-toggle-representations')).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  const layer = page.getByTestId('representations-layer');
  const capture = async (id: string) => {
    await layer.selectOption(id);
    await page.getByTestId('representations-count').selectOption('500');
    await page.getByTestId('representations-capture').click();
    await expect(page.getByTestId('representations-captured')).toContainText('500 images', {
      timeout: 30_000,
    });
  };
  const said = async (what: string) =>
    console.log(
      `Representations, ${what}: ${await player(page).getByTestId('lesson-checks').innerText()}`,
    );
  await capture('input');
  await runMap(page, 'representations-map');
  await expectChecksPass(page);
  await said('pixels');
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${RESULTS}/lesson-representations-step-1.png` });

  await next(page);
  await expectStep(page, 2, n);
  await capture('relu');
  await expect(page.getByTestId('representations-captured')).toContainText('relu at step 0');
  await runMap(page, 'representations-map');
  await expectChecksPass(page);
  await said('untrained');
  await panel.screenshot({ path: `${RESULTS}/lesson-representations-untrained.png` });

  await next(page);
  await expectStep(page, 3, n);
  await trainUntilPassed(page);
  await said('training');

  await next(page);
  await expectStep(page, 4, n);
  await expect(player(page).getByTestId('lesson-check')).toHaveAttribute('data-passed', 'false');
  await capture('relu');
  await page.getByTestId('representations-map-rerun').click();
  await expect(page.getByTestId('representations-map-status')).toHaveAttribute(
    'data-state',
    'done',
    { timeout: 60_000 },
  );
  await expectChecksPass(page);
  await said('trained');
  await panel.screenshot({ path: `${RESULTS}/lesson-representations-trained.png` });
  expect(problems).toEqual([]);
});
