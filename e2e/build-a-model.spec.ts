// A person drags a dense layer from the palette into the MLP, wires it between the ReLU and the
// logits, watches the shapes and parameter counts follow, and undoes and redoes it by keyboard.
import { expect, test, type Locator, type Page } from '@playwright/test';

/** Drags from one node's output handle to another node's input handle, as a mouse does. */
async function connect(page: Page, from: string, to: string): Promise<void> {
  const source = page.locator(`.react-flow__handle.source[data-nodeid="${from}"]`);
  const target = page.locator(`.react-flow__handle.target[data-nodeid="${to}"]`).first();
  const a = (await source.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

const node = (page: Page, id: string): Locator => page.getByTestId(`node-${id}`);
const edge = (page: Page, from: string, to: string): Locator =>
  page.getByTestId(`edge-${from}-${to}`);

test('build a model: drag a dense layer in between two nodes, then undo and redo it', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });

  await page.goto('/');
  await page.getByTestId('template-mlp').click();
  await expect(node(page, 'relu')).toBeVisible();
  await expect(page.getByTestId('problems-list')).toContainText('101,770 params');

  // Take the edge relu → logits out: click its shape label, press Delete.
  await edge(page, 'relu', 'logits').click();
  await page.keyboard.press('Delete');
  await expect(edge(page, 'relu', 'logits')).toHaveCount(0);
  await expect(node(page, 'logits').getByTestId('node-error')).toBeVisible();

  // Drag a dense layer from the palette onto an empty part of the canvas.
  const canvas = page.getByTestId('editor-canvas');
  const box = (await canvas.boundingBox())!;
  await page
    .getByTestId('palette-dense')
    .dragTo(canvas, { targetPosition: { x: box.width * 0.8, y: box.height * 0.62 } });
  await expect(node(page, 'dense1')).toBeVisible();
  await expect(node(page, 'dense1')).toContainText('Dense');
  // Not connected yet: an error on the node, and in the problems list.
  await expect(node(page, 'dense1').getByTestId('node-error-message')).toHaveText(/has no input/);
  await expect(page.getByTestId('problems-list')).toContainText('dense#dense1: has no input');

  await connect(page, 'relu', 'dense1');
  await connect(page, 'dense1', 'logits');

  // Shapes and parameter counts follow: 128 → 64 → 10.
  await expect(node(page, 'dense1').getByTestId('node-shape')).toHaveText('64');
  await expect(node(page, 'dense1').getByTestId('node-params')).toHaveText('8,256 params');
  await expect(node(page, 'logits').getByTestId('node-params')).toHaveText('650 params');
  await expect(edge(page, 'relu', 'dense1')).toHaveText('128');
  await expect(edge(page, 'dense1', 'logits')).toHaveText('64');
  await expect(page.getByTestId('problems-list')).toHaveAttribute('data-count', '0');
  // 100,480 + 8,256 + 650
  await expect(page.getByTestId('problems-list')).toContainText('109,386 params');

  // Undo, by keyboard, each of the four steps: connect, connect, add, remove edge.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('ControlOrMeta+z');
  await expect(edge(page, 'dense1', 'logits')).toHaveCount(0);
  await expect(node(page, 'logits').getByTestId('node-error')).toBeVisible();
  await page.keyboard.press('ControlOrMeta+z');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(node(page, 'dense1')).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(edge(page, 'relu', 'logits')).toHaveText('128');
  await expect(page.getByTestId('problems-list')).toContainText('101,770 params');
  // Back where the template started, so it is the template again.
  await expect(page.getByTestId('template-mlp')).toHaveAttribute('aria-checked', 'true');

  // Redo all four: Shift+Ctrl+Z three times, Ctrl+Y once.
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await page.keyboard.press('Control+y');
  await expect(node(page, 'dense1').getByTestId('node-params')).toHaveText('8,256 params');
  await expect(edge(page, 'dense1', 'logits')).toHaveText('64');
  await expect(page.getByTestId('problems-list')).toContainText('109,386 params');

  // Tidy up: the new layer takes its place in the chain.
  await page.getByTestId('editor-layout').click();
  await page.waitForTimeout(500);
  await page.getByTestId('editor-panel').screenshot({ path: 'test-results/editor.png' });

  expect(problems).toEqual([]);
});

test('edit a layer in the inspector: its form follows the schema, and typing is not a shortcut', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByTestId('template-mlp').click();
  await node(page, 'hidden').click();
  const inspector = page.getByTestId('inspector-node');
  await expect(inspector).toContainText('y = x·Wᵀ + b');

  const units = inspector.getByTestId('param-units');
  await units.fill('0');
  await expect(inspector).toContainText('Enter a whole number above 0');
  await expect(node(page, 'hidden').getByTestId('node-shape')).toHaveText('128');
  // Backspace in a field edits the field; it does not delete the selected node.
  await units.press('Backspace');
  await units.pressSequentially('32');
  await expect(node(page, 'hidden')).toBeVisible();
  await expect(node(page, 'hidden').getByTestId('node-shape')).toHaveText('32');
  await expect(node(page, 'hidden').getByTestId('node-params')).toHaveText('25,120 params');
  await expect(edge(page, 'hidden', 'relu')).toHaveText('32');

  // Rename, and the edges follow.
  const id = inspector.getByTestId('inspector-id');
  await id.fill('relu');
  await expect(inspector).toContainText('Another node is already called "relu"');
  await id.fill('fc1');
  await id.press('Enter');
  await expect(node(page, 'fc1')).toBeVisible();
  await expect(edge(page, 'input', 'fc1')).toBeVisible();

  // Copy and paste, then delete the copy; one undo brings the copy back.
  await node(page, 'fc1').click();
  await page.keyboard.press('ControlOrMeta+c');
  await page.keyboard.press('ControlOrMeta+v');
  await expect(node(page, 'fc2')).toBeVisible();
  await page.keyboard.press('Delete');
  await expect(node(page, 'fc2')).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(node(page, 'fc2')).toBeVisible();
  await node(page, 'fc2').click();
  await page.keyboard.press('ControlOrMeta+d');
  await expect(node(page, 'fc3')).toBeVisible();

  await page.getByTestId('editor-layout').click();
  await page.waitForTimeout(500);
  await page.getByTestId('editor-panel').screenshot({ path: 'test-results/editor-edited.png' });
});
