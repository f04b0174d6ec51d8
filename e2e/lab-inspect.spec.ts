import { expect, expectNoConsoleErrors, open, startTraining, test } from './fixtures';

/**
 * Chapter 7's inspection panels on a model trained here on a small subset: evaluation (confusion
 * matrix, a cell's images, the mistakes), drawing a digit with pointer strokes, and the
 * activation maps inside the network.
 */
test('train a small model, evaluate it, open a matrix cell, draw a digit and look inside', async ({ page, consoleErrors }) => {
  test.setTimeout(420_000);
  await open(page, '/en/07-mnist-lab');

  // Before any training the panels ask for a model.
  const evalPanel = page.locator('[data-panel="mnist-eval"]');
  await evalPanel.scrollIntoViewIfNeeded();
  await expect(evalPanel.getByTestId('lab-model-none')).toBeVisible();
  await expect(evalPanel.getByTestId('lab-go-trainer')).toBeVisible();

  // Train on 2,000 images for 1 epoch.
  const trainer = await startTraining(page, 2000, 1);
  await expect(trainer.getByTestId('train-status')).toHaveAttribute('data-status', 'done', { timeout: 240_000 });

  // Evaluate on the whole test set.
  await evalPanel.scrollIntoViewIfNeeded();
  await expect(evalPanel.getByTestId('lab-model')).toBeVisible();
  await evalPanel.getByTestId('eval-start').click();
  await expect(evalPanel.getByTestId('eval-results')).toBeVisible({ timeout: 180_000 });
  const acc = Number(await evalPanel.getByTestId('eval-accuracy').getAttribute('data-value'));
  expect(acc).toBeGreaterThan(0.5);
  const matrix = evalPanel.getByTestId('eval-confusion');
  await expect(matrix).toBeVisible();
  // 100 cells whose counts add up to the 10,000 test images.
  const counts = await matrix.locator('[data-testid^="cm-"]').evaluateAll((els) =>
    els.map((e) => Number(e.getAttribute('data-count') ?? e.textContent)),
  );
  expect(counts).toHaveLength(100);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(10000);

  // The misclassified gallery, with top-3 probabilities.
  const gallery = evalPanel.getByTestId('eval-gallery');
  await expect(gallery).toHaveAttribute('data-filter', 'all');
  await expect(gallery.getByTestId('eval-gallery-item').first()).toBeVisible({ timeout: 30_000 });
  await expect(gallery.getByTestId('eval-gallery-item').first().locator('.eval-top li')).toHaveCount(3);

  // Click the largest off-diagonal cell and see exactly its images.
  const cell = await matrix.locator('button[data-count]').evaluateAll((els) => {
    let best = { id: '', n: -1 };
    for (const e of els) {
      const [, t, p] = (e.getAttribute('data-testid') ?? '').split('-');
      const n = Number(e.getAttribute('data-count'));
      if (t !== p && n > best.n) best = { id: e.getAttribute('data-testid') ?? '', n };
    }
    return best;
  });
  expect(cell.n).toBeGreaterThan(0);
  await matrix.getByTestId(cell.id).click();
  const [, ti, pi] = cell.id.split('-');
  await expect(gallery).toHaveAttribute('data-filter', `${ti}-${pi}`);
  await expect(gallery).toHaveAttribute('data-count', String(cell.n));
  await expect(gallery.getByTestId('eval-gallery-item')).toHaveCount(Math.min(48, cell.n));
  await expect(gallery.getByTestId('eval-gallery-item').first().locator('.eval-item-title')).toContainText(`${ti} → ${pi}`);

  // Inside the network: filters and every conv/pool layer's maps for a test digit.
  const inside = page.locator('[data-panel="mnist-inside"]');
  await inside.scrollIntoViewIfNeeded();
  await expect(inside.getByTestId('inside-filters').locator('button')).toHaveCount(32, { timeout: 60_000 });
  await expect(inside.getByTestId('inside-layer-0')).toHaveAttribute('data-shape', '26x26x32');
  await expect(inside.getByTestId('inside-layer-1')).toHaveAttribute('data-shape', '13x13x32');
  await expect(inside.getByTestId('inside-layer-2')).toHaveAttribute('data-shape', '11x11x64');
  await expect(inside.getByTestId('inside-layer-3')).toHaveAttribute('data-shape', '5x5x64');
  await inside.getByTestId('inside-digit-3').click();
  await expect(inside.getByTestId('inside-input')).toContainText('label 3');
  await expect(inside.getByTestId('inside-prediction')).toBeVisible();

  // Draw a 7 with pointer strokes: the top-3 prediction appears.
  const draw = page.locator('[data-panel="mnist-draw"]');
  await draw.scrollIntoViewIfNeeded();
  await expect(draw.getByTestId('draw-empty')).toBeVisible();
  const canvas = draw.getByTestId('draw-canvas');
  const box = (await canvas.boundingBox())!;
  const at = (x: number, y: number) => [box.x + (x / 280) * box.width, box.y + (y / 280) * box.height] as const;
  await page.mouse.move(...at(70, 60));
  await page.mouse.down();
  for (const [x, y] of [
    [120, 60],
    [170, 60],
    [210, 62],
    [190, 110],
    [165, 160],
    [145, 205],
    [130, 240],
  ]) {
    await page.mouse.move(...at(x, y), { steps: 6 });
  }
  await page.mouse.up();
  const top3 = draw.getByTestId('draw-top3');
  await expect(top3).toBeVisible({ timeout: 30_000 });
  await expect(top3.locator('li')).toHaveCount(3);
  await expect(draw.getByTestId('draw-probs').locator('li')).toHaveCount(10);
  await expect(draw.getByTestId('draw-preprocessed')).toHaveAttribute('data-empty', 'false');

  // Keyboard route: a test digit into the canvas, then clear back to the prompt.
  await draw.getByTestId('draw-digit-0').click();
  await expect(draw.getByText('Test image #')).toBeVisible();
  await expect(top3).toBeVisible();
  await draw.getByTestId('draw-clear').click();
  await expect(draw.getByTestId('draw-empty')).toBeVisible();

  // The drawing reaches the inside panel.
  await draw.getByTestId('draw-digit-1').click();
  await expect(inside.getByTestId('inside-drawing')).toBeEnabled();
  await inside.getByTestId('inside-drawing').click();
  await expect(inside.getByTestId('inside-drawing')).toHaveAttribute('aria-pressed', 'true');
  await expect(inside.getByTestId('inside-layer-0')).toBeVisible();

  expectNoConsoleErrors(consoleErrors);
});
