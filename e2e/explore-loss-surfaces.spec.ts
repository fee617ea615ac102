// A person opens the loss-surface lab: on the 1-1-1 network, SGD and Adam started next to the
// saddle both leave it for the hyperbola of solutions; on the quadratic, a learning rate above
// 2/λmax makes gradient descent diverge and the lab says why.
import { expect, test, type Page } from '@playwright/test';

/** The map's plot: 44 px of axis on the left, 8 px of padding on top, 400 px square. */
function mapPixel(w: [number, number], domain: [number, number, number, number]) {
  const [a1, b1, a2, b2] = domain;
  return { x: 44 + ((w[0] - a1) / (b1 - a1)) * 400, y: 8 + 400 - ((w[1] - a2) / (b2 - a2)) * 400 };
}

async function pathHead(page: Page, kind: string): Promise<{ w: number[]; loss: number } | null> {
  const text = await page.getByTestId(`lab-status-${kind}`).innerText();
  const m = /at w = \((-?[\d.]+), (-?[\d.]+)\), L = (-?[\d.e+-]+)/.exec(text);
  return m ? { w: [Number(m[1]), Number(m[2])], loss: Number(m[3]) } : null;
}

test('SGD and Adam leave the 1-1-1 saddle; GD above 2/λmax on the quadratic diverges, and the lab says why', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto('/');
  await page.getByRole('tab', { name: 'Loss surfaces' }).click();
  await expect(page.getByTestId('lab-formula')).toHaveText('L(w₁, w₂) = (1 − w₁·w₂)²');

  // Race only SGD and Adam, from just beside the saddle at the origin.
  await page.getByTestId('lab-optimizer-gd').getByRole('checkbox').uncheck();
  await page.getByTestId('lab-optimizer-momentum').getByRole('checkbox').uncheck();
  await page.getByLabel('Speed').selectOption({ index: 2 });
  await page
    .getByTestId('lab-contour-map')
    .click({ position: mapPixel([0.06, -0.05], [-2, 2, -2, 2]) });
  await expect(page.getByTestId('lab-hessian')).toContainText('a saddle');
  for (const kind of ['sgd', 'adam']) {
    await expect
      .poll(
        async () => {
          const head = await pathHead(page, kind);
          return head !== null && Math.hypot(head.w[0], head.w[1]) > 0.7 && head.loss < 0.05;
        },
        { timeout: 60_000 },
      )
      .toBe(true);
  }
  await page.getByTestId('loss-lab').screenshot({ path: 'test-results/loss-lab-saddle.png' });

  // The quadratic: GD at 1.15 × 2/λmax.
  await page.getByTestId('lab-surface-quadratic').click();
  const info = await page.getByTestId('lab-hessian').innerText();
  const bound = Number(/diverges above η = 2\/λmax = (\d+(?:\.\d+)?(?:e[+-]?\d+)?)/.exec(info)![1]);
  expect(bound).toBeGreaterThan(0);
  await page.getByTestId('lab-optimizer-gd').getByRole('checkbox').check();
  const lr = page.getByLabel('Batch GD learning rate', { exact: true });
  await lr.fill((1.15 * bound).toPrecision(3));
  await lr.press('Enter');
  await expect(page.getByTestId('lab-warning-gd')).toContainText('will diverge');
  await page.getByTestId('lab-start').click();
  const status = page.getByTestId('lab-status-gd');
  await expect(status).toContainText('Diverged', { timeout: 30_000 });
  await expect(status).toContainText('above 2/λmax');
  // The other racers, at their own (stable) rates, do not.
  await expect(page.getByTestId('lab-status-adam')).not.toContainText('Diverged');
  await page
    .getByTestId('loss-lab')
    .screenshot({ path: 'test-results/loss-lab-quadratic-diverges.png' });
  expect(problems).toEqual([]);
});
