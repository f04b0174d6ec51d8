import { expect, expectNoConsoleErrors, open, startTraining, test } from './fixtures';

test('chapter 1 renders maths and a diagram, and switches language', async ({ page, consoleErrors }) => {
  await open(page, '/zh/01-neuron');
  const article = page.locator('article.prose');
  await expect(article.locator('h1')).toBeVisible();
  const zhTitle = await article.locator('h1').innerText();
  expect(zhTitle).toMatch(/[\u4e00-\u9fff]/);
  // KaTeX-rendered maths, inline and display
  await expect(article.locator('.katex').first()).toBeVisible();
  expect(await article.locator('.katex-display').count()).toBeGreaterThan(0);
  // A Mermaid diagram rendered to SVG
  await expect(article.locator('.mermaid-diagram svg').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-testid="error-box"]')).toHaveCount(0);

  await page.getByTestId('lang-en').click();
  await expect(page).toHaveURL(/#\/en\/01-neuron/);
  await expect(article.locator('h1')).not.toHaveText(zhTitle);
  expect(await article.locator('h1').innerText()).toMatch(/[A-Za-z]/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(article.locator('.mermaid-diagram svg').first()).toBeVisible({ timeout: 30_000 });
  expectNoConsoleErrors(consoleErrors);
});

test('a broken formula or diagram shows an error in place; the rest renders', async ({ page }) => {
  await open(page, '/playground');
  const src = page.getByTestId('playground-source');
  await src.fill(
    ['# Title', '', 'Good: $a^2 + b^2$ and bad: $\\frac{1}{$ end.', '', '```mermaid', 'flowchart LR', '  A[[[ -->', '```', '', 'Still here after the errors.'].join('\n'),
  );
  const preview = page.getByTestId('playground-preview');
  await expect(preview.locator('.katex').first()).toBeVisible();
  await expect(preview.locator('[data-testid="error-box"]')).toHaveCount(2, { timeout: 30_000 });
  await expect(preview.getByText('Still here after the errors.')).toBeVisible();
  await expect(preview.getByRole('heading', { name: 'Title' })).toBeVisible();
});

test('trains the seed CNN in a worker on a subset: curve grows, loss falls, stop works', async ({ page, consoleErrors }) => {
  await open(page, '/en/01-neuron');
  const panel = await startTraining(page, 3000, 3);
  const chart = panel.locator('.line-chart');
  await expect(chart).toBeVisible();
  await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 90_000 }).toBeGreaterThanOrEqual(2);
  const firstLoss = Number(await panel.getByTestId('train-loss').innerText());
  const pointsEarly = Number(await chart.getAttribute('data-points'));
  await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 90_000 }).toBeGreaterThan(pointsEarly + 20);
  await expect.poll(async () => Number(await panel.getByTestId('train-loss').innerText()), { timeout: 60_000 }).toBeLessThan(firstLoss * 0.6);
  // The backend that runs is shown.
  await expect(panel.getByTestId('backend-badge')).toHaveText(/WebGPU|WebGL|WebAssembly|JavaScript/);
  await panel.getByTestId('train-stop').click();
  await expect(panel.getByTestId('train-status')).toHaveAttribute('data-status', 'stopped');
  const pointsAtStop = Number(await chart.getAttribute('data-points'));
  await page.waitForTimeout(1500);
  expect(Number(await chart.getAttribute('data-points'))).toBe(pointsAtStop);
  expectNoConsoleErrors(consoleErrors);
});
