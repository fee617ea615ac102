// The page's ONNX check report (after Export ONNX) read as numbers, for the specs that export.
import { expect, type Page } from '@playwright/test';

/** "256 test digits: 100 % same class, max |Δ| 3.1e-6 (…)" → its numbers. */
export async function onnxCheckFigures(page: Page) {
  const check = page.getByTestId('onnx-check');
  await expect(check).toHaveAttribute('data-state', /passed|failed/, { timeout: 120_000 });
  const text = (await check.textContent()) ?? '';
  const m =
    /([\d,]+) test (?:digits|images|points): ([\d.]+) % same class, max \|Δ\| ([\d.e+-]+|NaN)/.exec(
      text,
    );
  expect(m, text).not.toBeNull();
  return {
    text,
    state: await check.getAttribute('data-state'),
    count: Number(m![1].replace(/,/g, '')),
    agreement: Number(m![2]),
    maxAbsDiff: Number(m![3]),
  };
}
