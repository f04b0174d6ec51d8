import type { Locator, Page } from '@playwright/test';
import { expect, expectNoConsoleErrors, open, test } from './fixtures';

/** Chapter 7's trainer: a quick first run by default, divergence said out loud, a runs table that fits. */

const trainer = (page: Page) => page.locator('[data-panel="mnist-trainer"]');
const runsPanel = (page: Page) => page.locator('[data-panel="mnist-runs"]');

/** The uPlot legend's value cells of a chart (the x column first). */
const legendValues = (chart: Locator) => chart.locator('.u-legend .u-value').allInnerTexts();

/** "min,max" from the chart's data attribute, as numbers. */
async function range(chart: Locator, attr: string): Promise<number[]> {
  const v = await chart.getAttribute(attr);
  return (v ?? '').split(',').map(Number);
}

test('the trainer starts with the quick run; the full recipe is one click away, labelled with its time, in both languages', async ({ page, consoleErrors }) => {
  await open(page, '/en/07-mnist-lab');
  const panel = trainer(page);
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.getByTestId('setting-epochs')).toHaveValue('2');
  await expect(panel.getByTestId('setting-subset')).toHaveValue('5000');
  const presets = panel.getByTestId('trainer-presets');
  await expect(presets).toHaveAttribute('data-preset', 'quick');
  await expect(panel.getByTestId('trainer-preset-quick')).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.getByTestId('trainer-preset-quick')).toContainText('5,000 images × 2 epochs · under 1 min');
  const full = panel.getByTestId('trainer-preset-full');
  await expect(full).toContainText('Full recipe');
  await expect(full).toContainText('60,000 images × 10 epochs · about 10–20 min');

  await full.click();
  await expect(panel.getByTestId('setting-epochs')).toHaveValue('10');
  await expect(panel.getByTestId('setting-subset')).toHaveValue('60000');
  await expect(full).toHaveAttribute('aria-pressed', 'true');
  await panel.getByTestId('setting-epochs').fill('3');
  await expect(presets).toHaveAttribute('data-preset', 'custom');

  await open(page, '/zh/07-mnist-lab');
  await trainer(page).scrollIntoViewIfNeeded();
  await expect(trainer(page).getByTestId('trainer-preset-quick')).toContainText('快速试跑');
  await expect(trainer(page).getByTestId('trainer-preset-full')).toContainText('完整配方');
  await expect(trainer(page).getByTestId('trainer-preset-full')).toContainText('10 轮');

  // An embed with explicit settings keeps them.
  await open(page, '/embed/panel/mnist-trainer?lang=en&epochs=3&subset=4000');
  await expect(page.getByTestId('setting-epochs')).toHaveValue('3');
  await expect(page.getByTestId('setting-subset')).toHaveValue('4000');
  await expect(page.getByTestId('trainer-presets')).toHaveAttribute('data-preset', 'custom');
  expectNoConsoleErrors(consoleErrors);
});

test('a quick run: accuracy axes span 0–1, legends show the latest values, the runs table fits its box with details on demand', async ({ page, consoleErrors }) => {
  // Generous limits: the quick run takes seconds on an idle machine, minutes on a busy CI box.
  test.setTimeout(480_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await open(page, '/en/07-mnist-lab');
  const panel = trainer(page);
  await panel.scrollIntoViewIfNeeded();
  // The defaults, untouched: the quick run.
  await panel.getByTestId('train-start').click();
  await expect(panel.getByTestId('train-status')).toHaveAttribute('data-status', 'done', { timeout: 420_000 });
  await expect(panel.getByTestId('train-divergence')).toHaveCount(0);

  const epochChart = panel.getByTestId('epoch-chart');
  await expect(epochChart).toHaveAttribute('data-points', '2');
  const [lo, hi] = await range(epochChart, 'data-y2-range');
  expect(lo).toBe(0);
  expect(hi).toBe(1);
  // Cursor elsewhere: every legend entry shows a number (epoch 2 first), none shows "--".
  await page.mouse.move(5, 5);
  const values = await legendValues(epochChart);
  expect(values[0]).toBe('2');
  for (const v of values) expect(v).toMatch(/^\d/);

  const runs = runsPanel(page);
  await runs.scrollIntoViewIfNeeded();
  const wrap = runs.getByTestId('runs-table-wrap');
  const fit = await wrap.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(fit.scroll, `runs table ${fit.scroll}px in a ${fit.client}px box`).toBeLessThanOrEqual(fit.client);
  const row = runs.getByTestId('run-row').first();
  for (const head of ['Name', 'Status', 'Epochs', 'Final val', 'Best val', 'Test acc', 'Time']) await expect(runs.locator('thead')).toContainText(head);
  await expect(row).toContainText('2/2');
  await expect(row.getByTestId('run-val-acc')).toHaveText(/^\d+\.\d\d%$/);
  // Details on demand: settings and actions appear under the row, and the table still fits.
  await expect(runs.getByTestId('run-details')).toHaveCount(0);
  const toggle = row.getByTestId('run-details-toggle');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const details = runs.getByTestId('run-details');
  await expect(details).toBeVisible();
  await expect(details).toContainText('adam');
  await expect(details).toContainText('4,500');
  await expect(details.getByTestId('run-export')).toBeVisible();
  const fit2 = await wrap.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(fit2.scroll).toBeLessThanOrEqual(fit2.client);
  // The runs chart compares validation accuracy on a 0–1 axis.
  const [rlo, rhi] = await range(runs.getByTestId('runs-chart'), 'data-y-range');
  expect([rlo, rhi]).toEqual([0, 1]);

  // On a phone the table scrolls inside its own box, which stays within the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await wrap.scrollIntoViewIfNeeded();
  const box = await wrap.boundingBox();
  expect(box!.width).toBeLessThanOrEqual(390);
  expect(await wrap.evaluate((el) => getComputedStyle(el).overflowX)).toBe('auto');
  expectNoConsoleErrors(consoleErrors);
});

test('learning rate 1 with Adam: the run ends with a divergence notice in the reader’s language, and its button applies the fix', async ({ page, consoleErrors }) => {
  test.setTimeout(360_000);
  await open(page, '/en/07-mnist-lab');
  const panel = trainer(page);
  await panel.scrollIntoViewIfNeeded();
  await panel.getByTestId('setting-subset').fill('500');
  await panel.getByTestId('setting-epochs').fill('1');
  await panel.getByTestId('setting-lr').fill('1');
  await expect(panel.getByTestId('setting-optimizer')).toHaveValue('adam');
  await panel.getByTestId('train-start').click();
  await expect(panel.getByTestId('train-status')).toHaveAttribute('data-status', 'done', { timeout: 300_000 });

  const notice = panel.getByTestId('train-divergence');
  await expect(notice).toBeVisible();
  await expect(notice).toHaveAttribute('data-code', /^(exploded|nan)$/);
  await expect(notice).toContainText('a learning rate of 1 is too high for Adam');
  await expect(notice).toContainText('Try a learning rate of 0.001');
  await expect(runsPanel(page).getByTestId('run-diverged')).toHaveText('diverged');
  await notice.getByTestId('train-divergence-apply').click();
  await expect(panel.getByTestId('setting-lr')).toHaveValue('0.001');
  await expect(notice.getByTestId('train-divergence-applied')).toContainText('Learning rate set to 0.001');

  // The same run, read in Chinese.
  await open(page, '/zh/07-mnist-lab');
  const zh = trainer(page).getByTestId('train-divergence');
  await zh.scrollIntoViewIfNeeded();
  await expect(zh).toContainText('训练发散了');
  await expect(zh).toContainText('对 Adam 来说，学习率 1 太大了');
  await expect(zh).toContainText('试试学习率 0.001');
  expectNoConsoleErrors(consoleErrors);
});
