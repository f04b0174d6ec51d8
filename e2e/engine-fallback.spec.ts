import type { Worker } from '@playwright/test';
import { expect, expectNoConsoleErrors, open, startTraining, test } from './fixtures';

const points = async (l: { getAttribute(n: string): Promise<string | null> }) => Number((await l.getAttribute('data-points')) ?? 0);

test('a lost WebGL context mid-run: notice, switch to the next backend, training goes on with no curve points lost', async ({ page, consoleErrors }) => {
  test.setTimeout(240_000);
  await open(page, '/en/01-neuron?backend=webgl');
  const panel = await startTraining(page, 512, 20);
  await expect(panel.getByTestId('backend-badge')).toHaveText(/^Training runs on: WebGL/, { timeout: 60_000 });
  const chart = panel.locator('.line-chart');
  await expect.poll(() => points(chart), { timeout: 150_000 }).toBeGreaterThanOrEqual(3);

  const isTrainingWorker = async (w: Worker) => w.evaluate(() => typeof (self as unknown as { nnlabLoseGpu?: unknown }).nnlabLoseGpu === 'function');
  let worker: Worker | undefined;
  for (const w of page.workers()) if (await isTrainingWorker(w)) worker = w;
  expect(worker, 'the training worker').toBeDefined();
  const before = await points(chart);
  expect(await worker!.evaluate(() => (self as unknown as { nnlabLoseGpu: () => boolean }).nnlabLoseGpu())).toBe(true);

  await expect(page.getByTestId('notice').filter({ hasText: 'switched automatically' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('notice').filter({ hasText: 'webgl →' })).toBeVisible();
  await expect(panel.getByTestId('backend-badge')).toHaveText(/^Training runs on: (WebAssembly|plain JavaScript)/);
  await expect(panel.getByTestId('backend-badge')).toHaveAttribute('data-reason', 'fallback');
  await expect(panel.getByTestId('train-status')).toHaveAttribute('data-status', 'running');
  // The curve keeps every point it had and grows on the new backend.
  expect(await points(chart)).toBeGreaterThanOrEqual(before);
  await expect.poll(() => points(chart), { timeout: 60_000 }).toBeGreaterThan(before + 5);
  await panel.getByTestId('train-stop').click();
  await expect(panel.getByTestId('train-status')).toHaveAttribute('data-status', 'stopped');
  // Chromium logs the lost context itself; anything else is ours.
  expectNoConsoleErrors(consoleErrors.filter((e) => !/CONTEXT_LOST|context lost/i.test(e)));
});
