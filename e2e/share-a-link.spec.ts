// A person edits a model, copies its link and opens it in another tab: the same graph and
// settings, ready to train. Links from strangers that are cut short, damaged, too large, from a
// newer version or hostile are refused with a message, and the work in the tab stays as it was.
import { expect, test, type Page } from '@playwright/test';
import { packFragment, encodeExperimentFragment } from '../src/engine/spec/urlCodec';
import { templateSpec } from '../src/engine/spec/templates';

function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  return problems;
}

async function ready(page: Page): Promise<void> {
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'ready', {
    timeout: 90_000,
  });
}

/** The link the share dialog shows, and the dialog closed again. */
async function shareLink(page: Page): Promise<string> {
  await page.getByTestId('share-open').click();
  const dialog = page.getByTestId('share-dialog');
  await expect(dialog).toBeVisible();
  const link = await dialog.getByTestId('share-link').inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  return link;
}

test('copy the link of an edited model and open it in a new page: the same graph and settings', async ({
  page,
  context,
  browser,
}) => {
  const problems = collectProblems(page);
  await page.goto('/');
  await page.getByTestId('template-spiral').click();
  await ready(page);
  // Edit the graph (a layer's width) and the recipe (learning rate, batch size).
  await page.getByTestId('node-hidden2').click();
  const units = page.getByTestId('inspector-node').getByTestId('param-units');
  await units.fill('24');
  await expect(page.getByTestId('node-hidden2').getByTestId('node-shape')).toHaveText('24');
  await page.getByTestId('field-lr').fill('0.03');
  await page.getByTestId('field-batchSize').fill('20');

  await page.getByTestId('share-open').click();
  const dialog = page.getByTestId('share-dialog');
  await dialog.getByTestId('share-name').fill('My wider spiral <b>net</b>');
  await expect(dialog.getByTestId('share-summary')).toContainText(
    'Adam at learning rate 0.03, batch 20',
  );
  await expect(dialog.getByTestId('share-summary')).toContainText('toy set “spiral”');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await dialog.getByTestId('share-copy').click();
  await expect(dialog.getByText('Copied.')).toBeVisible();
  const link = await dialog.getByTestId('share-link').inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  expect(link).toMatch(/#experiment=1\.[A-Za-z0-9_-]+$/);
  await dialog.screenshot({ path: 'test-results/share-dialog.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Someone else's browser: nothing saved, so the page holds only what the link brings.
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  const otherProblems = collectProblems(other);
  await other.goto(link);
  await ready(other);
  await expect(other.getByTestId('link-notice')).toContainText(
    'Opened “My wider spiral <b>net</b>” from a link',
  );
  // The experiment is out of the address bar: it is saved, and a reload must not reopen it.
  expect(new URL(other.url()).hash).toBe('');
  await expect(other.getByTestId('node-hidden2').getByTestId('node-shape')).toHaveText('24');
  await expect(other.getByTestId('field-lr')).toHaveValue('0.03');
  await expect(other.getByTestId('field-batchSize')).toHaveValue('20');
  await expect(other.getByTestId('node-hidden1')).toBeVisible();
  // Every byte of the experiment is the same, layout included: its link is the same link.
  expect(await shareLink(other)).toBe(link);
  expect(problems).toEqual([]);
  expect(otherProblems).toEqual([]);
  await elsewhere.close();
});

const lenetFragment = encodeExperimentFragment(templateSpec('lenet5'));
const lenetJson = JSON.stringify(templateSpec('lenet5'));

function hostileLinks(): { kind: string; fragment: string; message: RegExp }[] {
  const tenThousand = Array.from({ length: 10_000 }, (_, i) => ({
    id: `n${i}`,
    op: 'relu',
    params: {},
  }));
  const cycle = templateSpec('lenet5');
  cycle.model.edges.push({ from: 'relu6', to: 'f5' });
  return [
    { kind: 'truncated', fragment: lenetFragment.slice(0, -9), message: /cut short|damaged/ },
    {
      kind: 'corrupt',
      fragment: `${lenetFragment.slice(0, 60)}${lenetFragment[60] === 'A' ? 'B' : 'A'}${lenetFragment.slice(61)}`,
      message: /damaged|not valid|cut short/,
    },
    { kind: 'oversized', fragment: `experiment=1.${'A'.repeat(70_000)}`, message: /65,536/ },
    {
      kind: 'newer version',
      fragment: packFragment(lenetJson.replace('"version":2', '"version":9')),
      message: /newer LayerCake/,
    },
    {
      kind: 'newer format',
      fragment: lenetFragment.replace('=1.', '=7.'),
      message: /newer LayerCake/,
    },
    {
      kind: '10,000 nodes',
      fragment: packFragment(
        JSON.stringify({ ...JSON.parse(lenetJson), model: { nodes: tenThousand, edges: [] } }),
      ),
      message: /10,000 nodes/,
    },
    {
      kind: '10⁹ units',
      fragment: packFragment(lenetJson.replace('"units":120', '"units":1000000000')),
      message: /not valid/,
    },
    { kind: 'cycle', fragment: encodeExperimentFragment(cycle), message: /not a proper graph/ },
    {
      kind: 'NaN size',
      fragment: packFragment(lenetJson.replace('"filters":6', '"filters":NaN')),
      message: /damaged/,
    },
    {
      kind: 'negative size',
      fragment: packFragment(lenetJson.replace('"filters":6', '"filters":-6')),
      message: /not valid/,
    },
    {
      kind: 'markup in an id',
      fragment: packFragment(
        lenetJson.replace('"id":"c1"', '"id":"<img src=x onerror=window.pwned=1>"'),
      ),
      message: /not valid/,
    },
    {
      kind: '__proto__',
      fragment: packFragment(`{"__proto__":{"polluted":"yes"},${lenetJson.slice(1)}`),
      message: /__proto__/,
    },
  ];
}

test('each kind of hostile link shows a message and leaves the work in the tab intact', async ({
  page,
}) => {
  const problems = collectProblems(page);
  await page.goto('/');
  await page.getByTestId('template-mlp').click();
  await ready(page);
  await page.getByTestId('field-lr').fill('0.0042');
  await page.getByTestId('node-hidden').click();
  await page.getByTestId('inspector-node').getByTestId('param-units').fill('77');
  await expect(page.getByTestId('node-hidden').getByTestId('node-shape')).toHaveText('77');
  const before = await shareLink(page);

  for (const { kind, fragment, message } of hostileLinks()) {
    await test.step(kind, async () => {
      // Pasted into the address bar of the open tab: a hashchange.
      await page.evaluate((f) => {
        window.location.hash = f;
      }, fragment);
      const notice = page.getByTestId('link-notice');
      await expect(notice).toHaveAttribute('data-kind', 'refused');
      await expect(notice.getByTestId('link-notice-message')).toHaveText(message);
      await expect(notice.getByTestId('link-notice-message')).toContainText(
        'Your current experiment is unchanged.',
      );
      await expect(page.getByTestId('field-lr')).toHaveValue('0.0042');
      expect(await page.evaluate(() => window.location.hash)).toBe('');
      await notice.getByRole('button', { name: 'Dismiss' }).click();
    });
  }
  expect(await shareLink(page)).toBe(before);
  await expect(page.getByTestId('node-hidden').getByTestId('node-shape')).toHaveText('77');
  expect(
    await page.evaluate(() => (Object.prototype as Record<string, unknown>).polluted),
  ).toBeUndefined();
  expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();

  // Opened as a fresh page load too: the saved work comes back and the link is refused.
  await page.goto(`/#${lenetFragment.slice(0, -9)}`);
  await expect(page.getByTestId('link-notice')).toHaveAttribute('data-kind', 'refused');
  await ready(page);
  await expect(page.getByTestId('field-lr')).toHaveValue('0.0042');
  await page.getByTestId('link-notice').screenshot({ path: 'test-results/link-refused.png' });
  expect(problems).toEqual([]);
});

test('markup in a shared name and description is shown as text, never run', async ({ page }) => {
  const problems = collectProblems(page);
  const spec = {
    ...templateSpec('spiral'),
    name: '<img src=x onerror="window.pwned=1">',
    description: '<script>window.pwned=2</script>',
  };
  await page.goto(`/#${encodeExperimentFragment(spec)}`);
  await ready(page);
  await expect(page.getByTestId('link-notice-title')).toHaveText(
    'Opened “<img src=x onerror="window.pwned=1">” from a link',
  );
  await page.getByTestId('share-open').click();
  await expect(page.getByTestId('share-description')).toHaveValue(
    '<script>window.pwned=2</script>',
  );
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
  expect(problems).toEqual([]);
});

test('the built page forbids inline script and eval', async ({ page }) => {
  await page.goto('/');
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval';/);
  expect(csp).not.toMatch(/unsafe-inline|'unsafe-eval'/);
  // An inline script (as injected HTML would carry) is refused by the browser, and says so.
  const violation = page.evaluate(
    () =>
      new Promise<string>((resolve) =>
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), {
          once: true,
        }),
      ),
  );
  await page.addScriptTag({ content: 'window.inlineRan = 1;' }).catch(() => undefined);
  expect(await violation).toMatch(/^script-src/);
  expect(await page.evaluate(() => (window as { inlineRan?: number }).inlineRan)).toBeUndefined();
});
