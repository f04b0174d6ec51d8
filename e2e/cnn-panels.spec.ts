import { expect, expectNoConsoleErrors, open, test } from './fixtures';

/** Chapter 6's panels, each opened alone at the embed route. */

test.describe('conv-explorer', () => {
  test('loads real MNIST digits, recomputes on a new kernel and stride, and explains a pixel (en)', async ({ page, consoleErrors }) => {
    await open(page, '/embed/panel/conv-explorer?lang=en');
    const panel = page.locator('[data-panel="conv-explorer"]');
    // The test split's first shard arrives (the synthetic stand-ins are replaced).
    await expect(panel.getByTestId('conv-digits')).toHaveAttribute('data-source', 'mnist', { timeout: 60_000 });
    await expect(panel.getByTestId('conv-digit-3')).toBeVisible();
    await expect(page.locator('[data-testid="error-box"]')).toHaveCount(0);

    const out = panel.getByTestId('conv-output');
    await expect(panel.getByTestId('conv-output-size')).toHaveText('26×26');
    const edge = await out.getAttribute('data-checksum');
    await panel.getByTestId('conv-kernel-preset').selectOption('blur');
    await expect(out).not.toHaveAttribute('data-checksum', edge ?? '');
    await expect(panel.getByTestId('conv-kernel-sum')).toHaveText('1');

    // Stride 2 on 28 with a 3×3 kernel: ⌊25/2⌋ + 1 = 13.
    await panel.getByTestId('conv-stride').selectOption('2');
    await expect(panel.getByTestId('conv-output-size')).toHaveText('13×13');
    await expect(panel.locator('.conv-formula .katex').first()).toBeVisible();

    // Keyboard: the window moves to the corner, where a blurred MNIST background sums to 0.
    await out.focus();
    await page.keyboard.press('Home');
    await expect(out).toHaveAttribute('data-selected', '0,0');
    await expect(panel.getByTestId('conv-sum')).toHaveText('0');
    await page.keyboard.press('ArrowRight');
    await expect(out).toHaveAttribute('data-selected', '0,1');

    // Editing a kernel cell by keyboard makes it a custom kernel.
    await panel.getByTestId('conv-kernel-4').focus();
    await page.keyboard.press('ArrowUp');
    await expect(panel.getByTestId('conv-kernel-4')).toHaveValue(/^1\.11/);
    await expect(panel.getByTestId('conv-kernel-preset')).toHaveValue('custom');

    // Pooling adds a stage with its own size.
    await panel.getByTestId('conv-pool').selectOption('max');
    await expect(panel.getByTestId('conv-pooled-size')).toHaveText('6×6');
    expectNoConsoleErrors(consoleErrors);
  });

  test('honours settings and switches digits (zh)', async ({ page, consoleErrors }) => {
    await open(page, '/embed/panel/conv-explorer?lang=zh&kernel=sharpen&padding=same&relu=true');
    const panel = page.locator('[data-panel="conv-explorer"]');
    await expect(panel.getByTestId('conv-digits')).toHaveAttribute('data-source', 'mnist', { timeout: 60_000 });
    await expect(page.locator('[data-testid="error-box"]')).toHaveCount(0);
    await expect(panel.getByTestId('conv-output-size')).toHaveText('28×28');
    await expect(panel.getByTestId('conv-kernel-preset')).toHaveValue('sharpen');
    await expect(panel.getByText('输出尺寸')).toBeVisible();
    const before = await panel.getByTestId('conv-output').getAttribute('data-checksum');
    await panel.getByTestId('conv-digit-0').click();
    await expect(panel.getByTestId('conv-digit-0')).toHaveAttribute('aria-pressed', 'true');
    await expect(panel.getByTestId('conv-output')).not.toHaveAttribute('data-checksum', before ?? '');
    expectNoConsoleErrors(consoleErrors);
  });

  test('bad settings show a message and the panel keeps working with defaults', async ({ page }) => {
    await open(page, '/embed/panel/conv-explorer?lang=en&kernel=nope&stride=9');
    const panel = page.locator('[data-panel="conv-explorer"]');
    await expect(panel.getByTestId('error-box').first()).toContainText('"kernel" must be one of');
    await expect(panel.getByTestId('error-box').first()).toContainText('"stride" must be between 1 and 3');
    await expect(panel.getByTestId('conv-output-size')).toHaveText('26×26');
  });
});

test.describe('cnn-builder', () => {
  test('shows the seed CNN, updates shapes and parameters on edits, and flags an impossible layer (en)', async ({ page, consoleErrors }) => {
    await open(page, '/embed/panel/cnn-builder?lang=en');
    const panel = page.locator('[data-panel="cnn-builder"]');
    await expect(panel.getByTestId('cnn-total-params')).toHaveText('121,930');
    await expect(page.locator('[data-testid="error-box"]')).toHaveCount(0);
    await expect(panel.getByTestId('cnn-shape-4')).toHaveText('1600');
    await expect(panel.getByTestId('cnn-diagram')).toBeVisible();

    // Both convolutions 'same': 28 → 28 → 14 → 14 → 7, flatten 7·7·64 = 3136.
    await panel.getByTestId('cnn-0-padding').selectOption('same');
    await panel.getByTestId('cnn-2-padding').selectOption('same');
    await expect(panel.getByTestId('cnn-shape-4')).toHaveText('3136');
    await expect(panel.getByTestId('cnn-total-params')).toHaveText((320 + 18_496 + 3136 * 64 + 64 + 650).toLocaleString('en-US'));
    await expect(panel.getByTestId('cnn-share-url')).toHaveValue(/layers=conv:32:3:1:same:relu/);

    // A 30×30 kernel can't fit a 28×28 input: the error sits on layer 1, the rest still shows.
    await panel.getByTestId('cnn-0-padding').selectOption('valid');
    await panel.getByTestId('cnn-0-kernel').fill('30');
    const rowError = panel.locator('.cnn-error-row [data-testid="error-box"]');
    await expect(rowError).toHaveCount(1);
    await expect(rowError).toContainText('Layer 1 (conv2d)');
    await expect(panel.getByTestId('cnn-shape-0')).toHaveText('—');
    await expect(panel.getByTestId('cnn-shape-6')).toHaveText('10');
    await expect(panel.getByTestId('cnn-status')).toHaveAttribute('data-ok', 'false');
    expectNoConsoleErrors(consoleErrors);
  });

  test('starts from a preset, removes and adds layers (zh)', async ({ page, consoleErrors }) => {
    await open(page, '/embed/panel/cnn-builder?lang=zh&preset=mlp');
    const panel = page.locator('[data-panel="cnn-builder"]');
    await expect(page.locator('[data-testid="error-box"]')).toHaveCount(0);
    await expect(panel.getByTestId('cnn-preset-mlp')).toHaveAttribute('aria-pressed', 'true');
    // 784·128 + 128 + 128·10 + 10.
    await expect(panel.getByTestId('cnn-total-params')).toHaveText('101,770');
    // Remove the hidden layer: a linear classifier, 784·10 + 10.
    await panel.getByTestId('cnn-remove-1').click();
    await expect(panel.getByTestId('cnn-total-params')).toHaveText('7,850');
    // A dense layer before flatten is an error on that layer, in Chinese.
    await panel.getByTestId('cnn-add-type').selectOption('dense');
    await panel.getByTestId('cnn-add-at').selectOption('0');
    await panel.getByTestId('cnn-add').click();
    await expect(panel.locator('.cnn-error-row [data-testid="error-box"]')).toContainText('第 1 层');
    await expect(panel.locator('.cnn-error-row [data-testid="error-box"]')).toContainText('flatten');
    await panel.getByTestId('cnn-preset-seed').click();
    await expect(panel.getByTestId('cnn-total-params')).toHaveText('121,930');
    await expect(page.locator('[data-testid="error-box"]')).toHaveCount(0);
    expectNoConsoleErrors(consoleErrors);
  });
});
